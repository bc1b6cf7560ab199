"""vat exemption code: the VATEX code of an exempt fee category, frozen on each call it issues

Revision ID: 0018_vat_exemption_code
Revises: 0017_indicators
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = '0018_vat_exemption_code'
down_revision = '0017_indicators'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('fee_schedule') as b:
        b.add_column(sa.Column('vat_exemption_code', sa.String(length=30), nullable=True))
    with op.batch_alter_table('fee_call') as b:
        b.add_column(sa.Column('vat_exemption_code', sa.String(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('fee_call') as b:
        b.drop_column('vat_exemption_code')
    with op.batch_alter_table('fee_schedule') as b:
        b.drop_column('vat_exemption_code')
