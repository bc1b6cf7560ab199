"""The column mapping a user chose for a set of headers, remembered as a `Setting` for the next import."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from clustermanager.io.mapping import FIELD_BY_KEY, Mapping, check_mapping, normalise_header, propose_mapping
from clustermanager.services.cluster import get_setting, set_setting


def mapping_key(headers) -> str:
    digest = hashlib.sha1("|".join(normalise_header(h) for h in headers).encode()).hexdigest()[:20]
    return f"import.mapping.{digest}"


def load_saved_mapping(session: Session, headers) -> Mapping | None:
    saved = get_setting(session, mapping_key(headers))
    if not isinstance(saved, list) or len(saved) != len(headers):
        return None
    return tuple(k if k in FIELD_BY_KEY else None for k in saved)


def save_mapping(session: Session, headers, mapping: Mapping) -> None:
    check_mapping(headers, mapping)
    set_setting(session, mapping_key(headers), list(mapping))


def mapping_for(session: Session, headers) -> Mapping:
    """The mapping remembered for these headers, else the proposal."""
    return load_saved_mapping(session, headers) or propose_mapping(headers)
