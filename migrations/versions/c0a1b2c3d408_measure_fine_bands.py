"""A measure may target every band of the finest scheme (22 bands, 123 characters)

Revision ID: c0a1b2c3d408
Revises: c0a1b2c3d407
Create Date: 2026-12-01 11:00:00

measure.target_age_bands was 60 characters, enough for the six standard bands only:
PostgreSQL refused a measure for all ages of a municipality with the offices' fine groups.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c0a1b2c3d408'
down_revision = 'c0a1b2c3d407'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.alter_column('target_age_bands', existing_type=sa.String(length=60),
                              type_=sa.String(length=200), existing_nullable=False)


def downgrade():
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.alter_column('target_age_bands', existing_type=sa.String(length=200),
                              type_=sa.String(length=60), existing_nullable=False)
