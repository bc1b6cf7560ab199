"""mailings: saved selections, mail templates, the mailing log, a contact's language

Revision ID: 0005_f20_mailings
Revises: 0004_history
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0005_f20_mailings'
down_revision = '0005_invoicing'
branch_labels = None
depends_on = None


def _base_columns():
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    ]


def upgrade() -> None:
    op.create_table('mail_template',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    *_base_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_template')),
    sa.UniqueConstraint('name', 'language', name=op.f('uq_mail_template_name_language'))
    )
    op.create_table('saved_selection',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=True),
    sa.Column('criteria', sa.Text(), nullable=False),
    *_base_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_selection')),
    sa.UniqueConstraint('name', name=op.f('uq_saved_selection_name'))
    )
    op.create_table('mailing',
    sa.Column('template', sa.String(length=50), nullable=False),
    sa.Column('selection', sa.String(length=100), nullable=True),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('legal_notice', sa.Boolean(), nullable=False),
    *_base_columns(),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_mailing_activity_id_activity'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mailing'))
    )
    with op.batch_alter_table('mailing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailing_template'), ['template'], unique=False)

    op.create_table('mailing_recipient',
    sa.Column('mailing_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=True),
    sa.Column('without_consent', sa.Boolean(), nullable=False),
    *_base_columns(),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], name=op.f('fk_mailing_recipient_contact_id_contact'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mailing_id'], ['mailing.id'], name=op.f('fk_mailing_recipient_mailing_id_mailing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_mailing_recipient_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mailing_recipient')),
    sa.UniqueConstraint('mailing_id', 'contact_id', name=op.f('uq_mailing_recipient_mailing_id_contact_id'))
    )
    with op.batch_alter_table('mailing_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailing_recipient_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailing_recipient_mailing_id'), ['mailing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailing_recipient_member_id'), ['member_id'], unique=False)

    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_column('language')
    op.drop_table('mailing_recipient')
    op.drop_table('mailing')
    op.drop_table('saved_selection')
    op.drop_table('mail_template')
