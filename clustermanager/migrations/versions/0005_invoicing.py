"""invoicing: the supplier's legal identity, numbering sequences, credit notes, VAT grounds, Peppol IDs

Revision ID: 0005_invoicing
Revises: 0004_history
Create Date: 2026-12-01
"""
import re

from alembic import op
import sqlalchemy as sa
from clustermanager.models.types import FixedDecimal

revision = '0005_invoicing'
down_revision = '0004_history'
branch_labels = None
depends_on = None

_TIMESTAMPS = lambda: [  # noqa: E731
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
]


def upgrade() -> None:
    with op.batch_alter_table('cluster_profile', schema=None) as b:
        b.add_column(sa.Column('legal_form', sa.String(length=20), nullable=True))
        b.add_column(sa.Column('vat_registered', sa.Boolean(), server_default=sa.true(), nullable=False))
        b.add_column(sa.Column('vat_number', sa.String(length=14), nullable=True))
        b.add_column(sa.Column('legal_register', sa.String(length=3), nullable=True))
        b.add_column(sa.Column('court_division', sa.String(length=100), nullable=True))
        b.add_column(sa.Column('registered_office', sa.String(length=300), nullable=True))
        b.add_column(sa.Column('peppol_id', sa.String(length=100), nullable=True))
    with op.batch_alter_table('member', schema=None) as b:
        b.add_column(sa.Column('peppol_id', sa.String(length=100), nullable=True))
        b.add_column(sa.Column('einvoice_opt_out', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('fee_schedule', schema=None) as b:
        b.add_column(sa.Column('vat_ground', sa.String(length=20), nullable=True))
        b.add_column(sa.Column('vat_article', sa.String(length=200), nullable=True))
    with op.batch_alter_table('fee_call', schema=None) as b:
        b.add_column(sa.Column('vat_category', sa.String(length=2), server_default='S', nullable=False))
        b.add_column(sa.Column('vat_ground_text', sa.String(length=200), nullable=True))
    op.execute("UPDATE fee_call SET vat_category = 'E' WHERE vat_rate = 0")
    op.execute("UPDATE fee_schedule SET vat_ground = 'exempt' WHERE vat_rate = 0")

    op.create_table('document_sequence',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    *_TIMESTAMPS(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_sequence')),
    sa.UniqueConstraint('kind', 'year', name=op.f('uq_document_sequence_kind_year'))
    )
    op.create_table('credit_note',
    sa.Column('fee_call_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('amount', FixedDecimal(12, 2), nullable=False),
    sa.Column('vat_rate', FixedDecimal(7, 4), nullable=False),
    sa.Column('vat_amount', FixedDecimal(12, 2), nullable=False),
    *_TIMESTAMPS(),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_credit_note_amount_not_negative')),
    sa.CheckConstraint('vat_amount >= 0', name=op.f('ck_credit_note_vat_not_negative')),
    sa.ForeignKeyConstraint(['fee_call_id'], ['fee_call.id'], name=op.f('fk_credit_note_fee_call_id_fee_call'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_note')),
    sa.UniqueConstraint('number', name=op.f('uq_credit_note_number'))
    )
    with op.batch_alter_table('credit_note', schema=None) as b:
        b.create_index(b.f('ix_credit_note_fee_call_id'), ['fee_call_id'], unique=False)
        b.create_index(b.f('ix_credit_note_year'), ['year'], unique=False)

    # The invoice sequences go on from the highest number each year already used (2025-00042 -> 42).
    bind = op.get_bind()
    last: dict[int, int] = {}
    for (number,) in bind.execute(sa.text("SELECT number FROM fee_call WHERE number IS NOT NULL")):
        m = re.fullmatch(r"(\d{4})-(\d+)", number)
        if m:
            year, seq = int(m.group(1)), int(m.group(2))
            last[year] = max(last.get(year, 0), seq)
    table = sa.table('document_sequence', sa.column('kind'), sa.column('year'), sa.column('last'))
    if last:
        op.bulk_insert(table, [{'kind': 'invoice', 'year': y, 'last': n} for y, n in sorted(last.items())])


def downgrade() -> None:
    op.drop_table('credit_note')
    op.drop_table('document_sequence')
    with op.batch_alter_table('fee_call', schema=None) as b:
        b.drop_column('vat_ground_text')
        b.drop_column('vat_category')
    with op.batch_alter_table('fee_schedule', schema=None) as b:
        b.drop_column('vat_article')
        b.drop_column('vat_ground')
    with op.batch_alter_table('member', schema=None) as b:
        b.drop_column('einvoice_opt_out')
        b.drop_column('peppol_id')
    with op.batch_alter_table('cluster_profile', schema=None) as b:
        for name in ('peppol_id', 'registered_office', 'court_division', 'legal_register', 'vat_number',
                     'vat_registered', 'legal_form'):
            b.drop_column(name)
