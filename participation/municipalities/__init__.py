"""Municipalities, the Kommunalprofil and the five-stage process."""


def init_app(app):
    # At init: importing the package (for its models) must not load routes. The route
    # modules register on bp.
    from . import admin_routes, profile_routes, routes  # noqa: F401
    from .blueprint import bp  # at init, as above
    app.register_blueprint(bp)

    # The labels of the page context (at init, with the blueprint).
    from ..age_bands import AGE_BAND_LABELS
    from .band_scheme import label as band_label  # at init
    from .choices import KIND_LABELS, STAGE_LABELS, STATUS_LABELS, SWOT_LABELS  # at init
    from .stage_facts import facts_status_of, status_of  # at init

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
