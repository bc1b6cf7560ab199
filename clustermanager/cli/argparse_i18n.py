"""argparse's own words (usage, options, error messages) in the app's language, from our catalogs.

argparse looks its texts up through its module-level `_`, which reads Python's (absent) "messages"
domain; pointing it at clustermanager.i18n makes `--help` and usage errors Dutch or French too.
The msgids below are argparse's own (Python 3.11+), listed so that extraction puts them in the catalogs.
"""

from __future__ import annotations

import argparse

from clustermanager.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = [
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("can't open '%(filename)s': %(error)s"),
]


def install() -> None:
    """From now on argparse speaks the language set with i18n.set_language()."""
    argparse._ = _
    argparse.ngettext = ngettext
