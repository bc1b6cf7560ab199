"""Screenshots of every screen in Dutch and French (and English) for docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [nl fr en]

Each screen of the main window over a fresh demo cluster, in each language, 1280 x 800. Look at them
for English left over and text cut off after new screens or strings are merged.
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


def main(languages: list[str]) -> int:
    folder = Path(tempfile.mkdtemp(prefix="cm-shots-"))
    os.environ["CLUSTERMANAGER_HOME"] = str(folder / "home")  # never the user's settings

    from PySide6.QtWidgets import QApplication

    from clustermanager import i18n
    from clustermanager.db import open_database
    from clustermanager.demo import generate_demo
    from clustermanager.ui.app import application, create_main_window
    from clustermanager.ui.shell.qt_translations import install_qt_translations

    db = open_database(folder / "demo.cmdb")
    with db.session() as session:
        generate_demo(session, members=120, seed=7, year=2025)
    db.close()
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    for language in languages:
        i18n.set_language(language)
        install_qt_translations(app, language)
        window = create_main_window(folder / "demo.cmdb")
        window.resize(1280, 800)
        window.show()
        for spec in window.specs:
            window.show_screen(spec.key)
            window.ctx.tasks.wait_idle()
            for _ in range(5):  # results arrive, then the layouts grow to fit them
                QApplication.processEvents()
            path = OUT / f"{language}-{spec.key}.png"
            window.grab().save(str(path))
            print(path.relative_to(ROOT))
        window.close()
        window.ctx.close()
    return 0


if __name__ == "__main__":
    languages = sys.argv[1:] or ["nl", "fr"]
    if len(languages) == 1:
        sys.exit(main(languages))
    # One process per language, as the app starts in one language: nothing translated earlier lingers.
    import subprocess

    sys.exit(max(subprocess.run([sys.executable, __file__, lang]).returncode for lang in languages))
