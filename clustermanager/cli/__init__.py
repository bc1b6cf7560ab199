"""The command line: `clustermanager [--db DB] [--json] COMMAND ...`; with no command, the window.

Every module in this package that defines `register(subparsers, common)` adds its sub-commands;
a command's handler takes `(args, ctx)` and returns an exit status. Handlers call the same Qt-free
services as the window.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from clustermanager import __version__, logging_setup
from clustermanager.cli import argparse_i18n
from clustermanager.errors import UserError, file_system_error
from clustermanager.i18n import _, set_language

EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2


def _common_options(defaults: bool) -> argparse.ArgumentParser:
    """Options allowed before and after the sub-command (`clustermanager members list --json`)."""
    parent = argparse.ArgumentParser(add_help=False)
    missing = None if defaults else argparse.SUPPRESS
    parent.add_argument("--db", metavar="PATH_OR_URL", default=missing,
                        help=_("database file or URL (postgresql+psycopg://user@host/db); default: your data folder"))
    parent.add_argument("--json", action="store_true", default=False if defaults else argparse.SUPPRESS,
                        help=_("machine-readable output"))
    parent.add_argument("--lang", choices=["en", "nl", "fr"], default=missing, help=_("language of messages"))
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clustermanager", parents=[_common_options(True)],
        description=_("ClusterManager: members, fees, activities, projects and progress reports."),
        epilog=_("Without a command, clustermanager opens the window (with --db: on that database)."),
    )
    parser.add_argument("--version", action="version", version=f"ClusterManager {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=_("more detail in the log file"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(False)
    for module in _command_modules():
        module.register(subparsers, common)
    return parser


def _command_modules():
    package = sys.modules[__name__]
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            yield module


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a file name in a wrong encoding must not crash the output
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    set_language(_peek_language(argv))
    argparse_i18n.install()
    window = _window_options(argv)
    if window is not None:  # no command: the window, before the commands (and SQLAlchemy) are loaded
        from clustermanager.ui.app import main as gui_main  # it attaches the log file after its first paint

        return gui_main(database=window.db, language=_asked_language(argv), verbose=window.verbose)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging_setup.configure(verbose=args.verbose)
    if args.command is None:
        from clustermanager.ui.app import main as gui_main

        return gui_main(database=args.db, language=_asked_language(argv), verbose=args.verbose)
    handler = getattr(args, "handler", None)
    if handler is None:  # a group like `members` without its action
        parser.parse_args([*argv, "--help"])
        return EXIT_USER
    from clustermanager.cli.context import CommandContext  # loads the database layer: commands only

    ctx = CommandContext(args)
    try:
        return handler(args, ctx) or EXIT_OK
    except UserError as exc:
        ctx.error(exc)
        return EXIT_USER
    except BrokenPipeError:  # output piped into `head`: not an error
        return EXIT_OK
    except (OSError, ValueError) as exc:  # a file named on the command line the system refuses, or a bug
        refused = file_system_error(exc)
        if refused is None:
            return _bug(exc, args)
        ctx.error(refused)
        return EXIT_USER
    except KeyboardInterrupt:
        print(_("Interrupted; nothing was changed."), file=sys.stderr)
        return 130
    except Exception as exc:
        return _bug(exc, args)
    finally:
        ctx.close()


def _bug(exc: BaseException, args) -> int:
    """A bug: log it with its traceback, say so in one sentence."""
    log = logging_setup.log_bug(exc, f"command {args.command}")
    print(_("Unexpected error ({error}); the details are in {log}.").format(error=type(exc).__name__, log=log),
          file=sys.stderr)
    return EXIT_BUG


def _window_options(argv: list[str]):
    """The options when `argv` names no command (start the window), else None. Anything unusual
    (--help, --version, a bad value) is None too, so the full parser reports it."""
    parser = argparse.ArgumentParser(add_help=False, parents=[_common_options(True)], exit_on_error=False)
    parser.add_argument("-v", "--verbose", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _asked_language(argv: list[str]) -> str | None:
    """The language named with --lang on this command line (None: not asked)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _peek_language(argv: list[str]) -> str | None:
    """--lang for this run, else the saved setting (None: the system's)."""
    asked = _asked_language(argv)
    if asked is not None:
        return asked
    from clustermanager.config import AppSettings

    return AppSettings.load().language or None
