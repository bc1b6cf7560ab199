"""`about`: version, database and data locations, bundled libraries and their licences."""

from __future__ import annotations

from clustermanager.about import about_info, about_text
from clustermanager.i18n import _


def register(subparsers, common) -> None:
    p = subparsers.add_parser("about", parents=[common],
                              help=_("version, data locations and the licences of the bundled libraries"))
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from clustermanager.db import to_url

    database = to_url(getattr(args, "db", None)).render_as_string(hide_password=True)
    info = about_info(database.removeprefix("sqlite:///"))
    ctx.emit(info, about_text(info))
    return 0
