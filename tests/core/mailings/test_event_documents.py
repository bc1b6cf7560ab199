"""Sign-in sheet, badges and certificates: written, read back as text (pdftotext), in nl and fr."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from clustermanager.errors import UserError, ValidationError
from clustermanager.reports.badges import write_badges
from clustermanager.reports.certificates import write_certificates
from clustermanager.reports.event_sheets import write_sign_in_sheet
from clustermanager.services import activities, members

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def event(db):
    with db.session() as s:
        z = members.create_member(s, members.MemberInput(name="Zeta Énergie SA", kind="company", size_class="small",
                                                         joined_on=dt.date(2020, 1, 1))).id
        a = members.create_member(s, members.MemberInput(name="Alfa NV", kind="company", size_class="large",
                                                         joined_on=dt.date(2020, 1, 1))).id
        cz = members.add_contact(s, z, members.ContactInput(first_name="Hélène", last_name="Dupré")).id
        ca = members.add_contact(s, a, members.ContactInput(first_name="Jan", last_name="Peeters")).id
        act = activities.create_activity(s, activities.ActivityInput(
            kind="training", title="Veiligheid op de werf", starts_on=dt.date(2026, 5, 4), start_time="09:30",
            location="Gent")).id
        activities.add_contact_participant(s, act, cz, attended=True)
        activities.add_contact_participant(s, act, ca)
    return act


@pytest.mark.parametrize("lang, word", [("nl", "Handtekening"), ("fr", "Signature")])
def test_sign_in_sheet_sorted_by_organisation_with_walk_in_rows(db, event, tmp_path, lang, word):
    with db.session() as s:
        path = write_sign_in_sheet(s, event, tmp_path / "sheet.pdf", lang=lang)
    text = _text(path)
    assert word in text and "Veiligheid op de werf" in text
    assert text.index("Alfa NV") < text.index("Zeta Énergie SA")  # by organisation, accents printed


def test_badges_on_each_layout_and_unknown_layout_refused(db, event, tmp_path):
    with db.session() as s:
        for code in ("L7163", "L7159", "L7165"):
            text = _text(write_badges(s, event, tmp_path / f"{code}.pdf", layout=code))
            assert "Hélène Dupré" in text and "Zeta Énergie SA" in text and "Jan Peeters" in text
        with pytest.raises(ValidationError):
            write_badges(s, event, tmp_path / "x.pdf", layout="L9999")


def test_certificates_only_for_attendees(db, event, tmp_path):
    with db.session() as s:
        text = _text(write_certificates(s, event, tmp_path / "c.pdf", lang="fr"))
    assert "Hélène Dupré" in text and "Jan Peeters" not in text
    assert "attestation" in text.lower()


def test_certificates_need_attendance(db, tmp_path):
    with db.session() as s:
        act = activities.create_activity(s, activities.ActivityInput(kind="training", title="Leeg",
                                                                     starts_on=dt.date(2026, 1, 1))).id
        with pytest.raises(UserError):
            write_certificates(s, act, tmp_path / "c.pdf")
