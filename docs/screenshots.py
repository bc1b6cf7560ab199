"""Take the user guide's screenshots from the real window, offscreen, on a fresh demo database.

    PYTHONPATH=$PWD python docs/screenshots.py        # writes docs/images/*.png
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


def main() -> int:
    from PySide6.QtWidgets import QWidget

    from clustermanager.db import open_database
    from clustermanager.demo import generate_demo
    from clustermanager.ui.app import application, create_main_window
    from clustermanager.ui.first_run import FirstRunDialog
    from clustermanager.ui.profile_dialog import ProfileDialog

    app = application()
    path = Path(os.environ["CLUSTERMANAGER_HOME"]) / "demo.cmdb"
    db = open_database(path)
    with db.session() as session:
        generate_demo(session, members=120, seed=2016)
    IMAGES.mkdir(exist_ok=True)

    def save(widget: QWidget, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(IMAGES / f"{name}.png"))
        print("wrote", IMAGES / f"{name}.png")

    window = create_main_window(db)
    window.resize(1280, 780)
    window.show()
    window.show_screen("dashboard")
    window.ctx.tasks.wait_idle()
    save(window, "dashboard")

    members = window.show_screen("members")
    window.ctx.tasks.wait_idle()
    members.table.selectRow(2)
    save(window, "members")
    members.search.setText("gent")
    members._apply_filter()
    save(window, "members-search")
    members.search.setText("")
    members._apply_filter()

    row = next(r for r in members.model.rows if r.contact_names and r.kind.value == "company")
    dialog = members.open_member(row.id)
    dialog.resize(760, 720)
    save(dialog, "member-detail")
    dialog.tabs.setCurrentWidget(dialog.contacts)
    save(dialog, "member-contacts")
    dialog.reject()

    new = members.new_member()
    new.resize(760, 720)
    new.form.name.setText("Nova Photonics")
    new.form.enterprise_number.setText("0417.497.107")
    new.form.joined_on.setDate(dt.date.today())
    save(new, "member-invalid")
    new.reject()

    first = FirstRunDialog(window)
    first.show()
    save(first, "first-run")
    first.close()
    profile = ProfileDialog(None, window)
    profile.name.setText("Flanders Robotics Cluster")
    profile.show()
    save(profile, "profile")
    profile.close()
    window.close()
    window.ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
