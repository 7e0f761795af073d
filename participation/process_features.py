"""The stages around the live workshop (issue 15), registered in one place."""


def init_process_features(app):
    from . import advisor, kickoff
    for feature in (advisor, kickoff):
        feature.init_app(app)
