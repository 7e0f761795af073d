"""Issue 15: the offices' own age groups kept per import, stages set by hand

Revision ID: c0a1b2c3d407
Revises: c0a1b2c3d405
Create Date: 2026-12-01 04:30:00

official_age_group keeps the groups of an imported office table, so a municipality can later
choose other bands the same file supports (65-74 and 75+). process_stage.manual marks a
stage that staff hold against the facts of the app.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c0a1b2c3d407'
down_revision = 'c0a1b2c3d405'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'official_age_group',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('reference_date', sa.Date(), nullable=False),
        sa.Column('projection', sa.Boolean(), nullable=False),
        sa.Column('low', sa.Integer(), nullable=False),
        sa.Column('high', sa.Integer(), nullable=True),
        sa.Column('count', sa.Integer(), nullable=True),
        sa.Column('label', sa.String(length=80), nullable=False),
        sa.Column('line', sa.Integer(), nullable=False),
        sa.Column('sign', sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('municipality_id', 'reference_date', 'projection', 'low', 'high'),
    )
    with op.batch_alter_table('official_age_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_age_group_municipality_id'),
                              ['municipality_id'], unique=False)
    with op.batch_alter_table('process_stage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manual', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.alter_column('manual', server_default=None)


def downgrade():
    with op.batch_alter_table('process_stage', schema=None) as batch_op:
        batch_op.drop_column('manual')
    with op.batch_alter_table('official_age_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_age_group_municipality_id'))
    op.drop_table('official_age_group')
