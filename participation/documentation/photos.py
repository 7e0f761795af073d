"""Photos of paper walls: only real PNG or JPEG images of one of the municipality's workshops."""
import io

from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from ..errors import NotFound, ValidationError
from ..extensions import db
from ..workshops.services import get_workshop
from .models import WallPhoto

MAX_PHOTO_BYTES = 1_900_000  # under the app's 2 MB request limit, with room for the form
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_PIXELS = 40_000_000


def workshop_of(municipality_id: int, workshop_id: int):
    workshop = get_workshop(workshop_id)
    if workshop.municipality_id != municipality_id:
        raise NotFound()
    return workshop


def add_photo(municipality_id: int, workshop_id: int, data: bytes, caption: str = "") -> WallPhoto:
    workshop_of(municipality_id, workshop_id)
    if not data:
        raise ValidationError("empty", _l("Bitte wählen Sie ein Foto."))
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError("too_large", _l("Das Foto ist zu groß (höchstens 1,9 MB)."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("not_an_image", _l("Die Datei ist kein Foto im Format JPEG oder PNG.")) from error
    if kind not in FORMATS or width * height > MAX_PIXELS:
        raise ValidationError("not_an_image", _l("Die Datei ist kein Foto im Format JPEG oder PNG."))
    photo = WallPhoto(workshop_id=workshop_id, caption=(caption or "").strip()[:200],
                      mimetype=FORMATS[kind], data=data)
    db.session.add(photo)
    db.session.commit()
    return photo


def photo_of(municipality_id: int, photo_id: int) -> WallPhoto:
    photo = db.session.get(WallPhoto, photo_id)
    if photo is None:
        raise NotFound()
    workshop_of(municipality_id, photo.workshop_id)
    return photo


def remove_photo(municipality_id: int, photo_id: int) -> None:
    db.session.delete(photo_of(municipality_id, photo_id))
    db.session.commit()


def photos_by_workshop(workshop_ids: list[int]) -> dict[int, list[WallPhoto]]:
    grouped: dict[int, list[WallPhoto]] = {wid: [] for wid in workshop_ids}
    if workshop_ids:
        for photo in db.session.scalars(db.select(WallPhoto).where(
                WallPhoto.workshop_id.in_(workshop_ids)).order_by(WallPhoto.id)):
            grouped[photo.workshop_id].append(photo)
    return grouped
