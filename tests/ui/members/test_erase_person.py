"""Tools > Erase a person…: erase a contact, then erase them from the backups that still hold them."""

from __future__ import annotations

from sqlalchemy import select

from clustermanager import backup as bk
from clustermanager.models import Contact
from clustermanager.services import privacy_files
from clustermanager.ui.common import dialogs
from clustermanager.ui.members import erase_person as erase
from clustermanager.ui.shell import registry


def test_erase_a_person_then_purge_the_backups(window, monkeypatch, shown_messages):
    assert ("tools", "&Erase a person…") in {(a.menu, a.text) for a in registry.menu_actions()}
    with window.ctx.db.session() as s:
        contact = s.scalar(select(Contact).where(Contact.erased_on.is_(None), Contact.email.is_not(None)))
        contact_id, email = contact.id, contact.email
    bk.backup_database(window.ctx.db)
    assert privacy_files.backups_holding(window.ctx.db.path, contact_id)
    asked = []
    monkeypatch.setattr(erase, "choose_person", lambda win: (contact_id, "the person"))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text, action: asked.append(text) or True)
    tools = next(a.menu() for a in window.menuBar().actions() if a.menu() and "Tools" in a.text())
    next(a for a in tools.actions() if a.text() == "&Erase a person…").trigger()
    assert window.ctx.tasks.wait_idle() and window.ctx.tasks.wait_idle() and window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as s:
        assert s.get(Contact, contact_id).erased_on is not None
    assert len(asked) == 2 and "still hold the person" in asked[1]
    assert privacy_files.backups_holding(window.ctx.db.path, contact_id) == []
    assert shown_messages and "Erased from" in shown_messages[-1][1], shown_messages
    for info in bk.list_backups(window.ctx.db.path):
        assert email.encode() not in info.path.read_bytes()


def test_declining_the_purge_leaves_the_backups(window, monkeypatch, shown_messages):
    with window.ctx.db.session() as s:
        contact_id = s.scalar(select(Contact.id).where(Contact.erased_on.is_(None)))
    bk.backup_database(window.ctx.db)
    answers = iter([True, False])
    monkeypatch.setattr(erase, "choose_person", lambda win: (contact_id, "the person"))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: next(answers))
    erase.erase_person(window)
    for _ in range(3):
        window.ctx.tasks.wait_idle()
    assert privacy_files.backups_holding(window.ctx.db.path, contact_id)
