"""Issue 12: a real hall (dotting state, hidden counts, timers, projector modes)

Revision ID: c0a1b2c3d404
Revises: c0a1b2c3d403
Create Date: 2026-12-01 00:10:00

Reserved in the chain at the start of the round so that features built in parallel
each add their tables here without competing Alembic heads.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c0a1b2c3d404'
down_revision = 'c0a1b2c3d403'
branch_labels = None
depends_on = None

# --- hall-live: the facilitation flow per phase and the projector's display modes ---------
_HALL_LIVE_COLUMNS = [
    ("step_kritik", sa.String(length=8), "collect"),
    ("step_utopie", sa.String(length=8), "collect"),
    ("step_verwirklichung", sa.String(length=8), "collect"),
    ("hide_counts", sa.Boolean(), sa.false()),
    ("display_mode", sa.String(length=8), "pages"),
    ("display_seconds", sa.Integer(), "12"),
    ("display_top_n", sa.Integer(), "10"),
]


def upgrade():
    with op.batch_alter_table('workshop') as batch_op:
        for name, type_, default in _HALL_LIVE_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=default))
    _upgrade_hall_results()


def downgrade():
    with op.batch_alter_table('workshop') as batch_op:
        for name, _type, _default in reversed(_HALL_LIVE_COLUMNS):
            batch_op.drop_column(name)
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
