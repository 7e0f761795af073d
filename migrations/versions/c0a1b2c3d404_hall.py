"""Issue 12: a real hall (dotting state, hidden counts, timers, projector modes)

Revision ID: c0a1b2c3d404
Revises: c0a1b2c3d403
Create Date: 2026-12-01 00:10:00

Reserved in the chain at the start of the round so that features built in parallel
each add their tables here without competing Alembic heads.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'c0a1b2c3d404'
down_revision = 'c0a1b2c3d403'
branch_labels = None
depends_on = None


def upgrade():
    _upgrade_hall_results()


def downgrade():
    _downgrade_hall_results()


# --- hall-results (issue 12, item 4): the facilitator's choice for paper cards -------------
# Kept apart from hall-live's operations above; one table, no change to existing ones.

def _upgrade_hall_results():
    op.create_table(
        'assist_settings',
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('cards_while_locked', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('workshop_id'),
    )


def _downgrade_hall_results():
    op.drop_table('assist_settings')
