"""project pipeline: the programme a project is submitted to and each partner's requested and granted
funding (the stages submitted / approved / rejected are new values of the status column: no change there)

Revision ID: 0019_project_pipeline
Revises: 0018_vat_exemption_code
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

from clustermanager.models.types import FixedDecimal

revision = "0019_project_pipeline"
down_revision = "0018_vat_exemption_code"
branch_labels = None
depends_on = None


def _base_columns() -> list:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "project_application",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(length=32), nullable=False),
        sa.Column("call", sa.String(length=200), nullable=True),
        *_base_columns(),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE",
                                name=op.f("fk_project_application_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_application")),
        sa.UniqueConstraint("project_id", name=op.f("uq_project_application_project_id")),
    )
    op.create_table(
        "project_partner_funding",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("requested", FixedDecimal(12, 2), nullable=False),
        sa.Column("granted", FixedDecimal(12, 2), nullable=True),
        *_base_columns(),
        sa.CheckConstraint("requested >= 0", name=op.f("ck_project_partner_funding_requested_not_negative")),
        sa.CheckConstraint("granted IS NULL OR granted >= 0",
                           name=op.f("ck_project_partner_funding_granted_not_negative")),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE",
                                name=op.f("fk_project_partner_funding_project_id_project")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="RESTRICT",
                                name=op.f("fk_project_partner_funding_member_id_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_partner_funding")),
        sa.UniqueConstraint("project_id", "member_id", name=op.f("uq_project_partner_funding_project_id_member_id")),
    )
    with op.batch_alter_table("project_partner_funding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_partner_funding_project_id"), ["project_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("project_partner_funding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_partner_funding_project_id"))
    op.drop_table("project_partner_funding")
    op.drop_table("project_application")
