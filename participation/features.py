"""The live-workshop and plan features, registered in one place."""


def init_features(app):
    from . import ideas, plan, privacy, voting, workshops
    for feature in (workshops, ideas, voting, plan, privacy):
        feature.init_app(app)
