"""The live-workshop and plan features, registered in one place."""


def init_features(app):
    from . import ideas, plan, voting, workshops
    for feature in (workshops, ideas, voting, plan):
        feature.init_app(app)
