"""history: change actions and change records

Revision ID: 0004_history
Revises: 0003_payment_credits
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0004_history'
down_revision = '0003_payment_credits'
branch_labels = None
depends_on = None


def _stamps():
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    ]


def upgrade() -> None:
    op.create_table('change_action',
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('session_key', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('undoable', sa.Boolean(), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.Column('reverts_id', sa.Integer(), nullable=True),
    sa.Column('trash_table', sa.String(length=60), nullable=True),
    sa.Column('trash_row_id', sa.Integer(), nullable=True),
    sa.Column('trash_name', sa.String(length=300), nullable=True),
    sa.Column('purged_at', sa.DateTime(), nullable=True),
    *_stamps(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_action'))
    )
    with op.batch_alter_table('change_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_action_user'), ['user'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_action_session_key'), ['session_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_action_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_action_reverts_id'), ['reverts_id'], unique=False)
        batch_op.create_index('ix_change_action_trash', ['trash_table', 'undone'], unique=False)

    op.create_table('change_record',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=6), nullable=False),
    sa.Column('record_name', sa.String(length=300), nullable=False),
    sa.Column('old_values', sa.Text(), nullable=True),
    sa.Column('new_values', sa.Text(), nullable=True),
    sa.Column('row_version', sa.Integer(), nullable=True),
    sa.Column('owner_table', sa.String(length=60), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    *_stamps(),
    sa.ForeignKeyConstraint(['action_id'], ['change_action.id'], name=op.f('fk_change_record_action_id_change_action'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_record'))
    )
    with op.batch_alter_table('change_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_record_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_record_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_change_record_row', ['table_name', 'row_id'], unique=False)
        batch_op.create_index('ix_change_record_owner', ['owner_table', 'owner_id'], unique=False)


def downgrade() -> None:
    op.drop_table('change_record')
    op.drop_table('change_action')
