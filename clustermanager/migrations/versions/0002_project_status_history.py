"""project status history: one dated row per change of a project's status

Revision ID: 0002_status_history
Revises: 0001
Create Date: 2026-12-01

Filled from today's data: a project that runs, ran or was stopped gets "running" on its start date; a
completed or stopped one then its final status on its end date (or the day it was last edited when it has
none); an idea or a project in preparation gets its status on the day it was entered.
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0002_status_history'
down_revision = '0001'
branch_labels = None
depends_on = None

FINAL = ("completed", "stopped")


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def history(status: str, starts_on, ends_on, created_at, updated_at) -> list[tuple[str, dt.date]]:
    created = _day(created_at)
    starts = _day(starts_on) if starts_on is not None else None
    if status not in ("running", *FINAL):
        return [(status, created)]
    rows = [("running", starts)] if starts is not None else []
    if status == "running":
        return rows or [("running", created)]
    end = _day(ends_on) if ends_on is not None else _day(updated_at)
    if starts is not None and end < starts:
        end = starts
    return [*rows, (status, end)]


def upgrade() -> None:
    op.create_table('project_status_change',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('idea', 'preparation', 'running', 'completed', 'stopped', name='projectstatus',
                                native_enum=False, length=32), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'],
                            name=op.f('fk_project_status_change_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_status_change'))
    )
    with op.batch_alter_table('project_status_change', schema=None) as batch_op:
        batch_op.create_index('ix_project_status_change_project_day', ['project_id', 'changed_on'], unique=False)

    conn = op.get_bind()
    projects = conn.execute(sa.text(
        "SELECT id, status, starts_on, ends_on, created_at, updated_at FROM project ORDER BY id")).fetchall()
    rows = [{"project_id": p.id, "status": status, "changed_on": day}
            for p in projects for status, day in history(p.status, p.starts_on, p.ends_on, p.created_at,
                                                         p.updated_at)]
    if rows:
        table = sa.table('project_status_change', sa.column('project_id', sa.Integer()),
                         sa.column('status', sa.String()), sa.column('changed_on', sa.Date()))
        op.bulk_insert(table, rows)


def downgrade() -> None:
    with op.batch_alter_table('project_status_change', schema=None) as batch_op:
        batch_op.drop_index('ix_project_status_change_project_day')
    op.drop_table('project_status_change')
