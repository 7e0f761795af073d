"""The stages around the live workshop (issue 15), registered in one place."""


def init_process_features(app):
    from . import advisor, initiatives, kickoff, survey
    for feature in (advisor, kickoff, initiatives, survey):
        feature.init_app(app)
