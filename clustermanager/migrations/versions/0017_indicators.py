"""indicators: targets, custom indicators and their values; the earmarked project budget per year

Revision ID: 0017_indicators
Revises: 0006_mailings
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

from clustermanager.models.types import FixedDecimal

revision = "0017_indicators"
down_revision = "0005_f20_mailings"
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
        "indicator_target",
        sa.Column("indicator_key", sa.String(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("value", FixedDecimal(16, 4), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        *_base_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_target")),
        sa.UniqueConstraint("indicator_key", "year", name=op.f("uq_indicator_target_indicator_key_year")),
    )
    with op.batch_alter_table("indicator_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_target_indicator_key"), ["indicator_key"], unique=False)
    op.create_table(
        "custom_indicator",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("cumulative", sa.Boolean(), nullable=False),
        *_base_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_indicator")),
        sa.UniqueConstraint("key", name=op.f("uq_custom_indicator_key")),
    )
    op.create_table(
        "custom_indicator_value",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", FixedDecimal(16, 4), nullable=False),
        *_base_columns(),
        sa.CheckConstraint("year >= 1990 AND year <= 2200", name=op.f("ck_custom_indicator_value_year")),
        sa.ForeignKeyConstraint(["indicator_id"], ["custom_indicator.id"], ondelete="CASCADE",
                                name=op.f("fk_custom_indicator_value_indicator_id_custom_indicator")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_indicator_value")),
        sa.UniqueConstraint("indicator_id", "year", name=op.f("uq_custom_indicator_value_indicator_id_year")),
    )
    with op.batch_alter_table("custom_indicator_value", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_custom_indicator_value_indicator_id"), ["indicator_id"], unique=False)
    with op.batch_alter_table("cluster_year", schema=None) as batch_op:
        batch_op.add_column(sa.Column("earmarked_budget", FixedDecimal(12, 2), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("cluster_year", schema=None) as batch_op:
        batch_op.drop_column("earmarked_budget")
    op.drop_table("custom_indicator_value")
    op.drop_table("custom_indicator")
    op.drop_table("indicator_target")
