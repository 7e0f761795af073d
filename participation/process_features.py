"""The stages around the live workshop (issue 15), registered in one place."""


def init_process_features(app):
    from . import advisor
    for feature in (advisor,):
        feature.init_app(app)
