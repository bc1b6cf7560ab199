"""The quick ways to reach a selection: `mailto:` links with the addresses in Bcc, and a CSV file for
newsletter tools. Both follow the consent rule with no override: these are never legal notices."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clustermanager.io.mailto import GROUP_SIZE, bcc_groups, mailto_link
from clustermanager.io.newsletter_csv import NewsletterRow, write_newsletter_csv
from clustermanager.services import selections
from clustermanager.services.selection_criteria import Criteria


@dataclass(frozen=True)
class BccGroups:
    links: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    audience: selections.Audience


def bcc_links(session: Session, criteria: Criteria, *, size: int = GROUP_SIZE, subject: str | None = None,
              to: str | None = None, today: dt.date | None = None) -> BccGroups:
    """The selection's addresses (consent only) in groups of `size`, each as a mailto: link; `to`: the
    visible recipient (the cluster's own address, so nobody sees the others)."""
    people = selections.audience(session, criteria, today=today)
    groups = bcc_groups((p.email for p in people.recipients), size)
    return BccGroups(tuple(mailto_link(g, to=to, subject=subject) for g in groups),
                     tuple(tuple(g) for g in groups), people)


def newsletter_tags(r: selections.Recipient) -> tuple[str, ...]:
    tags = [r.member_kind.value]
    if r.size_class is not None:
        tags.append(r.size_class.value)
    if r.province:
        tags.append(r.province)
    if r.is_main:
        tags.append("main-contact")
    return tuple(tags)


def export_newsletter(session: Session, criteria: Criteria, path: str | os.PathLike, *,
                      today: dt.date | None = None) -> tuple[Path, selections.Audience]:
    people = selections.audience(session, criteria, today=today)
    rows = [NewsletterRow(p.email, p.first_name, p.last_name, p.organisation, p.language, newsletter_tags(p))
            for p in people.recipients]
    return write_newsletter_csv(rows, path), people
