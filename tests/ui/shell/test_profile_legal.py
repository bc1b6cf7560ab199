"""The profile dialog's legal identity tab: what invoices carry, saved without losing the other fields."""

from __future__ import annotations

import dataclasses

from clustermanager.models import ClusterKind
from clustermanager.services import cluster
from clustermanager.ui.shell.profile_dialog import ProfileDialog


def test_legal_identity_is_edited_and_the_rest_kept(qtbot, session, tmp_path):
    saved = cluster.save_profile(session, cluster.ProfileData(
        name="Test Cluster", kind=ClusterKind.IBN, enterprise_number="0417497106", country="BE",
        notes="kept", iban="BE71096123456769"))
    dialog = ProfileDialog(saved)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.legal_form.setCurrentText("vzw")
    dialog.legal_register.setCurrentText("RPR")
    qtbot.keyClicks(dialog.court_division, "Gent, afdeling Gent")
    qtbot.keyClicks(dialog.bic, "GKCCBEBB")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    qtbot.keyClicks(dialog.peppol_id, "not an id")
    assert not save.isEnabled()
    dialog.peppol_id.clear()
    assert save.isEnabled()
    dialog.resize(dialog.sizeHint())
    dialog.grab().save(str(tmp_path / "profile-legal.png"))
    result = cluster.save_profile(session, dialog.data())
    assert (result.legal_form, result.legal_register, result.court_division, result.bic, result.notes) == (
        "vzw", "RPR", "Gent, afdeling Gent", "GKCCBEBB", "kept")
    assert result.effective_vat_number == "BE0417497106" and result.effective_peppol_id == "0208:0417497106"
    dialog.vat_registered.setChecked(False)
    assert not dialog.vat_number.isEnabled()
    assert cluster.save_profile(session, dialog.data()).effective_vat_number is None
    assert dataclasses.replace(result, vat_registered=False) != result
