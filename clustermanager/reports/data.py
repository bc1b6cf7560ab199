"""ReportData: every figure and list of a progress report, as frozen dataclasses.

Codes (member kinds, activity kinds, ...) are stored as their stable values, not as labels, so a
frozen report can be shown again in any language. `to_dict`/`from_dict` give an exact JSON round trip
(Decimals as strings, dates in ISO form) for the frozen reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal

from clustermanager.reports.period import ReportPeriod

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ClusterSummary:
    name: str
    kind: str  # ClusterKind value
    enterprise_number: str | None
    municipality: str | None
    funding_start: dt.date | None
    funding_end: dt.date | None
    funding_rate: Decimal


# --- members -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MemberCounts:
    """Members active on one day."""

    total: int
    by_kind: dict[str, int]  # MemberKind value -> count
    by_size: dict[str, int]  # SizeClass value -> companies
    companies: int
    smes: int
    sme_share: Decimal  # SMEs among companies with a known size, 0..1


@dataclass(frozen=True)
class MemberLine:
    id: int
    name: str
    kind: str
    size_class: str | None
    enterprise_number: str | None
    vat_number: str | None
    municipality: str | None
    province: str | None
    country: str
    joined_on: dt.date
    left_on: dt.date | None


@dataclass(frozen=True)
class MembersSection:
    start: MemberCounts  # on the first day of the period
    end: MemberCounts  # on the last day
    joined: int  # memberships that began within the period
    left: int  # memberships that ended within the period
    by_province: dict[str, int]  # at the end; "" = abroad or unknown
    by_country: dict[str, int]  # at the end
    members: tuple[MemberLine, ...]  # everyone who was a member at some time in the period
    # `services.involvement`: members of the period who attended an activity or partnered in a project
    members_involved: int = 0
    companies_involved: int = 0
    involved_share: Decimal | None = None  # members_involved / members during the period


# --- finances ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FinanceYear:
    year: int
    budget: Decimal
    subsidy: Decimal
    fees_called_excl_vat: Decimal
    fees_called_total: Decimal
    fees_received: Decimal  # VAT included: cash on the year's calls
    fees_outstanding: Decimal
    fee_calls: int
    overdue_calls: int
    fees_received_excl_vat: Decimal  # what counts towards self-funding
    in_kind: Decimal
    in_kind_counted: bool
    own_total: Decimal
    share_required: Decimal
    share_reached: Decimal | None  # None without a budget
    required_amount: Decimal
    shortfall: Decimal
    met: bool
    earmarked_budget: Decimal = Decimal("0")  # the government's earmarked project budget (clusterpact)


@dataclass(frozen=True)
class FeeCallLine:
    number: str | None
    member: str
    year: int
    category: str | None
    amount: Decimal  # excluding VAT
    vat_amount: Decimal
    total: Decimal
    issued_on: dt.date
    due_on: dt.date
    status: str  # services.fees.CallStatus value: paid, open, overdue, ...
    received: Decimal
    outstanding: Decimal
    last_paid_on: dt.date | None
    structured_communication: str


@dataclass(frozen=True)
class PaymentLine:
    paid_on: dt.date
    amount: Decimal
    member: str | None
    fee_call_number: str | None
    counterparty: str | None
    structured_communication: str | None
    source: str
    paid_for: str = ""  # PAID_FOR: on a call of the period's years, of another year, a member's credit, unmatched
    fee_year: int | None = None  # the year of the call it pays


# What a payment received in the period paid for (PaymentLine.paid_for).
PERIOD_CALL, OTHER_CALL, CREDIT, UNMATCHED = "period_call", "other_call", "credit", "unmatched"
PAID_FOR = (PERIOD_CALL, OTHER_CALL, CREDIT, UNMATCHED)


@dataclass(frozen=True)
class InKindLine:
    year: int
    member: str | None
    contributed_on: dt.date | None
    description: str
    value: Decimal


@dataclass(frozen=True)
class FinanceSection:
    years: tuple[FinanceYear, ...]
    budget: Decimal
    subsidy: Decimal
    fees_called_excl_vat: Decimal
    fees_called_total: Decimal
    fees_received: Decimal
    fees_outstanding: Decimal
    fee_calls: int
    overdue_calls: int
    fees_received_excl_vat: Decimal
    in_kind: Decimal
    in_kind_counted: bool
    own_total: Decimal
    share_required: Decimal
    self_funding_share: Decimal | None  # own_total / budget over the whole period; None without a budget
    required_amount: Decimal
    shortfall: Decimal
    met: bool
    calls: tuple[FeeCallLine, ...] = ()
    payments: tuple[PaymentLine, ...] = ()
    in_kind_lines: tuple[InKindLine, ...] = ()
    earmarked_budget: Decimal = Decimal("0")

    @property
    def collection_rate(self) -> Decimal | None:
        """Fees received / fees called (both incl. VAT) on the period's calls; None without calls."""
        if self.fees_called_total <= 0:
            return None
        return (self.fees_received / self.fees_called_total).quantize(Decimal("0.0001"))
    # The second way of counting fees (docs/fees.md): cash that came in during the period, for calls of
    # any year (fees_received above is what the period's calls received, whenever it arrived, by as_of).
    # None in a report frozen before these figures existed: shown empty, never as a false 0.
    cash_received: Decimal | None = None  # for fees: cash_on_period_calls + cash_on_other_calls + cash_to_credit
    cash_on_period_calls: Decimal | None = None
    cash_on_other_calls: Decimal | None = None
    cash_to_credit: Decimal | None = None  # above what a call asked: members' credits
    cash_unmatched: Decimal | None = None  # received in the period, not matched to any call or member
    credits_refunded: Decimal | None = None  # credits paid back during the period


# --- activities ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityLine:
    id: int
    starts_on: dt.date
    ends_on: dt.date | None
    kind: str
    title: str
    location: str | None
    online: bool
    international: bool
    registered: int
    attended: int
    member_organisations: int
    outside_participants: int


@dataclass(frozen=True)
class ActivitiesSection:
    activities: int
    by_kind: dict[str, int]
    international: int
    participations: int
    attendances: int
    distinct_people: int
    distinct_member_organisations: int
    members_active_during: int
    share_members_reached: Decimal | None  # None when the period had no members
    outside_participants: int
    lines: tuple[ActivityLine, ...] = ()
    own_kinds: dict[str, str] = field(default_factory=dict)  # the cluster's own kinds: code -> label


# --- collaboration projects ----------------------------------------------------------------------

@dataclass(frozen=True)
class ProjectLine:
    id: int
    title: str
    kind: str
    status: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    budget: Decimal | None
    funding_source: str | None
    lead: str | None
    partners: int
    companies: int
    partner_names: str


@dataclass(frozen=True)
class PipelineSection:
    """`services.project_pipeline` for the period: the stages reached in it and the conversion."""

    ideas: int
    submitted: int
    approved: int
    rejected: int
    conversion_submitted: Decimal | None  # submitted / ideas
    conversion_approved: Decimal | None  # approved / submitted
    funding_requested: Decimal
    funding_granted: Decimal


@dataclass(frozen=True)
class ProjectsSection:
    total: int  # under way at some time in the period
    started: int
    running: int
    completed: int
    by_kind: dict[str, int]
    by_status: dict[str, int]
    meeting_company_rule: int
    partners_involved: int
    budget_by_funding_source: dict[str, Decimal]
    lines: tuple[ProjectLine, ...] = ()
    stopped: int = 0  # stopped within the period
    # `services.project_starts`: the projects STARTED in the period
    started_budget: Decimal = Decimal("0")
    started_meeting_company_rule: int = 0
    started_international: int = 0
    # The same counts as for the projects under way (by_kind etc. above), for those started in the period.
    started_by_kind: dict[str, int] | None = None  # None: a report frozen before these counts existed
    started_by_status: dict[str, int] | None = None
    pipeline: PipelineSection | None = None  # None: a report frozen before the pipeline existed


@dataclass(frozen=True)
class Narrative:
    achievements: str = ""
    challenges: str = ""
    plans: str = ""


# --- targets and results -------------------------------------------------------------------------

@dataclass(frozen=True)
class IndicatorYear:
    year: int
    target: Decimal | None
    result: Decimal | None  # None: a year after the period, or a custom indicator not filled in


@dataclass(frozen=True)
class IndicatorLine:
    key: str  # `reports.indicators.catalogue` key, or a custom indicator's key
    name: str | None  # a custom indicator's name; None: the built-in label (in the reader's language)
    kind: str  # summary.COUNT, MONEY, SHARE, RATIO or NUMBER
    unit: str
    years: tuple[IndicatorYear, ...]
    period_target: Decimal | None  # the target for the whole funding period
    period_result: Decimal | None  # the result over the funding period's years up to the report's end
    status: str  # for the report's last year: on_track, at_risk, behind, no_target


@dataclass(frozen=True)
class TargetsSection:
    first_year: int
    last_year: int  # the funding period's (or the report's) years
    as_of: dt.date  # the day the status is judged on
    lines: tuple[IndicatorLine, ...] = ()


@dataclass(frozen=True)
class ReportData:
    period: ReportPeriod
    cluster: ClusterSummary
    members: MembersSection
    finance: FinanceSection
    activities: ActivitiesSection
    projects: ProjectsSection
    narrative: Narrative
    generated_at: dt.datetime
    schema_version: int = SCHEMA_VERSION
    as_of: dt.date | None = None  # the day the money figures (received, outstanding, overdue) stand on
    targets: TargetsSection | None = None  # None: a report built without its targets (a year inside one)


# --- JSON round trip -----------------------------------------------------------------------------

def to_dict(value):
    """Plain JSON values: Decimal as an exact string, dates in ISO form, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_dict(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_dict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_dict(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):  # also datetime
        return value.isoformat()
    return value


def from_dict(cls, data):
    """Rebuild dataclass `cls` from `to_dict` output, led by the type hints."""
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _decode(hints[k], v) for k, v in data.items() if k in known})


def _decode(tp, value):
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
        return _decode(tp, value)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return tuple(_decode(item, v) for v in value)
    if origin is dict:
        item = typing.get_args(tp)[1]
        return {k: _decode(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    if tp is Decimal:
        return Decimal(value)
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    return value


def to_json(data: ReportData) -> str:
    return json.dumps(to_dict(data), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> ReportData:
    return from_dict(ReportData, json.loads(text))
