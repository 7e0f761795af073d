"""The stages around the live workshop (issue 15), registered in one place."""


def init_process_features(app):
    # At init: importing the package must not load every feature's routes.
    from . import advisor, documentation, initiatives, kickoff, survey
    for feature in (advisor, kickoff, initiatives, survey, documentation):
        feature.init_app(app)
