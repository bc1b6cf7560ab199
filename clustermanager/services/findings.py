"""What a check of the database finds: one `Finding` per check, gathered in a `CheckReport`.

The checks themselves live where their rules do (`services.integrity`, `services.fee_checks`); they all
return this one type, so no check module needs another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    message: str


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)


DomainCheck = Callable[[Session], Finding]


def finding(name: str, ok: bool, good: str, bad: str) -> Finding:
    """A Finding whose message is `good` when it holds and `bad` when it does not."""
    return Finding(name, ok, good if ok else bad)
