"""The window's one way to the database: reads (`query`), writes (`change`) and the save of a form (`save`).

Like Anki's `QueryOp`/`CollectionOp`: the work `fn(session)` runs on the task runner's worker thread
in its own unit of work, so a locked file or a slow server never freezes the window; the result comes
back on the main thread. A write names the `Change` topics it touches and, once it succeeded, they are
announced (`ctx.data_changed`), so every screen showing them refreshes without a hand-written call.
Errors have one home: a known failure (database busy, disk full, server gone) is the clear message of
`errors.UserError`, a bug is logged; `save` also handles a ValidationError (beside its fields) and a
ConflictError (the conflict dialog) for every form.

A result for a widget that closed meanwhile is dropped, and so is an older read of the same widget and
`key` when a newer one was started (a screen refreshed twice shows the second answer, whatever comes
back first).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6

from clustermanager.errors import ConflictError, ValidationError
from clustermanager.i18n import _


class Change(enum.StrEnum):
    """What a write changed; a screen lists the ones it shows in `Screen.topics`.

    The values are the topics `ctx.data_changed` carries, so a string topic and a Change are the same.
    """

    MEMBERS = "members"  # members, their contacts, statuses
    FEES = "fees"  # fee schedules, calls, payments
    ACTIVITIES = "activities"  # activities, kinds, registrations
    PROJECTS = "projects"
    REPORTS = "reports"  # submitted reports, narratives
    PROFILE = "cluster"  # the cluster's own profile (name, funding targets)
    MAILINGS = "mailings"  # saved selections, mail templates, the mailing log
    INDICATORS = "indicators"  # targets, custom indicators' values, the earmarked budget, the judging day
    HISTORY = "history"  # the history itself: the trash emptied, its retention (every change adds history too)


def announce(ctx, changes: Iterable[Change | str]) -> None:
    """Tell every screen that `changes` happened (each topic once, in a fixed order)."""
    for topic in sorted({Change(c) for c in changes}, key=list(Change).index):
        ctx.data_changed.emit(str(topic))


def _alive(owner) -> bool:
    return owner is None or shiboken6.isValid(owner)


def _error_reporter(ctx, parent, on_error):
    if on_error is not None:
        return on_error

    def report(exc: BaseException) -> None:
        from clustermanager.ui.common.errors import show_error

        show_error(parent if _alive(parent) else None, exc)

    return report


def query(ctx, fn: Callable[[Any], Any], *, on_success: Callable[[Any], None], owner=None, key: str = "",
          label: str | None = None, on_error: Callable[[BaseException], None] | None = None):
    """Read: `fn(session)` on the worker, then `on_success(result)` on the main thread.

    `owner` (the widget that shows the result): nothing is delivered once it was closed, and only the
    latest read per (owner, key) is. Errors go to `on_error`, or are shown over `owner`. Until the
    result arrives the widget keeps what it showed.
    """
    ticket = _next_ticket(owner, key)

    def deliver(result) -> None:
        if _alive(owner) and _is_latest(owner, key, ticket):
            on_success(result)

    def fail(exc: BaseException) -> None:
        if _alive(owner) and _is_latest(owner, key, ticket):
            _error_reporter(ctx, owner, on_error)(exc)

    return ctx.tasks.run(lambda session, _progress: fn(session), label=label or _("Loading…"),
                         on_success=deliver, on_error=fail)


def change(ctx, fn: Callable[[Any], Any], *, changes: Iterable[Change], on_success: Callable | None = None,
           parent=None, label: str | None = None, on_error: Callable[[BaseException], None] | None = None):
    """Write: `fn(session)` in one transaction on the worker; on success `on_success(result)` (if its
    `parent` is still open), then `changes` are announced. On failure nothing was changed and the error
    goes to `on_error` or is shown over `parent`."""
    changes = tuple(changes)

    def done(result) -> None:
        try:
            if on_success is not None and _alive(parent):
                on_success(result)
        finally:
            announce(ctx, changes)

    return ctx.tasks.run(lambda session, _progress: fn(session), label=label or _("Saving…"),
                         on_success=done, on_error=_error_reporter(ctx, parent, on_error))


def save(ctx, dialog, write: Callable[[Any, int | None], Any], *, expected_version: int | None,
         changes: Iterable[Change], on_saved: Callable[[Any], None], checks=None, message=None,
         reload: Callable[[], None] | None = None, busy=None):
    """Save a form: `write(session, expected_version)` as a `change`, with the form's errors in one place.

    - ValidationError: each problem beside its field (`checks.show_problems`), the rest in `message`
      (a QLabel); the dialog stays open.
    - ConflictError: the conflict dialog; "keep mine" saves again over their version, "take theirs"
      calls `reload()`.
    - anything else: shown over `dialog` (a known failure as its message, a bug as the bug sentence).
    `busy` (the Save button) is disabled while the save runs, so a double click saves once.
    """
    from clustermanager.ui.common import conflict_dialog

    changes = tuple(changes)
    if busy is not None:
        busy.setEnabled(False)

    def release() -> None:
        if busy is not None and _alive(busy):
            busy.setEnabled(True)

    def saved(result) -> None:
        release()
        on_saved(result)

    def failed(exc: BaseException) -> None:
        release()
        if not _alive(dialog):
            return
        if isinstance(exc, ValidationError):
            rest = checks.show_problems(exc) if checks is not None else exc.problems
            if message is not None:
                message.setText("; ".join(str(p) for p in rest))
            return
        if isinstance(exc, ConflictError):
            choice = conflict_dialog.resolve_conflict(dialog, exc.message, exc.theirs, exc.mine)
            if choice == conflict_dialog.KEEP_MINE and exc.theirs is not None:
                save(ctx, dialog, write, expected_version=exc.theirs.version, changes=changes,
                     on_saved=on_saved, checks=checks, message=message, reload=reload, busy=busy)
            elif choice == conflict_dialog.TAKE_THEIRS and reload is not None:
                reload()
            return
        _error_reporter(ctx, dialog, None)(exc)

    return change(ctx, lambda session: write(session, expected_version), changes=changes,
                  on_success=saved, parent=dialog, on_error=failed)


# -- the latest read per widget ---------------------------------------------------------------------

_TICKETS = "_operations_tickets"


def _next_ticket(owner, key: str) -> int:
    if owner is None:
        return 0
    tickets = owner.__dict__.setdefault(_TICKETS, {})
    tickets[key] = tickets.get(key, 0) + 1
    return tickets[key]


def _is_latest(owner, key: str, ticket: int) -> bool:
    return owner is None or owner.__dict__.get(_TICKETS, {}).get(key) == ticket
