"""Municipalities, the Kommunalprofil and the five-stage process."""


def init_app(app):
    from . import admin_routes, profile_routes, routes  # noqa: F401  (they register on bp)
    from .blueprint import bp
    app.register_blueprint(bp)

    from ..age_bands import AGE_BAND_LABELS
    from .choices import KIND_LABELS, STAGE_LABELS, STATUS_LABELS, SWOT_LABELS
    from .stage_facts import status_of

    @app.context_processor
    def municipality_labels():
        return {"kind_labels": KIND_LABELS, "stage_labels": STAGE_LABELS,
                "status_labels": STATUS_LABELS, "swot_labels": SWOT_LABELS,
                "age_band_labels": AGE_BAND_LABELS, "stage_status": status_of}
