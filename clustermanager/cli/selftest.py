"""`selftest`: prove that an installed app (or a PyInstaller bundle) has everything it needs.

Each step exercises one part of the app the way a user would reach it, so a hidden import or a data
file missing from the bundle fails here, in CI, instead of on a user's machine. A step that needs a
feature module which is not in this build yet is skipped with a note (`--strict` fails on any skip).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import io
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from clustermanager.i18n import N_, _

DEMO_YEAR = 2025


@dataclass
class Workspace:
    """What the steps share: a temporary folder and the demo database in it."""

    folder: Path
    database: Path


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Workspace], None]
    requires: str | None = None  # a module whose absence skips the step (a feature not merged yet)


class StepFailed(Exception):
    """A step ran but did not produce what it should; the message says what."""


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent package is missing
        return False


def _translations(ws: Workspace) -> None:
    from clustermanager.i18n import translations_for

    for language, expected in (("nl", "Leden"), ("fr", "Membres")):
        got = translations_for(language).gettext("Members")
        if got != expected:
            raise StepFailed(f"the {language} catalog is missing: 'Members' -> {got!r}")


def _formatting(ws: Workspace) -> None:
    from clustermanager.formatting import format_date, format_money

    got = format_money(Decimal("1234.56"), "fr"), format_date(dt.date(2026, 3, 5), "nl", "long")
    if got != ("1.234,56 EUR", "5 maart 2026"):
        raise StepFailed(f"locale data missing: {got}")


def _about(ws: Workspace) -> None:
    from clustermanager.about import LIBRARIES, bundled_libraries

    required = {name for dist, name, *_rest in LIBRARIES if dist not in ("psycopg", "pillow")}  # optional
    missing = sorted(lib.name for lib in bundled_libraries() if lib.name in required and not lib.version)
    if missing:
        raise StepFailed(f"no version (package metadata not bundled) for {', '.join(missing)}")


def _demo_database(ws: Workspace) -> None:
    from clustermanager.db import open_database
    from clustermanager.demo import generate_demo

    db = open_database(ws.database)  # creates it and applies every migration
    try:
        with db.session() as session:
            generate_demo(session, members=30, seed=1, year=DEMO_YEAR)
    finally:
        db.close()


def _cli(*args: str) -> tuple[int, str]:
    """Run a command in-process, as a user would type it; returns its status and its output."""
    from clustermanager.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


def _check(ws: Workspace) -> None:
    code, output = _cli("--db", str(ws.database), "check")
    if code != 0:
        raise StepFailed(f"`check` returned {code}:\n{output}")


def _report(ws: Workspace) -> None:
    xlsx, pdf = ws.folder / "report.xlsx", ws.folder / "report.pdf"
    code, output = _cli("--db", str(ws.database), "report", "--period", str(DEMO_YEAR), "--xlsx", str(xlsx),
                        "--pdf", str(pdf))
    if code != 0:
        raise StepFailed(f"`report` returned {code}:\n{output}")
    import openpyxl

    with contextlib.closing(openpyxl.load_workbook(xlsx, read_only=True)) as workbook:
        if not workbook.sheetnames:
            raise StepFailed("the workbook has no sheet")
    import python_calamine  # the importers' fast reader: a native module the bundle must carry

    with python_calamine.CalamineWorkbook.from_path(str(xlsx)) as book:
        if not book.get_sheet_by_index(0).to_python():
            raise StepFailed("calamine read no cells from the report workbook")
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise StepFailed("the PDF is not a PDF")


def _window(ws: Workspace) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # CI machines have no display; this proves the code and files
    from PySide6.QtWidgets import QApplication

    from clustermanager.ui.app import application, create_main_window
    from clustermanager.ui.common import errors as ui_errors

    # An error dialog would wait forever for a click that never comes: collect its text instead.
    shown: list[str] = []
    real_message_box = ui_errors.message_box
    ui_errors.message_box = lambda _parent, title, text, critical=False: shown.append(f"{title}: {text}")
    application()
    try:
        window = create_main_window(ws.database)
        try:
            window.show()
            QApplication.processEvents()
            if not window.isVisible():
                raise StepFailed("the main window did not show")
            for spec in window.specs:  # every screen, built directly so that an error surfaces here
                window.screen(spec.key)
                QApplication.processEvents()
            if not window.ctx.tasks.wait_idle(60_000):
                raise StepFailed("background work did not finish within a minute")
            if _module_exists("clustermanager.ui.shell.about_dialog"):
                from clustermanager.about import about_info
                from clustermanager.ui.shell.about_dialog import AboutDialog
                from clustermanager.ui.shell.app_icon import app_icon

                if app_icon().isNull():
                    raise StepFailed("the application icon (resources/icons) is missing")

                AboutDialog(about_info(str(ws.database)), window).close()
        finally:
            window.close()
            window.ctx.close()
    finally:
        ui_errors.message_box = real_message_box
    if shown:
        raise StepFailed("the window showed an error: " + " | ".join(shown))


def _qt_translations(ws: Workspace) -> None:
    from clustermanager.ui.shell.qt_translations import qt_translations_dir

    if not any(qt_translations_dir().glob("qtbase_nl*.qm")):
        raise StepFailed(f"Qt's own translations are missing from {qt_translations_dir()}")


def _einvoice(ws: Workspace) -> None:
    """One invoice with its e-invoice, as `fees invoices --member M --ubl` writes it: the rule sets,
    Saxon and the PDF inside the XML all have to be in the bundle."""
    from clustermanager.io.einvoice.validate import validate_xml

    folder = ws.folder / "einvoice" / "new"  # the command makes the folder
    code, output = _cli("--db", str(ws.database), "fees", "invoices", "--year", str(DEMO_YEAR), "--member", "1",
                        "--out", str(folder), "--ubl")
    if code != 0:
        raise StepFailed(f"`fees invoices --ubl` returned {code}:\n{output}")
    xml = sorted(folder.glob("*.xml"))
    if not xml or not sorted(folder.glob("*.pdf")):
        raise StepFailed(f"no PDF and e-invoice in {folder}: {output}")
    failures = validate_xml(xml[0].read_bytes())
    if failures:
        raise StepFailed(f"{xml[0].name} fails the rules: {failures[0]}")
    broken = xml[0].read_bytes().replace(b"<cbc:PayableAmount currencyID=\"EUR\">", b"<cbc:PayableAmount "
                                         b"currencyID=\"EUR\">9")
    if not validate_xml(broken):
        raise StepFailed("a broken e-invoice passed the rules: the rule sets did not run")


# The order matters: later steps use the database the demo step writes.
STEPS: list[Step] = [
    Step(N_("translations"), _translations),
    Step(N_("number and date formats"), _formatting),
    Step(N_("library versions for Help > About"), _about),
    Step(N_("demo database"), _demo_database),
    Step(N_("integrity check"), _check),
    Step(N_("progress report (Excel and PDF)"), _report, requires="clustermanager.cli.report"),
    Step(N_("invoice with its Peppol e-invoice"), _einvoice),
    Step(N_("Qt translations"), _qt_translations, requires="clustermanager.ui.shell.qt_translations"),
    Step(N_("main window"), _window, requires="clustermanager.ui.app"),
]


def _print_log_tail(out, lines: int = 40) -> None:
    """A bug inside a step is logged with its traceback: show it here, since CI keeps no log file."""
    import logging

    for handler in logging.getLogger("clustermanager").handlers:
        path = Path(getattr(handler, "baseFilename", ""))
        if path.is_file():
            tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            print(f"--- {path} (last {len(tail)} lines)", *tail, "---", sep="\n", file=out)


def run_steps(steps: list[Step], *, strict: bool = False, out=None) -> int:
    """Run every step, print one line each (`ok`, `FAIL`, `skip`: never translated, for scripts to grep);
    0 when all passed, else the number of failures."""
    out = out or sys.stdout
    folder = Path(tempfile.mkdtemp(prefix="clustermanager-selftest-"))
    ws = Workspace(folder, folder / "selftest.cmdb")
    failed: list[str] = []
    # Settings, recent files and logs of this run go to the temporary folder, never the user's.
    home_before = os.environ.get("CLUSTERMANAGER_HOME")
    os.environ["CLUSTERMANAGER_HOME"] = str(folder / "home")
    try:
        for step in steps:
            name = _(step.name)
            if step.requires and not _module_exists(step.requires):
                print(f"skip  {name}: " + _("{module} is not in this build").format(module=step.requires), file=out,
                      flush=True)
                if strict:
                    failed.append(name)
                continue
            started = time.perf_counter()
            try:
                step.run(ws)
            except Exception as exc:  # report every failure with its cause, then go on
                failed.append(name)
                detail = str(exc) if isinstance(exc, StepFailed) else traceback.format_exc()
                print(f"FAIL  {name}: {detail}", file=out, flush=True)
                continue
            print(f"ok    {name} ({time.perf_counter() - started:.1f} s)", file=out, flush=True)
    finally:
        if home_before is None:
            os.environ.pop("CLUSTERMANAGER_HOME", None)
        else:
            os.environ["CLUSTERMANAGER_HOME"] = home_before
        shutil.rmtree(folder, ignore_errors=True)
    if failed:
        _print_log_tail(out)
        print(_("Self-test failed: {steps}.").format(steps=", ".join(failed)), file=out)
    else:
        print(_("Self-test passed."), file=out)
    return len(failed)


def register(subparsers, common) -> None:
    p = subparsers.add_parser("selftest", parents=[common],
                              help=_("check that this installation works: database, reports, window"))
    p.add_argument("--strict", action="store_true", help=_("fail when a step is skipped"))
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    return 1 if run_steps(STEPS, strict=args.strict) else 0
