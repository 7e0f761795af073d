"""Issue 11/16: live core and performance (only if a schema change is needed)

Revision ID: c0a1b2c3d406
Revises: c0a1b2c3d405
Create Date: 2026-12-01 00:10:00

Reserved in the chain at the start of the round so that features built in parallel
each add their tables here without competing Alembic heads.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'c0a1b2c3d406'
down_revision = 'c0a1b2c3d405'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
