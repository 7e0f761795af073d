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
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('max_participants', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('tickets_required', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acted_at', sa.DateTime(), nullable=True))
    # Who already did something keeps counting: the first idea or dot, else the join time.
    op.execute("UPDATE participant SET acted_at = created_at WHERE EXISTS "
               "(SELECT 1 FROM idea WHERE idea.participant_id = participant.id) OR EXISTS "
               "(SELECT 1 FROM dot WHERE dot.participant_id = participant.id)")
    op.create_table(
        'entry_ticket',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.Column('participant_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'],
                                name=op.f('fk_entry_ticket_participant_id_participant'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'],
                                name=op.f('fk_entry_ticket_workshop_id_workshop'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_ticket')),
        sa.UniqueConstraint('code', name=op.f('uq_entry_ticket_code')),
        sa.UniqueConstraint('participant_id', name=op.f('uq_entry_ticket_participant_id')),
    )
    with op.batch_alter_table('entry_ticket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_ticket_workshop_id'), ['workshop_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('entry_ticket', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_ticket_workshop_id'))
    op.drop_table('entry_ticket')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('acted_at')
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('tickets_required')
        batch_op.drop_column('max_participants')
