"""Codes in ReportData turned into words for people, in the report's language (None: the app's)."""

from __future__ import annotations

from clustermanager.i18n import N_, translator
from clustermanager.models import ACTIVITY_KINDS
from clustermanager.models.cluster import CLUSTER_KIND_LABELS
from clustermanager.models.member import MEMBER_KIND_LABELS, SIZE_CLASS_LABELS
from clustermanager.models.project import FUNDING_SOURCE_LABELS, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS
from clustermanager.services.fees import CALL_STATUS_LABELS, FEE_CATEGORY_LABELS
from clustermanager.services.projects import UNSPECIFIED

_TABLES: dict[str, dict[str, str]] = {
    "cluster_kind": {k.value: v for k, v in CLUSTER_KIND_LABELS.items()},
    "member_kind": {k.value: v for k, v in MEMBER_KIND_LABELS.items()},
    "size_class": {k.value: v for k, v in SIZE_CLASS_LABELS.items()},
    "activity_kind": dict(ACTIVITY_KINDS),
    "project_kind": {k.value: v for k, v in PROJECT_KIND_LABELS.items()},
    "project_status": {k.value: v for k, v in PROJECT_STATUS_LABELS.items()},
    "funding_source": {**{k.value: v for k, v in FUNDING_SOURCE_LABELS.items()}, UNSPECIFIED: N_("Unspecified")},
    "call_status": {k.value: v for k, v in CALL_STATUS_LABELS.items()},
    "fee_category": dict(FEE_CATEGORY_LABELS),
}
UNKNOWN = N_("Unknown")


def label(table: str, code: str | None, own: dict[str, str] | None = None, lang: str | None = None) -> str:
    """The translated label of a code; `own` names the cluster's own codes (activity kinds it added)."""
    _ = translator(lang)
    if code is None or code == "":
        return _(UNKNOWN)
    text = _TABLES[table].get(code)
    if text:
        return _(text)
    return (own or {}).get(code) or code.replace("_", " ").capitalize()


def codes(table: str) -> list[str]:
    """The built-in codes of a table, in their natural order."""
    return list(_TABLES[table])
