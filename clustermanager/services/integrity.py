"""`check`: is the database whole, up to date, and do the domain's rules hold?"""

from __future__ import annotations

import json

from sqlalchemy import func, or_, select, text
from sqlalchemy.exc import DatabaseError as SQLDatabaseError
from sqlalchemy.orm import Session

from clustermanager import migrations
from clustermanager.db import Database
from clustermanager.i18n import _
from clustermanager.models import (
    Contact,
    FeeCall,
    Member,
    MemberKind,
    Participation,
    PartnerRole,
    Payment,
    Project,
    ProjectPartner,
)
from clustermanager.models.activity import ACTIVITY_KINDS, Activity
from clustermanager.models.cluster import Setting
from clustermanager.services.fee_checks import FEE_CHECKS
from clustermanager.services.findings import CheckReport, DomainCheck, Finding
from clustermanager.services.project_checks import PROJECT_CHECKS


def _storage(db: Database) -> list[Finding]:
    if not db.is_sqlite:
        return []
    try:
        with db.engine.connect() as conn:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    except SQLDatabaseError as exc:  # a damaged page can stop the check itself: that is the finding
        return [Finding("integrity", False, _("SQLite integrity check: the file is damaged ({reason}); restore "
                                              "the newest good backup").format(reason=exc.orig))]
    findings = [Finding("integrity", result == ["ok"], _("SQLite integrity check: {r}").format(r="; ".join(result[:5]))
                        if result == ["ok"] else _("SQLite integrity check: the file is damaged ({r}); restore the "
                                                   "newest good backup").format(r="; ".join(result[:5])))]
    findings.append(Finding("foreign_keys", not fk, _("Foreign keys: {n} broken references").format(n=len(fk))
                            if fk else _("Foreign keys: all references resolve")))
    return findings


def _search_index(db: Database) -> list[Finding]:
    """PostgreSQL: does the register's search have its trigram index? Without it the searches still find
    the same members (by scanning), so this is said, not failed."""
    if db.is_sqlite:
        return []
    from clustermanager.models.search import trigram_state

    with db.engine.connect() as conn:
        state = trigram_state(conn)
    if state.indexed:
        return [Finding("search_index", True, _("Search: the register's trigram index (pg_trgm) is in place"))]
    return [Finding("search_index", True, _(
        "Search: no trigram index, pg_trgm is not installed in this database; searches read every member "
        "(slower on large registers). An administrator can enable it: CREATE EXTENSION pg_trgm; the next "
        "opening builds the index") if state.extension_schema is None else _(
        "Search: no trigram index yet; the next opening of the database builds it"))]


def _migration_state(db: Database) -> Finding:
    current, head = migrations.current_revision(db), migrations.head_revision()
    return Finding("migrations", current == head,
                   _("Schema {current}, expected {head}").format(current=current, head=head))


def check_membership_periods(session: Session) -> Finding:
    bad = session.scalar(select(func.count()).select_from(Member).where(
        Member.left_on.is_not(None), Member.left_on < Member.joined_on))
    return Finding("membership_periods", not bad,
                   _("{n} members leave before they joined").format(n=bad) if bad else
                   _("Membership periods make sense"))


def check_one_lead_per_project(session: Session) -> Finding:
    leads = (select(ProjectPartner.project_id, func.count().label("n"))
             .where(ProjectPartner.role == PartnerRole.LEAD).group_by(ProjectPartner.project_id).subquery())
    many = session.scalar(select(func.count()).select_from(leads).where(leads.c.n > 1))
    with_partners = select(ProjectPartner.project_id).distinct().subquery()
    none = session.scalar(select(func.count()).select_from(Project).where(
        Project.id.in_(select(with_partners.c.project_id)), Project.id.not_in(select(leads.c.project_id))))
    ok = not many and not none
    return Finding("project_leads", ok, _("Every project with partners has exactly one lead") if ok else
                   _("{many} projects have several leads, {none} have partners but no lead").format(many=many, none=none))


def check_payments_within_calls(session: Session) -> Finding:
    paid = (select(Payment.fee_call_id, func.sum(Payment.amount).label("paid"))
            .where(Payment.fee_call_id.is_not(None)).group_by(Payment.fee_call_id).subquery())
    over = session.scalar(select(func.count()).select_from(FeeCall).join(paid, paid.c.fee_call_id == FeeCall.id)
                          .where(paid.c.paid > FeeCall.amount + FeeCall.vat_amount - FeeCall.credited_amount,
                                 FeeCall.credited_amount == 0))
    return Finding("payments", not over, _("{n} fee calls received more than they asked, without a credit").format(n=over)
                   if over else _("No fee call is paid more than it asked"))


def check_erased_contacts(session: Session) -> Finding:
    """GDPR: an erased person keeps no name, e-mail or phone, neither on the contact nor on a registration."""
    on_contact = session.scalar(select(func.count()).select_from(Contact).where(
        Contact.erased_on.is_not(None),
        or_(Contact.first_name != "", Contact.email.is_not(None), Contact.phone.is_not(None))))
    on_participation = session.scalar(select(func.count()).select_from(Participation).join(
        Contact, Participation.contact_id == Contact.id).where(
        Contact.erased_on.is_not(None), or_(Participation.name.is_not(None), Participation.email.is_not(None))))
    bad = (on_contact or 0) + (on_participation or 0)
    return Finding("erased_contacts", not bad,
                   _("{n} erased people still have personal data").format(n=bad) if bad else
                   _("Erased people hold no personal data"))


def check_one_main_contact(session: Session) -> Finding:
    mains = (select(Contact.member_id).where(Contact.is_main.is_(True), Contact.erased_on.is_(None))
             .group_by(Contact.member_id).having(func.count() > 1).subquery())
    bad = session.scalar(select(func.count()).select_from(mains))
    return Finding("main_contacts", not bad,
                   _("{n} members have several main contacts").format(n=bad) if bad else
                   _("No member has more than one main contact"))


def check_size_class_only_for_companies(session: Session) -> Finding:
    bad = session.scalar(select(func.count()).select_from(Member).where(
        Member.size_class.is_not(None), Member.kind != MemberKind.COMPANY))
    return Finding("size_classes", not bad,
                   _("{n} members that are not companies have a size class").format(n=bad) if bad else
                   _("Only companies have a size class"))


def check_participants(session: Session) -> Finding:
    """A contact's participation carries the contact's member; an outside person has a name."""
    wrong_member = session.scalar(select(func.count()).select_from(Participation).join(
        Contact, Contact.id == Participation.contact_id).where(
        (Participation.member_id.is_(None)) | (Participation.member_id != Contact.member_id)))
    nameless = session.scalar(select(func.count()).select_from(Participation).where(
        Participation.member_id.is_(None), Participation.contact_id.is_(None),
        (Participation.name.is_(None)) | (Participation.name == "")))
    neither = session.scalar(select(func.count()).select_from(Participation).where(
        ~Participation.registered, ~Participation.attended))
    ok = not (wrong_member or nameless or neither)
    return Finding("participants", ok, _("Every participant is a member's contact or a named outside person") if ok
                   else _("{a} participations name another member than their contact's, {b} outside participants "
                          "have no name, {c} are neither registered nor attended").format(
                       a=wrong_member, b=nameless, c=neither))


def check_activity_kinds(session: Session) -> Finding:
    setting = session.scalar(select(Setting.value).where(Setting.key == "activity_kinds"))
    known = set(ACTIVITY_KINDS) | set(json.loads(setting) if setting else {})
    unknown = sorted(k for (k,) in session.execute(select(Activity.kind).distinct()) if k not in known)
    return Finding("activity_kinds", not unknown,
                   _("Activities use unknown kinds: {kinds}").format(kinds=", ".join(unknown)) if unknown else
                   _("Every activity has a known kind"))


# Later features append their own domain rules here.
DOMAIN_CHECKS: list[DomainCheck] = [check_membership_periods, check_one_lead_per_project, check_payments_within_calls]
DOMAIN_CHECKS += [check_erased_contacts, check_one_main_contact, check_size_class_only_for_companies]
DOMAIN_CHECKS += [check_participants, check_activity_kinds]
DOMAIN_CHECKS += FEE_CHECKS + PROJECT_CHECKS


def run_checks(db: Database) -> CheckReport:
    findings = [*_storage(db), _migration_state(db), *_search_index(db)]
    with db.session() as session:
        for check in DOMAIN_CHECKS:
            try:
                findings.append(check(session))
            except SQLDatabaseError as exc:  # a damaged page under this rule's tables
                session.rollback()
                findings.append(Finding(check.__name__.removeprefix("check_"), False,
                                        _("Could not be checked: the database is damaged ({reason})").format(
                                            reason=exc.orig)))
        session.execute(text("SELECT 1"))
    return CheckReport(tuple(findings))
