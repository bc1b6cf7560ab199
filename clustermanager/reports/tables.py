"""The report's underlying lists as tables (columns with a header, a format and a width): the
workbook writes each as a sheet, the PDF prints the columns marked for it in the appendices."""

from __future__ import annotations

from dataclasses import dataclass

from clustermanager import validation as v
from clustermanager.formatting import format_date
from clustermanager.i18n import translator
from clustermanager.reports.data import CREDIT, OTHER_CALL, PERIOD_CALL, UNMATCHED, ReportData
from clustermanager.reports.labels import label
from clustermanager.reports.reader_order import reader_key
from clustermanager.reports.summary import COUNT, DATE, MONEY, TEXT, YESNO


@dataclass(frozen=True)
class Column:
    header: str
    kind: str  # summary.COUNT, MONEY, DATE, TEXT or YESNO
    width: int  # characters in the workbook
    total: bool = False  # a total under the column
    pdf: bool = True  # printed in the PDF's appendix


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    in_pdf: bool = True  # False: the PDF says the list is in the workbook (it repeats another list)
    total_label: str = ""  # what the total row under the list says it is ("" = "Total")
    footer: tuple[tuple[str, object, str, int], ...] = ()  # (label, value, kind, level) lines under the total
    noun: str = ""  # ROW_NOUNS key: how the PDF counts the rows in words ("102 members")


def _number(enterprise_number: str | None, vat: str | None) -> str:
    return v.format_enterprise_number(enterprise_number) if enterprise_number else (vat or "")


def list_tables(data: ReportData, lang: str | None = None) -> tuple[Table, ...]:
    """The lists with their titles, headers and codes in `lang` (None: the app's language)."""
    _ = translator(lang)
    f = data.finance

    seen: dict[tuple[str, str | None], str] = {}  # thousands of rows, a handful of codes

    def lab(table: str, code: str | None, own: dict | None = None) -> str:
        if (table, code) not in seen:
            seen[table, code] = label(table, code, own, lang)
        return seen[table, code]

    paid_for = {PERIOD_CALL: _("on the period's fee calls"), OTHER_CALL: _("on fee calls of other years"),
                CREDIT: _("above what a call asked (members' credit)"),
                UNMATCHED: _("not matched to a fee call")}
    return (
        Table("members", _("Members"), (
            Column(_("Name"), TEXT, 38), Column(_("Kind"), TEXT, 21), Column(_("Size"), TEXT, 10),
            Column(_("Enterprise number"), TEXT, 19), Column(_("Municipality"), TEXT, 17),
            Column(_("Province"), TEXT, 20, pdf=False), Column(_("Country"), TEXT, 9, pdf=False),
            Column(_("Joined"), DATE, 12), Column(_("Left"), DATE, 12),
        ), tuple(
            (m.name, lab("member_kind", m.kind), lab("size_class", m.size_class) if m.size_class else "",
             _number(m.enterprise_number, m.vat_number), m.municipality or "", m.province or "", m.country,
             m.joined_on, m.left_on)
            for m in sorted(data.members.members, key=lambda m: (reader_key(m.name), m.id))), noun="members"),
        Table("fee_calls", _("Fee calls"), (
            Column(_("Number"), TEXT, 12), Column(_("Member"), TEXT, 38), Column(_("Year"), COUNT, 7),
            Column(_("Category"), TEXT, 20, pdf=False), Column(_("Excl. VAT"), MONEY, 13, total=True, pdf=False),
            Column(_("VAT"), MONEY, 11, total=True, pdf=False), Column(_("Total"), MONEY, 13, total=True),
            Column(_("Issued"), DATE, 12, pdf=False), Column(_("Due"), DATE, 12),
            Column(_("Status"), TEXT, 11, pdf=False), Column(_("Received"), MONEY, 13, total=True),
            Column(_("Outstanding"), MONEY, 13, total=True), Column(_("Last payment"), DATE, 13, pdf=False),
            Column(_("Structured communication"), TEXT, 24, pdf=False),
        ), tuple(
            (c.number or "", c.member, c.year, lab("fee_category", c.category) if c.category else "", c.amount,
             c.vat_amount, c.total, c.issued_on, c.due_on, lab("call_status", c.status), c.received, c.outstanding,
             c.last_paid_on,
             v.format_structured_communication(c.structured_communication))
            for c in f.calls), noun="fee_calls"),
        Table("payments", _("Payments"), (
            Column(_("Paid on"), DATE, 12), Column(_("Amount"), MONEY, 13, total=True),
            Column(_("Member"), TEXT, 38), Column(_("Fee call"), TEXT, 12), Column(_("Counterparty"), TEXT, 30),
            Column(_("Structured communication"), TEXT, 24, pdf=False), Column(_("Source"), TEXT, 9, pdf=False),
            Column(_("Paid for"), TEXT, 30),
        ), tuple(
            (p.paid_on, p.amount, p.member or "", p.fee_call_number or "", p.counterparty or "",
             v.format_structured_communication(p.structured_communication) if p.structured_communication else "",
             p.source, paid_for[p.paid_for] if p.paid_for else "")
            for p in f.payments), in_pdf=False, noun="payments",
            total_label=_("Every payment received in the period (incl. VAT)"),
            footer=(
                (_("Cash received during the period for fees, calls of any year (incl. VAT)"), f.cash_received, MONEY,
                 0),
                *((paid_for[code], value, MONEY, 1) for code, value in (
                    (PERIOD_CALL, f.cash_on_period_calls), (OTHER_CALL, f.cash_on_other_calls),
                    (CREDIT, f.cash_to_credit))),
                (_("Received during the period, not matched to a fee call"), f.cash_unmatched, MONEY, 0),
                (_("For comparison: received on the period's fee calls by {date}, whenever it arrived (incl. VAT)")
                 .format(date=format_date(data.as_of or data.period.end, lang)), f.fees_received, MONEY, 0),
            )),
        Table("in_kind", _("In-kind contributions"), (
            Column(_("Year"), COUNT, 7), Column(_("Member"), TEXT, 38), Column(_("Date"), DATE, 12),
            Column(_("Description"), TEXT, 40), Column(_("Value"), MONEY, 13, total=True),
        ), tuple((k.year, k.member or "", k.contributed_on, k.description, k.value) for k in f.in_kind_lines),
            noun="contributions"),
        Table("activities", _("Activities"), (
            Column(_("Date"), DATE, 12), Column(_("Kind"), TEXT, 18), Column(_("Title"), TEXT, 44),
            Column(_("Location"), TEXT, 16, pdf=False), Column(_("International"), YESNO, 8, pdf=False),
            Column(_("Registered"), COUNT, 11, total=True), Column(_("Attended"), COUNT, 10, total=True),
            Column(_("Member organisations"), COUNT, 12, total=True, pdf=False),
            Column(_("From outside"), COUNT, 10, total=True, pdf=False),
        ), tuple(
            (a.starts_on, lab("activity_kind", a.kind, data.activities.own_kinds), a.title, a.location or "", a.international,
             a.registered, a.attended, a.member_organisations, a.outside_participants)
            for a in data.activities.lines), noun="activities"),
        Table("projects", _("Collaboration projects"), (
            Column(_("Title"), TEXT, 36), Column(_("Kind"), TEXT, 30, pdf=False), Column(_("Status"), TEXT, 13),
            Column(_("Start"), DATE, 12), Column(_("End"), DATE, 12, pdf=False),
            Column(_("Budget"), MONEY, 14, total=True), Column(_("Funding"), TEXT, 20, pdf=False),
            Column(_("Companies"), COUNT, 12), Column(_("Lead partner"), TEXT, 30),
            Column(_("Partners"), TEXT, 60, pdf=False),
        ), tuple(
            (p.title, lab("project_kind", p.kind), lab("project_status", p.status), p.starts_on, p.ends_on,
             p.budget, lab("funding_source", p.funding_source) if p.funding_source else "", p.companies,
             p.lead or "", p.partner_names)
            for p in data.projects.lines), noun="projects"),
    )
