"""Photos of paper walls: staff upload real images to a workshop of their municipality."""
import io

from PIL import Image

from participation.documentation.models import WallPhoto
from participation.workshops.models import Workshop


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 50), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _workshop(db, municipality):
    workshop = Workshop(municipality_id=municipality.id, title="Abendwerkstatt", status="closed")
    db.session.add(workshop)
    db.session.commit()
    return workshop


def _upload(client, municipality_id, workshop_id, data, caption="Kritikwand"):
    return client.post(f"/m/{municipality_id}/dokumentation/{workshop_id}/fotos",
                       data={"photo": (io.BytesIO(data), "wand.png"), "caption": caption},
                       content_type="multipart/form-data", follow_redirects=True)


def test_photo_is_uploaded_shown_and_served(login_as, world, db):
    home = world["home"]
    workshop = _workshop(db, home)
    client = login_as("staff")
    page = _upload(client, home.id, workshop.id, _png()).get_data(as_text=True)
    assert "Das Foto ist gespeichert." in page and "Kritikwand" in page
    photo = WallPhoto.query.one()
    served = client.get(f"/m/{home.id}/dokumentation/fotos/{photo.id}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.data == _png()


def test_a_file_that_is_not_an_image_is_refused(login_as, world, db):
    home = world["home"]
    workshop = _workshop(db, home)
    page = _upload(login_as("staff"), home.id, workshop.id,
                   b"<svg onload=alert(1)>").get_data(as_text=True)
    assert "kein Foto im Format JPEG oder PNG" in page and WallPhoto.query.count() == 0


def test_a_workshop_of_another_municipality_cannot_get_photos(login_as, world, db):
    foreign = _workshop(db, world["other"])
    response = _upload(login_as("staff"), world["home"].id, foreign.id, _png())
    assert response.status_code == 404 and WallPhoto.query.count() == 0
