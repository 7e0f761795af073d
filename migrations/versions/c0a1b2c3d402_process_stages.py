"""Issue 15: official statistics, Kick-Off, initiatives, questionnaire, advisor

Revision ID: c0a1b2c3d402
Revises: be9ea8e13c8f
Create Date: 2026-12-01 00:10:00

Reserved in the chain at the start of the round so that features built in parallel
each add their tables here without competing Alembic heads.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'c0a1b2c3d402'
down_revision = 'be9ea8e13c8f'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
