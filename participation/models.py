"""Imports every model so Alembic and create_all see the whole schema."""
from .accounts.models import Membership, User  # noqa: F401
from .assist.models import AssistSettings  # noqa: F401
from .ideas.models import Cluster, Idea, IdeaTranslation  # noqa: F401
from .insights.models import DismissedPair  # noqa: F401
from .integrity.models import EntryTicket  # noqa: F401
from .municipalities.models import (AgeBandPopulation, ExistingMeasure, KeyIndicator,  # noqa: F401
                                    Municipality, ProcessStage, SwotItem, Theme)
from .results.models import WorkshopParticipationSnapshot  # noqa: F401
from .plan.models import (FieldOfAction, Measure, MeasureOrigin, MeasureOriginIdea,  # noqa: F401
                          ProgressEntry)
from .voting.models import Dot  # noqa: F401
from .workshops.activity import ModerationAction  # noqa: F401
from .workshops.models import Participant, Workshop  # noqa: F401
from .municipalities.models import PopulationFigure  # noqa: F401,E402
from .kickoff.models import KickoffPerson, KickoffRecord  # noqa: F401,E402
from .initiatives.models import Initiative, measure_initiative  # noqa: F401,E402
from .survey.models import SurveyResponse  # noqa: F401,E402
from .documentation.models import WallPhoto  # noqa: F401,E402
from .workshops.session_languages import SessionLanguage, SessionQuestion  # noqa: F401,E402
