"""Issue 14: questions per language and idea translations

Revision ID: c0a1b2c3d405
Revises: c0a1b2c3d404
Create Date: 2026-12-01 00:10:00

A session's languages and its phase questions in each (German stays in workshop.question_*),
the language an idea was written in, and ideas' translations by interpreters and helpers.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c0a1b2c3d405'
down_revision = 'c0a1b2c3d404'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'session_language',
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('workshop_id', 'language'),
    )
    op.create_table(
        'session_question',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase', sa.String(length=16), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('text', sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('workshop_id', 'phase', 'language'),
    )
    with op.batch_alter_table('session_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_question_workshop_id'), ['workshop_id'],
                              unique=False)
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))
    op.create_table(
        'idea_translation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('text', sa.String(length=280), nullable=False),
        sa.Column('translated_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['translated_by_id'], ['user_account.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('idea_id', 'language'),
    )
    with op.batch_alter_table('idea_translation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_translation_idea_id'), ['idea_id'], unique=False)


def downgrade():
    with op.batch_alter_table('idea_translation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_translation_idea_id'))
    op.drop_table('idea_translation')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('session_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_question_workshop_id'))
    op.drop_table('session_question')
    op.drop_table('session_language')
