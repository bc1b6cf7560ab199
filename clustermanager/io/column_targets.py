"""Whether a sheet's column fills the member or its contact, and switching it.

A member sheet often has one contact person per row with that person's e-mail and phone beside the
name ("Contactpersoon | E-mail | Telefoon"). A single e-mail column next to a contact-person column
is that person's, not the organisation's; the proposal says so, the preview shows for each mapped
column which record it fills, and the user can switch a column that exists on both (the e-mail).
"""

from __future__ import annotations

from clustermanager.io.mapping import FIELD_BY_KEY, Mapping

MEMBER, CONTACT = "member", "contact"
# A field that both records have: the member's key <-> the contact's key.
TWINS = {"email": "contact_email", "contact_email": "email"}
PERSON = ("contact_name", "contact_first_name", "contact_last_name")


def target(key: str | None) -> str | None:
    """MEMBER or CONTACT for a mapped field, None for an ignored column."""
    if key is None:
        return None
    return CONTACT if FIELD_BY_KEY[key].is_contact else MEMBER


def can_switch(key: str | None) -> bool:
    return key in TWINS


def switched(mapping: Mapping, index: int) -> Mapping:
    """The mapping with column `index` filling the other record; a column that already filled that
    field takes this one's place (so no field is mapped twice)."""
    key = mapping[index]
    if key not in TWINS:
        return tuple(mapping)
    other = TWINS[key]
    return tuple(other if i == index else (key if k == other else k) for i, k in enumerate(mapping))


def contact_columns_first(mapping: Mapping) -> Mapping:
    """A lone e-mail column directly beside a contact column (the person's name, phone, role) belongs to
    that contact, when the sheet has a contact person and no separate contact e-mail."""
    keys = list(mapping)
    if not any(k in PERSON for k in keys) or "contact_email" in keys or keys.count("email") != 1:
        return tuple(keys)
    at = keys.index("email")
    beside = [keys[i] for i in (at - 1, at + 1) if 0 <= i < len(keys)]
    if any(k is not None and FIELD_BY_KEY[k].is_contact for k in beside):
        keys[at] = "contact_email"
    return tuple(keys)


def targets(headers, mapping: Mapping) -> dict[str, str]:
    """{header: MEMBER or CONTACT} for every mapped column (the command line's JSON `targets`)."""
    return {str(h): target(k) for h, k in zip(headers, mapping, strict=True) if k}
