"""Issue 13: one person one voice (rejoin, tickets, join stats)

Revision ID: c0a1b2c3d403
Revises: c0a1b2c3d402
Create Date: 2026-12-01 00:10:00

Reserved in the chain at the start of the round so that features built in parallel
each add their tables here without competing Alembic heads.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'c0a1b2c3d403'
down_revision = 'c0a1b2c3d402'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
