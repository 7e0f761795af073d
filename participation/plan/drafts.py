"""Taking back a promotion: a draft that nobody has edited yet may be deleted. Anything
else stays in the plan and is set to "verworfen" instead, so its history is kept."""
from flask_babel import lazy_gettext as _l

from ..accounts.permissions import Permission
from ..errors import Conflict
from ..extensions import db
from .services import measure_for


def delete_draft(user, municipality_id: int, measure_id: int) -> None:
    measure = measure_for(user, municipality_id, measure_id, Permission.EDIT_PLAN)
    if not measure.draft or measure.progress:
        raise Conflict("not_a_draft", _l("Nur unbearbeitete Entwürfe lassen sich löschen. "
                                         "Setzen Sie den Status sonst auf „verworfen“."))
    db.session.delete(measure)
    db.session.commit()
