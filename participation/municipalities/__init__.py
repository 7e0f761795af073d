"""Municipalities, the Kommunalprofil and the five-stage process."""


def init_app(app):
    from . import admin_routes, profile_routes, routes  # noqa: F401  (they register on bp)
    from .blueprint import bp
    app.register_blueprint(bp)

    from ..age_bands import AGE_BAND_LABELS
    from .band_scheme import label as band_label
    from .choices import KIND_LABELS, STAGE_LABELS, STATUS_LABELS, SWOT_LABELS
    from .stage_facts import facts_status_of, status_of

    # Features above this one add sections to the profile and Kick-Off pages here.
    app.config.setdefault("PROFILE_SECTIONS", [])
    app.config.setdefault("KICKOFF_SECTIONS", [])

    @app.context_processor
    def page_sections():
        return {"profile_sections": app.config["PROFILE_SECTIONS"],
                "kickoff_sections": app.config["KICKOFF_SECTIONS"]}

    @app.context_processor
    def municipality_labels():
        return {"kind_labels": KIND_LABELS, "stage_labels": STAGE_LABELS,
                "status_labels": STATUS_LABELS, "swot_labels": SWOT_LABELS,
                "age_band_labels": AGE_BAND_LABELS, "band_label": band_label,
                "stage_status": status_of, "stage_facts_status": facts_status_of}
