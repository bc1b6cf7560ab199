"""Errors a person can act on, kept apart from bugs.

Everything derived from `UserError` carries a message meant for the user (the field, the row, the
value, what would be valid). The CLI prints it and exits non-zero; the window shows it in one dialog
or beside the field. Any other exception is a bug: it is logged with its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from clustermanager.field_labels import field_label
from clustermanager.i18n import _


class UserError(Exception):
    """An error caused by input or circumstances the user can change."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FieldProblem:
    field: str  # the code (`enterprise_number`): what programs and forms match on
    value: object
    message: str

    @property
    def label(self) -> str:
        """The field as people call it, in the app's language ("Ondernemingsnummer")."""
        return field_label(self.field)

    def __str__(self) -> str:
        if self.value in (None, ""):
            return _("{field}: {message}").format(field=self.label, message=self.message)
        return _("{field}: {message} ({value})").format(field=self.label, message=self.message,
                                                        value=repr(self.value))


class ValidationError(UserError):
    """One or more fields hold a value that is refused. Nothing was written."""

    def __init__(self, field: str, value: object, message: str, *, more: list[FieldProblem] | None = None):
        self.problems = [FieldProblem(field, value, message), *(more or [])]
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def field(self) -> str:
        return self.problems[0].field

    @property
    def value(self) -> object:
        return self.problems[0].value

    @classmethod
    def from_problems(cls, problems: list[FieldProblem]) -> ValidationError:
        first, *rest = problems
        return cls(first.field, first.value, first.message, more=rest)


class NotFoundError(UserError):
    """The record asked for does not exist (any more)."""


class ConflictError(UserError):
    """Someone else changed the record since it was read (optimistic locking)."""

    def __init__(self, message: str, *, theirs: object = None, mine: object = None):
        super().__init__(message)
        self.theirs = theirs
        self.mine = mine


class FileFormatError(UserError):
    """A file that is read (a workbook, a CSV, a bank statement) is not what it should be.

    `row` and `column` point into the file as a person sees it (1-based row, column letter or name).
    """

    def __init__(self, message: str, *, path: str | None = None, row: int | None = None,
                 column: str | None = None, sheet: str | None = None):
        where = []
        if sheet:
            where.append(f"sheet {sheet!r}")
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column {column}")
        full = f"{', '.join(where)}: {message}" if where else message
        if path:
            full = f"{path}: {full}"
        super().__init__(full)
        self.path, self.row, self.column, self.sheet = path, row, column, sheet


class DatabaseError(UserError):
    """The database cannot be opened or used (locked, newer schema, unreachable server)."""


def file_system_error(exc: BaseException) -> UserError | None:
    """The system refused a file the user named (too long, a folder, no permission, disk full, a NUL in the
    name): a clear UserError naming the file; None for anything else (that is a bug)."""
    from clustermanager.i18n import _

    if isinstance(exc, OSError) and exc.filename is not None:
        return UserError(_("Cannot use the file {file}: {reason}.").format(
            file=str(exc.filename)[:120], reason=exc.strerror or type(exc).__name__))
    if isinstance(exc, ValueError) and "null byte" in str(exc):
        return UserError(_("A file name cannot contain a NUL character."))
    return None
