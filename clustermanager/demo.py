"""A realistic demo cluster, and the synthetic generator the benchmarks scale up to 100,000 members.

Deterministic for a given seed and reference year. Rows are written with set-based inserts so that
100,000 members with their fees, activities and projects take well under a minute.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.iso7064 import mod_11_10

from clustermanager.change_recording.recorder import paused
from clustermanager.demo_words import (  # noqa: F401 (the lists the generator draws from)
    ACTIVITY_TITLES,
    FIELDS,
    FIRST,
    FOREIGN,
    GOVERNMENT,
    KNOWLEDGE,
    LAST,
    LEGAL,
    NACE,
    NAME_CORE,
    NAME_START,
    NAME_TAIL,
    OTHER,
    PLACES,
    RESEARCH,
    ROLES,
    TOPICS,
)
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.io.einvoice import vatex
from clustermanager.models import (
    ACTIVITY_KINDS,
    Activity,
    ClusterKind,
    ClusterProfile,
    ClusterYear,
    Contact,
    FeeCall,
    FeeSchedule,
    FundingSource,
    InKindContribution,
    Member,
    MemberKind,
    Participation,
    PartnerRole,
    Payment,
    PaymentSource,
    Project,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
    ProjectStatusChange,
    ReportNarrative,
    SizeClass,
)
from clustermanager.models.base import Base, utcnow
from clustermanager.models.search import deferred_index
from clustermanager.progress import OnProgress
from clustermanager.services.fees import fee_category_for
from clustermanager.services.invoicing import vat_treatment
from clustermanager.validation import make_structured_communication

FEE_CATEGORIES = {  # category -> yearly fee in the first demo year
    "micro": Decimal("350"), "small": Decimal("750"), "medium": Decimal("1500"), "large": Decimal("3500"),
    "knowledge": Decimal("2000"), "government": Decimal("1000"), "other": Decimal("500"),
}
EXEMPT_CATEGORIES = ("government",)
# The article an accountant would name for a vzw's member fees exempt from VAT (Belgian VAT Code).
EXEMPT_ARTICLE = "Art. 44, §2, 11° WBTW / CTVA"
PEPPOL_VAT_SCHEMES = {"NL": "9944", "DE": "9930", "FR": "9957"}  # Peppol EAS codes for a VAT number

# The statuses the demo draws projects from (the pipeline's stages are added by demo_targets, so the
# seeded demo stays the same cluster)
DEMO_STATUSES = [ProjectStatus.IDEA, ProjectStatus.PREPARATION, ProjectStatus.RUNNING, ProjectStatus.COMPLETED,
                 ProjectStatus.STOPPED]


def _ascii(text: str) -> str:
    """An address part without accents (zoë -> zoe): most mail servers take no UTF-8 addresses."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _peppol_from_vat(vat_number: str | None) -> str | None:
    """A foreign member's Peppol ID from its VAT number (9944:NL..., 9930:DE..., 9957:FR...)."""
    scheme = PEPPOL_VAT_SCHEMES.get((vat_number or "")[:2])
    return f"{scheme}:{vat_number}" if scheme else None


@dataclass(frozen=True)
class DemoSummary:
    members: int
    contacts: int
    fee_calls: int
    payments: int
    activities: int
    participations: int
    projects: int


def _enterprise_numbers(rng: random.Random, n: int) -> list[str]:
    bases = rng.sample(range(2_000_000, 9_999_999), n)
    return [f"0{b:07d}{97 - (b % 97):02d}" for b in bases]


def _foreign_vat(rng: random.Random, country: str, used: set[str]) -> str:
    while True:
        if country == "DE":
            base = str(rng.randint(10_000_000, 99_999_999))
            number = "DE" + base + mod_11_10.calc_check_digit(base)
        elif country == "FR":
            from stdnum import luhn
            siren8 = str(rng.randint(10_000_000, 99_999_999))
            siren = siren8 + luhn.calc_check_digit(siren8)
            number = f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
        else:  # NL: the 9 digits pass the eleven-test
            while True:
                digits = [rng.randint(0, 9) for _ in range(8)]
                check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
                if check < 10:
                    break
            number = "NL" + "".join(map(str, digits)) + str(check) + "B01"
        if number not in used:
            used.add(number)
            return number


def scale(members: int) -> dict[str, int]:
    """How much of everything a cluster of `members` members has (the demo: 120 -> 60 and 25)."""
    return {"activities": max(60, members // 5), "projects": max(25, members // 6)}


def generate_demo(session: Session, *, members: int = 120, seed: int = 2016, year: int | None = None,
                  years: int = 4, progress: OnProgress | None = None) -> DemoSummary:
    """Fill an empty database with a demo cluster. Refuses a database that already has members.

    Not history: the demo is no user action (Edit > Undo would otherwise offer to take back its profile)."""
    with paused(session), deferred_index(session):  # the search index filled once at the end
        return _generate(session, members=members, seed=seed, year=year, years=years, progress=progress)


def _generate(session: Session, *, members: int, seed: int, year: int | None, years: int,
              progress: OnProgress | None) -> DemoSummary:
    if members < 10 or members > 1_000_000:
        raise ValidationError("members", members, _("must be between 10 and 1,000,000"))
    if session.scalar(select(func.count()).select_from(Member)):
        raise ValidationError("database", "", _("already holds members; use an empty database for the demo"))
    report = progress or (lambda _p, _m: None)
    rng = random.Random(seed)
    last_year = year or dt.date.today().year
    first_year = last_year - years + 1
    start = dt.date(first_year - 3, 1, 1)
    today = min(dt.date.today(), dt.date(last_year, 12, 31)) if year is None else dt.date(last_year, 11, 15)

    session.add(ClusterProfile(
        name="Flanders Smart Industry Network", kind=ClusterKind.IBN, enterprise_number="0417497106",
        street="Kortrijksesteenweg 1", postcode="9000", municipality="Gent", country="BE",
        email="info@smartindustry.example", website="https://smartindustry.example",
        iban="BE71096123456769", bic="GKCCBEBB", funding_start=dt.date(first_year, 1, 1),
        funding_end=dt.date(first_year + 2, 12, 31), funding_rate=Decimal("0.5"),
        # a VAT-registered vzw: its fees carry 21 % VAT, public bodies' fees are exempt (see EXEMPT_ARTICLE)
        legal_form="vzw", vat_registered=True, vat_number="BE0417497106", legal_register="RPR",
        court_division="Gent, afdeling Gent", phone="+32 9 123 45 67",
    ))
    for y in range(first_year, last_year + 1):
        subsidy = (Decimal(members) * Decimal("800")).quantize(Decimal("1000"))  # past years meet the 50 %
        session.add(ClusterYear(year=y, budget=subsidy * 2, subsidy=subsidy))
        growth = Decimal("1.03") ** (y - first_year)
        for cat, amount in FEE_CATEGORIES.items():
            exempt = cat in EXEMPT_CATEGORIES
            session.add(FeeSchedule(year=y, category=cat, amount=(amount * growth).quantize(Decimal("1")),
                                    vat_rate=Decimal("0") if exempt else Decimal("21"),
                                    vat_ground="exempt" if exempt else None,
                                    vat_article=EXEMPT_ARTICLE if exempt else None,
                                    vat_exemption_code=vatex.MEMBERSHIP_CODE if exempt else None))
    session.flush()
    report(2, _("Members"))

    # --- members
    member_rows, used_names, used_vat = [], set(), set()
    numbers = iter(_enterprise_numbers(rng, members))
    kinds = rng.choices(list(MemberKind), weights=[75, 10, 7, 8], k=members)
    span_days = (today - start).days
    for i, kind in enumerate(kinds, start=1):
        size = rng.choices(list(SizeClass), weights=[30, 35, 20, 15])[0] if kind is MemberKind.COMPANY else None
        foreign = kind is MemberKind.COMPANY and rng.random() < 0.04
        if foreign:
            country, postcode, town = rng.choice(FOREIGN)
            province = None
        else:
            postcode, town, province = rng.choice(PLACES)
            country = "BE"
        name = _member_name(rng, kind, town)
        while name.lower() in used_names:
            name = f"{name} {rng.randint(2, 999)}"
        used_names.add(name.lower())
        joined = start + dt.timedelta(days=int(span_days * rng.random() ** 1.6))
        left = None
        if rng.random() < 0.12:
            left = joined + dt.timedelta(days=rng.randint(200, 1500))
            left = None if left >= today else left
        domain = "".join(ch for ch in name.lower() if ch.isalnum())[:20] or f"member{i}"
        member_rows.append({
            "id": i, "name": name, "kind": kind, "size_class": size,
            "enterprise_number": None if foreign else next(numbers),
            "vat_number": _foreign_vat(rng, country, used_vat) if foreign else None,
            "nace_code": rng.choice(NACE) if kind is MemberKind.COMPANY else None,
            "nace_version": "2008" if kind is MemberKind.COMPANY else None,
            "street": f"{rng.choice(['Industrieweg', 'Stationsstraat', 'Kerkstraat', 'Technologiepark', 'Rue de la Gare'])} {rng.randint(1, 250)}",
            "postcode": postcode, "municipality": town, "province": province, "country": country,
            "website": f"https://www.{domain}.example", "email": f"info@{domain}.example",
            "fee_category": fee_category_for(kind, size), "joined_on": joined, "left_on": left,
        })
        member_rows[-1]["peppol_id"] = _peppol_from_vat(member_rows[-1]["vat_number"])
    _bulk(session, Member, member_rows)
    report(15, _("Contacts"))

    # --- contacts
    contact_rows = []
    for m in member_rows:
        domain = m["email"].split("@")[1]
        for k in range(rng.choices([1, 2, 3, 4], weights=[30, 35, 25, 10])[0]):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            local = _ascii(f"{first}.{last}".lower().replace(" ", ""))  # mail servers refuse "zoë@"
            consent = rng.random() < 0.85
            contact_rows.append({
                "id": len(contact_rows) + 1, "member_id": m["id"], "first_name": first, "last_name": last,
                "email": f"{local}{len(contact_rows) + 1}@{domain}", "phone": f"+32 {rng.randint(470, 499)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                "role": rng.choice(ROLES), "is_main": k == 0, "consent": consent,
                "consent_on": m["joined_on"] if consent else None,
            })
    _bulk(session, Contact, contact_rows)
    report(25, _("Fees and payments"))

    # --- fee calls and payments
    schedule = {(s.year, s.category): s for s in session.scalars(select(FeeSchedule))}
    calls, payments = [], []
    for y in range(first_year, last_year + 1):
        issued = dt.date(y, 2, 1)
        due = dt.date(y, 3, 31)
        sequence = 0
        for m in member_rows:
            if m["joined_on"] > dt.date(y, 12, 31) or (m["left_on"] and m["left_on"] < dt.date(y, 1, 1)):
                continue
            if issued > today:
                continue
            sched = schedule[(y, m["fee_category"])]
            sequence += 1
            treatment = vat_treatment(supplier_vat_registered=True, rate=sched.vat_rate, ground=sched.vat_ground,
                                      article=sched.vat_article, customer_country=m["country"],
                                      customer_vat_number=m["vat_number"], exemption_code=sched.vat_exemption_code)
            vat = (sched.amount * treatment.rate / 100).quantize(Decimal("0.01"))
            call_id = len(calls) + 1
            calls.append({
                "id": call_id, "member_id": m["id"], "year": y, "category": m["fee_category"],
                "number": f"{y}-{sequence:05d}", "amount": sched.amount, "vat_rate": treatment.rate,
                "vat_category": treatment.category, "vat_ground_text": treatment.ground_text,
                "vat_exemption_code": treatment.exemption_code,
                "vat_amount": vat, "issued_on": max(issued, m["joined_on"]), "due_on": max(due, m["joined_on"] + dt.timedelta(days=30)),
                "structured_communication": make_structured_communication(y, sequence),
            })
            total = sched.amount + vat
            roll = rng.random()
            paid_share = Decimal(1) if roll < (0.88 if y < last_year else 0.6) else (Decimal("0.5") if roll < 0.93 else 0)
            if paid_share:
                paid_on = calls[-1]["issued_on"] + dt.timedelta(days=rng.randint(5, 80))
                if paid_on <= today:
                    payments.append({
                        "id": len(payments) + 1, "fee_call_id": call_id, "paid_on": paid_on,
                        "amount": (total * paid_share).quantize(Decimal("0.01")),
                        "source": PaymentSource.MANUAL, "counterparty_name": m["name"],
                        "structured_communication": calls[-1]["structured_communication"],
                        "communication": "+++{}/{}/{}+++".format(*_ogm_parts(calls[-1]["structured_communication"])),
                    })
    _bulk(session, FeeCall, calls)
    _bulk(session, Payment, payments)
    in_kind = []
    for y in range(first_year, last_year + 1):
        for _k in range(max(3, members // 40)):
            m = rng.choice(member_rows)
            in_kind.append({"id": len(in_kind) + 1, "member_id": m["id"], "year": y,
                            "contributed_on": dt.date(y, rng.randint(1, 12), rng.randint(1, 28)),
                            "description": rng.choice(["Venue for network event", "Expert hours in workshop",
                                                       "Test equipment on loan", "Speaker at conference"]),
                            "value": Decimal(rng.randint(4, 60) * 100)})
    _bulk(session, InKindContribution, in_kind)
    report(45, _("Activities"))

    # --- activities and participations
    sizes = scale(members)
    contacts_by_member: dict[int, list[int]] = {}
    for c in contact_rows:
        contacts_by_member.setdefault(c["member_id"], []).append(c["id"])
    activities = []
    act_start = dt.date(first_year, 1, 15)
    act_span = max(1, (today - act_start).days)
    for a in range(1, sizes["activities"] + 1):
        kind = rng.choices(list(ACTIVITY_KINDS), weights=[12, 20, 14, 6, 14, 18, 4, 4])[0]
        day = act_start + dt.timedelta(days=rng.randint(0, act_span))
        online = kind == "webinar"
        activities.append({
            "id": a, "kind": kind, "title": ACTIVITY_TITLES[kind].format(t=rng.choice(TOPICS)), "starts_on": day,
            "ends_on": day + dt.timedelta(days=1) if kind == "study_visit" else day,
            "start_time": rng.choice(["09:00", "13:30", "16:00", "19:00"]),
            "location": "Online" if online else rng.choice(PLACES)[1], "online": online,
            "international": rng.random() < 0.12, "organiser": "Flanders Smart Industry Network",
            "tags": rng.choice(TOPICS),
        })
    _bulk(session, Activity, activities)
    participations: list[dict] = []
    next_id = 1
    for act in activities:
        day = act["starts_on"]
        active = [m for m in _sample(rng, member_rows, 120)
                  if m["joined_on"] <= day and (m["left_on"] is None or m["left_on"] >= day)]
        seen: set[int] = set()
        for _p in range(rng.randint(12, 78)):  # about 40 a head once repeat registrations are dropped
            attended = rng.random() < 0.85
            if active and rng.random() < 0.85:
                m = rng.choice(active)
                contact_id = rng.choice(contacts_by_member[m["id"]])
                if contact_id in seen:
                    continue
                seen.add(contact_id)
                row = {"contact_id": contact_id, "member_id": m["id"]}
            else:
                first, last = rng.choice(FIRST), rng.choice(LAST)
                row = {"name": f"{first} {last}",
                       "organisation": rng.choice(["Guest company", "Press", "City of Gent", "TU Eindhoven"]),
                       "email": _ascii(f"{first}.{last}@guest.example".lower().replace(" ", ""))}
            participations.append({"id": next_id, "activity_id": act["id"], "registered": True,
                                   "attended": attended, "contact_id": None, "member_id": None,
                                   "name": None, "organisation": None, "email": None, **row})
            next_id += 1
        if len(participations) >= 50_000:
            _bulk(session, Participation, participations)
            participations = []
    _bulk(session, Participation, participations)
    report(75, _("Collaboration projects"))

    # --- projects
    companies = [m for m in member_rows if m["kind"] is MemberKind.COMPANY]
    others = [m for m in member_rows if m["kind"] is not MemberKind.COMPANY]
    projects, partners = [], []
    for p in range(1, sizes["projects"] + 1):
        kind = rng.choice(list(ProjectKind))
        begin = act_start + dt.timedelta(days=rng.randint(0, act_span))
        status = rng.choices(DEMO_STATUSES, weights=[8, 12, 40, 32, 8])[0]
        end = begin + dt.timedelta(days=rng.randint(180, 900))
        if end > today and status in (ProjectStatus.COMPLETED, ProjectStatus.STOPPED):
            status = ProjectStatus.RUNNING  # nothing is finished in the future
        budget = Decimal(rng.randint(20, 600) * 1000)
        projects.append({
            "id": p, "kind": kind, "title": f"{kind.label.split(' ')[0]} {rng.choice(TOPICS)} {p}",
            "status": status, "starts_on": None if status is ProjectStatus.IDEA else begin,
            "ends_on": end if status in (ProjectStatus.COMPLETED, ProjectStatus.STOPPED) else None,
            "budget": budget, "funding_source": rng.choice(list(FundingSource)),
            "description": f"Members work together on {rng.choice(TOPICS)}.",
            "results": "Prototype delivered and tested at two members." if status is ProjectStatus.COMPLETED else None,
        })
        n_companies = rng.choices([2, 3, 4, 5, 6], weights=[10, 35, 30, 15, 10])[0]
        chosen = _sample(rng, companies, n_companies) + _sample(rng, others, rng.randint(0, 2))
        share = (budget / len(chosen)).quantize(Decimal("0.01"))
        for k, m in enumerate(chosen):
            partners.append({"id": len(partners) + 1, "project_id": p, "member_id": m["id"],
                             "role": PartnerRole.LEAD if k == 0 else PartnerRole.PARTNER,
                             "budget_share": share, "in_kind_hours": Decimal(rng.randint(0, 400))})
    _bulk(session, Project, projects)
    _bulk(session, ProjectPartner, partners)
    _bulk(session, ProjectStatusChange, _status_history(projects, today))
    _after_explicit_ids(session)
    session.add(ReportNarrative(
        period_start=dt.date(last_year - 1, 1, 1), period_end=dt.date(last_year - 1, 12, 31),
        achievements="The network grew and started new collaboration projects between members.",
        challenges="Recruiting micro companies remains hard; several members merged.",
        plans="After the funding period the network continues on member fees and project income.",
    ))
    session.flush()
    _demo_selections(session, last_year)
    from clustermanager.demo_targets import add_demo_pipeline, add_demo_targets  # loaded only for the demo

    add_demo_targets(session, members, first_year, last_year)
    add_demo_pipeline(session, today)
    report(100, _("Done"))
    return DemoSummary(
        members=len(member_rows), contacts=len(contact_rows), fee_calls=len(calls), payments=len(payments),
        activities=session.scalar(select(func.count()).select_from(Activity)),
        participations=session.scalar(select(func.count()).select_from(Participation)),
        projects=len(projects),
    )


def _ogm_parts(digits: str) -> tuple[str, str, str]:
    return digits[:3], digits[3:7], digits[7:]


def _sample(rng: random.Random, items: list, k: int) -> list:
    return rng.sample(items, min(k, len(items)))


def _member_name(rng: random.Random, kind: MemberKind, town: str) -> str:
    if kind is MemberKind.COMPANY:
        return f"{rng.choice(NAME_START)}{rng.choice(NAME_CORE)} {rng.choice(NAME_TAIL)} {rng.choice(LEGAL)}"
    if kind is MemberKind.KNOWLEDGE:
        return f"{rng.choice(KNOWLEDGE)} – {rng.choice(RESEARCH)} {rng.choice(FIELDS)}"
    if kind is MemberKind.GOVERNMENT:
        return f"{rng.choice(GOVERNMENT)} {town}"
    return f"{rng.choice(OTHER)} {rng.choice(FIELDS)}"


def _after_explicit_ids(session: Session) -> None:
    """PostgreSQL: the rows above were written with their own ids, so each table's id sequence moves
    past them (or the next ORM insert, e.g. the pipeline's status changes, would reuse id 1)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    conn = session.connection()
    for table in Base.metadata.sorted_tables:
        if "id" in table.c:
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)")


def _bulk(session: Session, model, rows: list[dict]) -> None:
    """Core executemany on the table: one statement per chunk, no ORM bookkeeping per row."""
    if not rows:
        return
    now = utcnow()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    table = model.__table__
    # Every row carries every column (one statement shape), with the model's scalar defaults.
    defaults = {c.name: (c.default.arg if c.default is not None and c.default.is_scalar else None)
                for c in table.columns if c.name not in stamps and c.name != "id"}
    base = {**defaults, **stamps}
    conn = session.connection()
    for i in range(0, len(rows), 20_000):
        chunk = [{**base, **row} for row in rows[i:i + 20_000]]
        conn.execute(table.insert(), chunk)


def _status_history(projects: list[dict], today: dt.date) -> list[dict]:
    """Each demo project's dated status changes: an idea or preparation since a while, running from its
    start, completed or stopped on its end date."""
    rows: list[dict] = []
    for p in projects:
        status, begin = p["status"], p["starts_on"]
        if begin is None or status is ProjectStatus.PREPARATION:
            changes = [(ProjectStatus.IDEA, today - dt.timedelta(days=200 + p["id"] % 90))]
            if status is ProjectStatus.PREPARATION:
                changes.append((status, today - dt.timedelta(days=60 + p["id"] % 40)))
        else:
            changes = [(ProjectStatus.PREPARATION, begin - dt.timedelta(days=90)), (ProjectStatus.RUNNING, begin)]
            if status in (ProjectStatus.COMPLETED, ProjectStatus.STOPPED):
                changes.append((status, p["ends_on"]))
        rows += [{"id": len(rows) + k + 1, "project_id": p["id"], "status": value, "changed_on": day, "note": None}
                 for k, (value, day) in enumerate(changes)]
    return rows


def _demo_selections(session: Session, last_year: int) -> None:
    """A few saved selections, so a new user sees what they are for."""
    from clustermanager.services.selections import save_selection

    save_selection(session, "Main contacts", {"main_contact_only": True},
                   description="One person per member: fee calls and general news")
    save_selection(session, "Overdue fees", {"fee_year": last_year, "fee_statuses": ["overdue"],
                                             "main_contact_only": True},
                   description=f"Main contacts of members whose {last_year} fee is overdue")
    save_selection(session, "Attended last year", {"attended_from": f"{last_year - 1}-01-01",
                                                   "attended_to": f"{last_year - 1}-12-31"},
                   description=f"Everyone who attended an activity in {last_year - 1}")
    save_selection(session, "SME project partners", {"kinds": ["company"], "sizes": ["micro", "small", "medium"],
                                                     "project_partners": True},
                   description="Contacts at SMEs that take part in a collaboration project")
