"""The history in words: enum codes by their labels, project partners by their member's name."""

from __future__ import annotations

import pytest

from clustermanager import i18n
from clustermanager.services import members, projects
from clustermanager.services.history import entries
from clustermanager.services.history.display import shown_value
from tests.core.services.helpers import member

pytestmark = pytest.mark.postgres


@pytest.fixture
def dutch():
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


def test_an_enum_code_is_shown_by_its_label():
    assert shown_value("member", "size_class", "small") == "Small"
    assert shown_value("member", "kind", "knowledge_institution") == "Knowledge institution"
    assert shown_value("project", "status", "running") != "running"


def test_the_label_follows_the_language(dutch):
    assert shown_value("member", "kind", "company") == i18n._("Company") != "Company"


def test_anything_else_is_shown_as_stored():
    assert shown_value("member", "name", "small") == "small"  # not an enum column
    assert shown_value("member", "size_class", "huge") == "huge"  # a code the app no longer knows
    assert shown_value("member", "size_class", None) is None
    assert shown_value("no_such_table", "kind", "company") == "company"


def test_a_project_partner_is_named_by_its_member(db):
    with db.session() as s:
        mid = member(s, "Acme NV")
        pid = projects.create_project(s, projects.ProjectInput(kind="b2b", title="Digital twin")).id
        projects.add_partner(s, pid, projects.PartnerInput(member_id=mid))
    with db.session() as s:
        [added] = [e for e in entries.history(s, record=entries.RecordKey("project", pid, None))
                   if e.table == "project_partner"]
        assert added.record == "Acme NV"
        data = members.get_member(s, mid)
        members.update_member(s, mid, members.MemberInput(name="Acme BV", kind="company", size_class="small",
                                                          joined_on=data.joined_on))
    with db.session() as s:  # named as the member is called now
        [added] = [e for e in entries.history(s, record=entries.RecordKey("project", pid, None))
                   if e.table == "project_partner"]
        assert added.record == "Acme BV"
