"""Take the user guide's screenshots from the real window, offscreen, on a fresh demo database.

    PYTHONPATH=$PWD python docs/screenshots.py            # writes docs/images/*.png
    PYTHONPATH=$PWD python docs/screenshots.py /tmp/shots # somewhere else, to look before committing

Modal questions (message boxes, confirmations) are shown without blocking and grabbed, so every
screen and dialog of the guide comes from the application itself.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CLUSTERMANAGER_HOME"] = tempfile.mkdtemp(prefix="cm-screens-")

IMAGES = Path(__file__).parent / "images"
WIDTH = 1100  # the guide's pictures are scaled to this width at most


def slug(text: str) -> str:
    """A file name from a tab's title: "Payments to match (0)" -> "payments-to-match"."""
    words = "".join(ch if ch.isalnum() else " " for ch in text.replace("&", "").split("(")[0])
    return "-".join(words.lower().split())


class Shots:
    def __init__(self, app, folder: Path):
        self.app, self.folder = app, folder
        folder.mkdir(parents=True, exist_ok=True)

    def settle(self) -> None:
        for _ in range(8):
            self.app.processEvents()

    def save(self, widget, name: str) -> None:
        from PySide6.QtCore import Qt

        self.settle()
        image = widget.grab().toImage()
        if image.width() > WIDTH:
            image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
        path = self.folder / f"{name}.png"
        image.save(str(path), "PNG")
        optimise(path)
        print("wrote", path)


def optimise(path: Path) -> None:
    """256 colours are plenty for a screenshot of the window and keep the guide light (Pillow, if present)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def patch_questions(shots: Shots, names: list[str]) -> None:
    """Message boxes and confirmations: shown, grabbed under the next name of `names`, then answered."""
    from PySide6.QtWidgets import QMessageBox

    from clustermanager.ui.common import dialogs, errors

    def grab(box) -> None:
        box.show()
        shots.save(box, names.pop(0) if names else "message")
        box.close()

    def message_box(parent, title, text, *, critical=False):
        grab(QMessageBox(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Information, title, text,
                         QMessageBox.StandardButton.Ok, parent))

    def confirm(parent, title, text, *, action):
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
        box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # as dialogs.confirm does
        grab(box)
        return False

    def about(parent, title, text):
        grab(QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent))

    errors.message_box = message_box
    dialogs.confirm = confirm
    QMessageBox.about = staticmethod(about)


def member_sheet(folder: Path, existing: tuple[str, str]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Ledenlijst"
    for row in (["Naam", "Ondernemingsnummer", "Gemeente", "Bijzonderheden"],
                ["Nieuw Bedrijf NV", "0403.170.701", "Gent", "via beurs"],
                [existing[0], existing[1], "Kortrijk", None],
                ["Fout BV", "0417.497.107", "Gent", None]):
        sheet.append(row)
    path = folder / "leden.xlsx"
    book.save(path)
    return path


def registration_list(session, folder: Path) -> Path:
    from sqlalchemy import select

    from clustermanager.models import Contact, Member

    known = session.scalars(select(Contact).where(Contact.email.is_not(None)).order_by(Contact.id)).all()[:3]
    member = session.scalars(select(Member).order_by(Member.id)).first()
    lines = [f"{known[0].full_name},{known[0].email.upper()},{known[0].member.name}",
             f"{known[1].full_name},{known[1].email},{known[1].member.name}",
             f"{known[2].full_name},someone.else@example.org,{known[2].member.name}",
             f"Nora Nieuw,nora@new.example,{member.name}",
             "Olga Outside,olga@press.example,Press"]
    path = folder / "registrations.csv"
    path.write_text("Name,E-mail,Company\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def small_dialogs(window, shots: Shots) -> None:
    """The small dialogs behind buttons (contact, picker, outside person, activity kinds, fee dialogs)."""
    import datetime as dt
    from decimal import Decimal

    from clustermanager.ui.activities.detail import ContactPicker, OutsidePersonDialog
    from clustermanager.ui.activities.kinds_dialog import ActivityKindsDialog
    from clustermanager.ui.fees.dialogs import BudgetDialog, FeeDialog, InKindDialog
    from clustermanager.ui.members.contacts import ContactDialog

    year = dt.date.today().year
    for name, dialog in (("contact", ContactDialog(None, window)), ("contact-picker", ContactPicker(window.ctx, window)),
                         ("outside-person", OutsidePersonDialog(window)),
                         ("activity-kinds", ActivityKindsDialog(window.ctx, window)),
                         ("fee", FeeDialog(year, window, category="small", amount=Decimal("820"))),
                         ("budget", BudgetDialog(year, Decimal("264000"), Decimal("132000"), window)),
                         ("in-kind", InKindDialog(year, window))):
        dialog.show()
        window.ctx.tasks.wait_idle()
        shots.save(dialog, f"dialog-{name}")
        dialog.close()


def main() -> int:
    from sqlalchemy import select

    from clustermanager.db import open_database
    from clustermanager.demo import generate_demo
    from clustermanager.models import Member
    from clustermanager.ui.app import application, create_main_window
    from clustermanager.ui.database import data_safety
    from clustermanager.ui.database.first_run import FirstRunDialog
    from clustermanager.ui.exchange.import_wizard import ImportWizard
    from clustermanager.ui.shell.preferences import PreferencesDialog
    from clustermanager.ui.shell.profile_dialog import ProfileDialog
    from clustermanager.ui.tables.row_table import ROW_ID_ROLE

    app = application()
    shots = Shots(app, Path(sys.argv[1]) if len(sys.argv) > 1 else IMAGES)
    home = Path(os.environ["CLUSTERMANAGER_HOME"])
    db = open_database(home / "demo.cmdb")
    with db.session() as session:
        generate_demo(session, members=120, seed=2016)
    questions: list[str] = []
    patch_questions(shots, questions)

    window = create_main_window(db)
    window.resize(1280, 800)
    window.show()
    idle = window.ctx.tasks.wait_idle

    def screen(key: str):
        result = window.show_screen(key)
        idle()
        shots.settle()
        idle()
        return result

    def record_tabs(register, record_id: int, names: tuple[str, ...]) -> None:
        """Open a record's dialog from its register and grab each tab under the next name."""
        dialog = register.open_record(record_id)
        for number, name in enumerate(names):
            dialog.tabs.setCurrentIndex(number)
            idle()
            shots.save(dialog, name)
        dialog.reject()

    screen("dashboard")
    shots.save(window, "dashboard")

    # -- members -------------------------------------------------------------------------------
    members = screen("members")
    members.table.selectRow(2)
    shots.save(window, "members")
    members.search.setText("gent")
    members._apply_filter()
    shots.save(window, "members-search")
    members.search.setText("")
    members._apply_filter()

    row = next(r for r in members.model.rows if r.contact_names and r.kind.value == "company")
    dialog = members.open_member(row.id)
    idle()
    shots.save(dialog, "member-detail")
    for number in range(1, dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(number)
        idle()
        shots.save(dialog, f"member-{slug(dialog.tabs.tabText(number))}")
    dialog.reject()

    new = members.new_member()
    new.form.name.setText("Nova Photonics")
    new.form.enterprise_number.setText("0417.497.107")
    new.form.joined_on.setDate(dt.date.today())
    shots.save(new, "member-invalid")
    new.reject()

    # -- fees ----------------------------------------------------------------------------------
    fees = screen("fees")
    for number in range(fees.tabs.count()):
        fees.tabs.setCurrentIndex(number)
        idle()
        shots.save(window, f"fees-{slug(fees.tabs.tabText(number))}")
    fees.tabs.setCurrentIndex(0)
    call = next((c for c in fees.model.rows if c.outstanding), None) if hasattr(fees.model, "rows") else None
    if call is not None:
        from clustermanager.ui.fees.dialogs import PaymentDialog

        payment = PaymentDialog(call, window)
        payment.show()
        shots.save(payment, "fees-payment")
        payment.reject()

    # -- activities ----------------------------------------------------------------------------
    activities = screen("activities")
    shots.save(window, "activities")
    busiest = max(activities.model.rows, key=lambda r: r.registered)
    record_tabs(activities, busiest.id, ("activity", "activity-participants"))
    with db.session() as session:
        csv = registration_list(session, home)
    for r in range(activities.proxy.rowCount()):
        if activities.proxy.index(r, 0).data(ROW_ID_ROLE) == busiest.id:
            activities.table.selectRow(r)
            break
    preview = activities.import_list(str(csv))
    idle()
    shots.save(preview, "registration-preview")
    preview.reject()

    # -- projects ------------------------------------------------------------------------------
    projects = screen("projects")
    shots.save(window, "projects")
    weak = next((r for r in projects.model.rows if r.companies < 3), projects.model.rows[0])
    record_tabs(projects, weak.id, ("project", "project-partners"))

    # -- reports -------------------------------------------------------------------------------
    reports = screen("reports")
    year = str(dt.date.today().year - 1)
    reports.period_box.setEditText(year)
    reports.refresh()
    idle()
    for number in range(reports.tabs.count()):
        reports.tabs.setCurrentIndex(number)
        idle()
        shots.save(window, f"report-{slug(reports.tabs.tabText(number))}")
    reports.tabs.setCurrentIndex(0)

    # -- import wizard -------------------------------------------------------------------------
    with db.session() as session:
        member = session.scalar(select(Member).where(Member.enterprise_number.is_not(None)).order_by(Member.id))
        existing = member.name, member.enterprise_number
    sheet = member_sheet(home, existing)
    wizard = ImportWizard(window.ctx, window)
    wizard.show()
    shots.save(wizard, "import-1-file")
    wizard.set_path(str(sheet))
    idle()
    for step in ("import-2-mapping", "import-3-preview", "import-4-result"):
        wizard.go_next()
        idle()
        shots.save(wizard, step)
    wizard.close()

    # -- dialogs of the menus ------------------------------------------------------------------
    first = FirstRunDialog(window)
    first.show()
    shots.save(first, "first-run")
    first.close()
    profile = ProfileDialog(None, window)
    profile.name.setText("Flanders Robotics Cluster")
    profile.show()
    shots.save(profile, "profile")
    profile.close()
    preferences = PreferencesDialog(window.ctx, window)
    preferences.show()
    shots.save(preferences, "preferences")
    preferences.close()
    if shots.folder != IMAGES:  # looked at while polishing; the guide does not show them
        small_dialogs(window, shots)
    questions.append("about")
    window.show_about()
    questions.append("check-database")
    data_safety.check_database(window)
    idle()
    shots.settle()
    backups = sorted((home / "backups").glob("*.cmdb")) if (home / "backups").is_dir() else []
    backup = backups[0] if backups else home / "demo-copy.cmdb"
    questions.append("restore-confirm")
    data_safety.restore_from_backup(window, backup)
    window.close()
    window.ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
