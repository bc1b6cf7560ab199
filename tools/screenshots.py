"""Screenshots of every screen, light and dark, in English, Dutch and French, for docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [en nl fr] [--dialogs=FOLDER]

Each screen of the main window over a fresh demo cluster, in each language and colour scheme, at
1280 x 720 (`<lang>-<scheme>-<screen>.png`), and in English also at 200 % scale (`...@2x.png`, the
scale a 4K laptop screen uses). With `--dialogs=FOLDER` also every dialog and each of its tabs
(tests/helpers/dialogs.py, the list the layout tests walk) into FOLDER, `<lang>-<scheme>-<dialog>[-<tab>].png`.
Look at them for English left over, text cut off and unreadable colours after new screens or strings
are merged.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def grab_dialogs(window, folder: Path, prefix: str) -> None:
    from tests.helpers.dialogs import DIALOGS, pages

    folder.mkdir(parents=True, exist_ok=True)
    for name, open_dialog in DIALOGS.items():
        dialog = open_dialog(window)
        for tab in pages(dialog):
            path = folder / f"{prefix}-{name}{'-' + tab.replace(' ', '_') if tab else ''}.png"
            dialog.grab().save(str(path))
            print(path)
        dialog.reject()


def main(languages: list[str], scale: str = "1", dialogs: Path | None = None) -> int:
    folder = Path(tempfile.mkdtemp(prefix="cm-shots-"))
    os.environ["CLUSTERMANAGER_HOME"] = str(folder / "home")  # never the user's settings

    from PySide6.QtWidgets import QApplication

    from clustermanager import i18n
    from clustermanager.db import open_database
    from clustermanager.demo import generate_demo
    from clustermanager.ui.app import application, create_main_window
    from clustermanager.ui.shell.qt_translations import install_qt_translations
    from clustermanager.ui.shell.style import apply_style

    db = open_database(folder / "demo.cmdb")
    with db.session() as session:
        generate_demo(session, members=120, seed=7, year=2025)
    db.close()
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = "" if scale == "1" else f"@{scale}x"
    for language in languages:
        i18n.set_language(language)
        install_qt_translations(app, language)
        for scheme in ("light", "dark"):
            apply_style(app, scheme)
            window = create_main_window(folder / "demo.cmdb")
            window.resize(1280, 720)
            window.show()
            for spec in window.specs:
                window.show_screen(spec.key)
                window.ctx.tasks.wait_idle()
                for _ in range(5):  # results arrive, then the layouts grow to fit them
                    QApplication.processEvents()
                path = OUT / f"{language}-{scheme}-{spec.key}{suffix}.png"
                window.grab().save(str(path))
                print(path.relative_to(ROOT))
            if dialogs is not None and scale == "1":
                grab_dialogs(window, dialogs, f"{language}-{scheme}")
                window.ctx.tasks.wait_idle()
                QApplication.processEvents()
                continue  # closing a window after its dialogs crashes Qt offscreen: left open until exit
            window.close()
            window.ctx.close()
    if dialogs is not None:
        sys.stdout.flush()
        os._exit(0)  # skip the teardown of the windows left open
    return 0


if __name__ == "__main__":
    options = {a.split("=", 1)[0]: a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--")}
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    dialog_folder = Path(options["--dialogs"]).resolve() if "--dialogs" in options else None
    if "--scale" in options:  # one language, one scale: this process
        sys.exit(main(arguments, options["--scale"], dialog_folder))
    languages = arguments or ["en", "nl", "fr"]
    # One process per language and scale, as the app starts in one language (nothing translated earlier
    # lingers) and Qt reads its scale factor at start.
    import subprocess

    runs = [(lang, "1") for lang in languages] + [("en", "2")] * ("en" in languages)
    extra = [f"--dialogs={dialog_folder}"] if dialog_folder else []
    sys.exit(max(subprocess.run([sys.executable, __file__, lang, f"--scale={scale}", *extra],
                                env=dict(os.environ, QT_SCALE_FACTOR=scale)).returncode for lang, scale in runs))
