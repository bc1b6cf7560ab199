"""Registration-list import: matching to contacts, new people, doubtful rows, one transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clustermanager.errors import NotFoundError
from clustermanager.io.registrations import read_registrations
from clustermanager.models import Contact, Participation
from clustermanager.services import activities as act
from clustermanager.services import registrations as reg
from tests.core.services.helpers import contact, member

DATA = Path(__file__).parents[2] / "data" / "registrations"


@pytest.fixture
def cluster(session):
    alpha = member(session, "Alpha NV")
    beta = member(session, "Beta BV")
    gamma = member(session, "Gamma SA")
    delta = member(session, "Delta BV")
    ids = {
        "alpha": alpha, "gamma": gamma,
        "ann": contact(session, alpha, "Ann", "Aerts", "ann@alpha.be"),
        "bob": contact(session, alpha, "Bob", "Baert"),
        "cas": contact(session, beta, "Cas", "Claes", "cas@beta.be"),
        "jan_g": contact(session, gamma, "Jan", "Peeters", "jan@gamma.be"),
        "jan_d": contact(session, delta, "Jan", "Peeters", "jan.peeters@delta.be"),
    }
    ids["activity"] = act.create_activity(session, act.ActivityInput(
        kind="workshop", title="Hydrogen", starts_on=dt.date(2025, 5, 2))).id
    return ids


def _preview(session, cluster, name="eventbrite_en.csv", **kw):
    return reg.preview_registrations(session, cluster["activity"], read_registrations(DATA / name), source=name, **kw)


def test_preview_sorts_rows_into_matched_new_and_doubtful(session, cluster):
    preview = _preview(session, cluster)
    by_row = {line.row: line for line in preview.lines}
    assert preview.counts() == {"matched": 2, "new": 2, "doubtful": 2, "skipped": 1}
    assert (by_row[2].status, by_row[2].contact_id) == (reg.MatchStatus.MATCHED, cluster["ann"])  # e-mail
    assert (by_row[3].status, by_row[3].contact_id) == (reg.MatchStatus.MATCHED, cluster["bob"])  # name + member
    assert by_row[4].status is reg.MatchStatus.DOUBTFUL and "e-mail differs" in by_row[4].reason
    assert by_row[5].status is reg.MatchStatus.DOUBTFUL
    assert {c.contact_id for c in by_row[5].candidates} == {cluster["jan_g"], cluster["jan_d"]}
    assert (by_row[6].action, by_row[6].member_id) == (reg.Action.NEW_CONTACT, cluster["alpha"])
    assert by_row[7].action is reg.Action.OUTSIDE
    assert by_row[8].status is reg.MatchStatus.SKIPPED
    # a preview writes nothing
    assert session.scalar(select(func.count()).select_from(Participation)) == 0


def test_apply_adds_people_and_resolved_doubts(session, cluster):
    preview = _preview(session, cluster)
    result = reg.apply_registrations(session, preview, decisions={5: cluster["jan_g"]})
    assert (result.added, result.new_contacts, result.outside, result.skipped) == (5, 1, 1, 2)
    detail = act.get_activity(session, cluster["activity"])
    people = {p.name: p for p in detail.participants}
    assert set(people) == {"Ann Aerts", "Bob Baert", "Jan Peeters", "Eva Smets", "Guest Person"}
    assert people["Jan Peeters"].member_id == cluster["gamma"]
    assert people["Eva Smets"].member_name == "Alpha NV" and people["Eva Smets"].attended
    assert people["Guest Person"].is_outside and people["Guest Person"].organisation == "De Standaard"
    assert people["Bob Baert"].attended is False
    eva = session.scalar(select(Contact).where(Contact.email == "eva@alpha.be"))
    assert (eva.first_name, eva.last_name, eva.consent) == ("Eva", "Smets", False)


def test_importing_the_same_list_twice_updates_instead_of_adding(session, cluster):
    reg.apply_registrations(session, _preview(session, cluster))
    again = _preview(session, cluster)
    assert again.matched[0].already_listed
    result = reg.apply_registrations(session, again)
    assert (result.added, result.updated) == (0, 4)  # Ann, Bob, Eva (now a contact), the guest
    assert session.scalar(select(func.count()).select_from(Participation)) == 4


def test_windows_csv_and_workbook(session, cluster):
    preview = _preview(session, cluster, "teams_nl_windows1252.csv", attended=True)
    assert [line.action for line in preview.lines] == [reg.Action.OUTSIDE, reg.Action.CONTACT]
    assert all(line.attended for line in preview.lines)
    preview = _preview(session, cluster, "inscriptions_fr.xlsx")
    helene, ann = preview.lines
    assert (helene.action, helene.member_id) == (reg.Action.NEW_CONTACT, cluster["gamma"])  # "Gamma" = Gamma SA
    assert (ann.contact_id, ann.attended) == (cluster["ann"], False)


def test_nothing_saved_when_a_row_fails(db, session, cluster):
    session.commit()  # the cluster is saved; the import runs in sessions of its own
    with db.session() as session:
        preview = _preview(session, cluster)
    broken = preview.lines[-2]
    bad = reg.RegistrationPreview(preview.activity_id, None, (*preview.lines, reg.PreviewLine(
        row=99, name="Nobody Here", email=None, organisation="Gone", attended=False, status=reg.MatchStatus.NEW,
        action=reg.Action.NEW_CONTACT, reason="", member_id=9999)))
    assert broken.action is reg.Action.OUTSIDE
    with pytest.raises(NotFoundError), db.session() as session:
        reg.apply_registrations(session, bad)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Participation)) == 0
        assert session.scalar(select(func.count()).select_from(Contact)) == 5


def test_resolve_refuses_a_contact_that_is_not_a_candidate(session, cluster):
    preview = _preview(session, cluster)
    with pytest.raises(Exception) as exc:
        preview.resolve(5, cluster["ann"])
    assert "candidates" in str(exc.value)
    assert preview.resolve(5, "outside").lines[3].action is reg.Action.OUTSIDE


def test_an_organisation_is_matched_with_its_legal_form(session, tmp_path):
    """Havenboei BV is not Havenboei NV; a bare Havenboei may be either, so the user decides."""
    from clustermanager.io.registrations import RegistrationRow

    bv = member(session, "Havenboei BV")
    nv = member(session, "Havenboei NV")
    solo = member(session, "Kraanwerk")
    lies = contact(session, bv, "Lies", "Maes", "lies@havenboei-bv.be")
    activity = act.create_activity(session, act.ActivityInput(kind="workshop", title="Port", starts_on=dt.date(2025, 6, 1))).id

    def row(n, name, org, email=None):
        first, last = name.split()
        return RegistrationRow(n, name, first, last, email, org, True)

    rows = [row(2, "Tom Wouters", "Havenboei NV"), row(3, "Els Goossens", "Havenboei B.V.B.A."),
            row(4, "Raf Jacobs", "Havenboei"), row(5, "Lies Maes", "Havenboei NV"),
            row(6, "Mia Peeters", "Kraanwerk SA"), row(7, "Wim Claes", "Havenboei SRL")]
    preview = reg.preview_registrations(session, activity, rows)
    by_row = {line.row: line for line in preview.lines}
    assert (by_row[2].action, by_row[2].member_id) == (reg.Action.NEW_CONTACT, nv)
    assert (by_row[3].action, by_row[3].member_id) == (reg.Action.NEW_CONTACT, bv)  # BVBA became BV
    assert (by_row[7].action, by_row[7].member_id) == (reg.Action.NEW_CONTACT, bv)  # SRL is BV in French
    assert by_row[4].status is reg.MatchStatus.DOUBTFUL and {m[0] for m in by_row[4].member_choices} == {bv, nv}
    assert "Havenboei BV" in by_row[4].reason and "Havenboei NV" in by_row[4].reason
    # Lies works at Havenboei BV: a row saying Havenboei NV is not silently her
    assert by_row[5].status is reg.MatchStatus.DOUBTFUL and "legal form differs" in by_row[5].reason
    assert (by_row[6].action, by_row[6].member_id) == (reg.Action.NEW_CONTACT, solo)  # the member has no form
    # undecided doubtful rows are skipped, never merged; a decision names the member
    result = reg.apply_registrations(session, preview.resolve(4, f"member:{nv}"))
    assert (result.added, result.skipped) == (5, 1)
    people = {p.name: p for p in act.get_activity(session, activity).participants}
    assert people["Raf Jacobs"].member_id == nv and "Lies Maes" not in people
    assert lies
