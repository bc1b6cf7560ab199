"""Every dialog of the window, opened over the demo cluster the way a user opens it (not exec()'d).

`DIALOGS` maps a name to `open(window) -> QDialog` (shown, its record read); a member dialog also
names each of its tabs (`member:Fees`). The layout, readability, screen-reader tests and
tools/screenshots.py walk the same list, so a new dialog added here is checked everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QApplication, QDialog, QTabWidget


def _settled(window, dialog: QDialog) -> QDialog:
    dialog.show()
    for _ in range(3):
        window.ctx.tasks.wait_idle()
        QApplication.processEvents()
    return dialog


def _first_member(window):
    members = window.show_screen("members")
    window.ctx.tasks.wait_idle()
    return members, members.model.rows[0].id


def _member(window) -> QDialog:
    members, member_id = _first_member(window)
    return _settled(window, members.open_member(member_id))


def _new_member(window) -> QDialog:
    members, _id = _first_member(window)
    return _settled(window, members.open_member(None))


def _record(key: str, new: bool = False) -> Callable:
    def open_(window) -> QDialog:
        screen = window.show_screen(key)
        window.ctx.tasks.wait_idle()
        return _settled(window, screen.open_record(None if new else screen.model.rows[0].id))

    return open_


def _first_call(window):
    fees = window.show_screen("fees")
    window.ctx.tasks.wait_idle()
    calls = fees.snapshot.calls
    return next((c for c in calls if 0 < c.paid < c.total), calls[0])


def _plain(make: Callable) -> Callable:
    def open_(window) -> QDialog:
        return _settled(window, make(window))

    return open_


def _payment(window):
    from clustermanager.ui.fees.dialogs import PaymentDialog

    return PaymentDialog(_first_call(window), window)


def _fee(window):
    from clustermanager.services import fees
    from clustermanager.ui.fees.fee_dialog import FeeDialog

    with window.ctx.db.session() as session:
        entry = next(e for e in fees.get_schedule(session, 2025) if e.category == "medium")
    return FeeDialog(2025, window, entry=entry)


def _budget(window):
    from clustermanager.ui.fees.dialogs import BudgetDialog

    return BudgetDialog(2025, Decimal("584000"), Decimal("292000"), window)


def _in_kind(window):
    from clustermanager.ui.fees.dialogs import InKindDialog

    return InKindDialog(2025, window)


def _credit(window):
    from clustermanager.ui.fees.invoicing import CreditDialog

    return CreditDialog(_first_call(window), window)


def _contact(window):
    from clustermanager.ui.members.contacts import ContactDialog

    return ContactDialog(None, window)


def _picker(window):
    from clustermanager.ui.activities.detail import ContactPicker

    return ContactPicker(window.ctx, window)


def _outside(window):
    from clustermanager.ui.activities.detail import OutsidePersonDialog

    return OutsidePersonDialog(window)


def _kinds(window):
    from clustermanager.ui.activities.kinds_dialog import ActivityKindsDialog

    return ActivityKindsDialog(window.ctx, window)


def _templates(window):
    from clustermanager.ui.mailings.templates_dialog import TemplatesDialog

    return TemplatesDialog(window.ctx, window)


def _preferences(window):
    from clustermanager.ui.shell.preferences import PreferencesDialog

    return PreferencesDialog(window.ctx, window)


def _profile(window):
    from clustermanager.services.cluster import get_profile
    from clustermanager.ui.shell.profile_dialog import ProfileDialog

    with window.ctx.db.session() as session:
        profile = get_profile(session)
    return ProfileDialog(profile, window)


def _about(window):
    from clustermanager.about import about_info
    from clustermanager.ui.shell.about_dialog import AboutDialog

    return AboutDialog(about_info(window.ctx.db.display_name), window)


def _import_members(window):
    from clustermanager.ui.exchange.import_wizard import ImportWizard

    return ImportWizard(window.ctx, window)


def _connect(window):
    from clustermanager.ui.database.connect_server import ConnectDialog

    return ConnectDialog(window)


def _first_run(window):
    from clustermanager.ui.database.first_run import FirstRunDialog

    return FirstRunDialog(window)


DIALOGS: dict[str, Callable] = {
    "member": _member,
    "member-new": _new_member,
    "contact": _plain(_contact),
    "activity": _record("activities"),
    "activity-new": _record("activities", new=True),
    "contact-picker": _plain(_picker),
    "outside-person": _plain(_outside),
    "activity-kinds": _plain(_kinds),
    "project": _record("projects"),
    "project-new": _record("projects", new=True),
    "payment": _plain(_payment),
    "fee": _plain(_fee),
    "budget": _plain(_budget),
    "in-kind": _plain(_in_kind),
    "credit-note": _plain(_credit),
    "mail-templates": _plain(_templates),
    "preferences": _plain(_preferences),
    "profile": _plain(_profile),
    "about": _plain(_about),
    "import-members": _plain(_import_members),
    "connect-server": _plain(_connect),
    "first-run": _plain(_first_run),
}


def pages(dialog: QDialog):
    """Yields each tab's title of the dialog's main tab widget with that tab shown ("" for no tabs)."""
    tabs = dialog.findChild(QTabWidget)
    if tabs is None or tabs.count() < 2:
        yield ""
        return
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield tabs.tabText(index).replace("&", "")
