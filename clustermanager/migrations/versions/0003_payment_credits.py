"""payments: the statement's account, member credits split from a payment, refunds

Revision ID: 0003_payment_credits
Revises: 0002_status_history
Create Date: 2026-12-01

`bank_account` lets an import recognise a movement it already has in another format; `member_id`,
`part_of_id` and `refunded_on` hold the surplus of a payment as an unapplied credit of the member.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_payment_credits'
down_revision = '0002_status_history'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_account', sa.String(length=34), nullable=True))
        batch_op.add_column(sa.Column('member_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('part_of_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('refunded_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_payment_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_part_of_id'), ['part_of_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_payment_member_id_member'), 'member', ['member_id'], ['id'],
                                    ondelete='RESTRICT')
        batch_op.create_foreign_key(batch_op.f('fk_payment_part_of_id_payment'), 'payment', ['part_of_id'], ['id'],
                                    ondelete='CASCADE')


def downgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_payment_part_of_id_payment'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_payment_member_id_member'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_payment_part_of_id'))
        batch_op.drop_index(batch_op.f('ix_payment_member_id'))
        batch_op.drop_column('refunded_on')
        batch_op.drop_column('part_of_id')
        batch_op.drop_column('member_id')
        batch_op.drop_column('bank_account')
