"""Issue 15: official statistics, Kick-Off, initiatives, questionnaire, advisor

Revision ID: c0a1b2c3d402
Revises: be9ea8e13c8f
Create Date: 2026-12-01 00:10:00

Reserved in the chain at the start of the round so that features built in parallel
each add their tables here without competing Alembic heads.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c0a1b2c3d402'
down_revision = 'be9ea8e13c8f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('initiative',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('carrier', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.String(length=120), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_initiative_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative'))
    )
    with op.batch_alter_table('initiative', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('kickoff_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('organisation', sa.String(length=160), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_kickoff_person_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kickoff_person'))
    )
    with op.batch_alter_table('kickoff_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kickoff_person_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('kickoff_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_kickoff_record_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kickoff_record')),
    sa.UniqueConstraint('municipality_id', name=op.f('uq_kickoff_record_municipality_id'))
    )
    op.create_table('population_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('projection', sa.Boolean(), nullable=False),
    sa.Column('band', sa.String(length=8), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_population_figure_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_population_figure')),
    sa.UniqueConstraint('municipality_id', 'reference_date', 'projection', 'band', name=op.f('uq_population_figure_municipality_id_reference_date_projection_band'))
    )
    with op.batch_alter_table('population_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_population_figure_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('survey_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('respondent', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('keeps', sa.String(length=300), nullable=False),
    sa.Column('would_leave', sa.String(length=300), nullable=False),
    sa.Column('would_come', sa.String(length=300), nullable=False),
    sa.Column('typical', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_survey_response_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_response')),
    sa.UniqueConstraint('municipality_id', 'respondent', name=op.f('uq_survey_response_municipality_id_respondent'))
    )
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_response_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('measure_initiative',
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_measure_initiative_initiative_id_initiative'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_measure_initiative_measure_id_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('measure_id', 'initiative_id', name=op.f('pk_measure_initiative'))
    )
    with op.batch_alter_table('measure_initiative', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_initiative_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('wall_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('caption', sa.String(length=200), nullable=False),
    sa.Column('mimetype', sa.String(length=20), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_wall_photo_workshop_id_workshop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wall_photo'))
    )
    with op.batch_alter_table('wall_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wall_photo_workshop_id'), ['workshop_id'], unique=False)

    with op.batch_alter_table('theme', schema=None) as batch_op:
        # Existing themes get an empty reason; the default is dropped again below.
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.alter_column('reason', server_default=None)

    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.add_column(sa.Column('age_band_scheme', sa.String(length=80), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.alter_column('age_band_scheme', server_default=None)



def downgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_column('age_band_scheme')

    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_column('reason')

    with op.batch_alter_table('wall_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wall_photo_workshop_id'))

    op.drop_table('wall_photo')
    with op.batch_alter_table('measure_initiative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_initiative_initiative_id'))

    op.drop_table('measure_initiative')
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_response_municipality_id'))

    op.drop_table('survey_response')
    with op.batch_alter_table('population_figure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_population_figure_municipality_id'))

    op.drop_table('population_figure')
    op.drop_table('kickoff_record')
    with op.batch_alter_table('kickoff_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kickoff_person_municipality_id'))

    op.drop_table('kickoff_person')
    with op.batch_alter_table('initiative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_municipality_id'))

    op.drop_table('initiative')
