"""The history: every change to the data, grouped into actions (a save, an import, a bank statement).

`ChangeAction` is one user action (what undo takes back in one step); `ChangeRecord` is one row
inserted, updated or deleted by it, with the old and new values of its fields as JSON text. Both are
written by `change_recording.recorder` in the same transaction as the change itself.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from clustermanager.models.base import Base


class ChangeAction(Base):
    __tablename__ = "change_action"
    __table_args__ = (Index("ix_change_action_trash", "trash_table", "undone"),)

    user: Mapped[str] = mapped_column(String(100), default="", index=True)
    session_key: Mapped[str] = mapped_column(String(32), default="", index=True)  # one app process
    kind: Mapped[str] = mapped_column(String(30), index=True)  # save, import, bank_statement, delete, undo ...
    label: Mapped[str] = mapped_column(String(300), default="")
    undoable: Mapped[bool] = mapped_column(Boolean, default=True)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    reverts_id: Mapped[int | None] = mapped_column(Integer, index=True)  # an undo/redo/restore: the action
    # A delete of a member, activity or project: the trash entry it makes (restored = undone).
    trash_table: Mapped[str | None] = mapped_column(String(60))
    trash_row_id: Mapped[int | None] = mapped_column(Integer)
    trash_name: Mapped[str | None] = mapped_column(String(300))
    purged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # trash emptied: old values forgotten


class ChangeRecord(Base):
    __tablename__ = "change_record"
    __table_args__ = (
        Index("ix_change_record_row", "table_name", "row_id"),
        # Partial (migration 0023): most records have no owner or person, and `= ?` implies NOT NULL.
        Index("ix_change_record_owner", "owner_table", "owner_id", sqlite_where=text("owner_id IS NOT NULL"),
              postgresql_where=text("owner_id IS NOT NULL")),
        Index("ix_change_record_person_id", "person_id", sqlite_where=text("person_id IS NOT NULL"),
              postgresql_where=text("person_id IS NOT NULL")),
    )

    action_id: Mapped[int] = mapped_column(ForeignKey("change_action.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(6))  # insert, update, delete
    record_name: Mapped[str] = mapped_column(String(300), default="")
    old_values: Mapped[str | None] = mapped_column(Text)  # JSON {field: value}
    new_values: Mapped[str | None] = mapped_column(Text)
    row_version: Mapped[int | None] = mapped_column(Integer)  # the row's version after the change
    # The record it belongs to (a contact: its member), for a record's History tab.
    owner_table: Mapped[str | None] = mapped_column(String(60))
    owner_id: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer)  # the contact whose data this is (GDPR)
