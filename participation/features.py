"""The live-workshop and plan features, registered in one place."""


def init_features(app):
    from . import ideas, plan, privacy, results, voting, workshops
    for feature in (workshops, ideas, voting, plan, results, privacy):
        feature.init_app(app)
    from . import insights
    insights.init_app(app)
    from . import assist
    assist.init_app(app)
    from .process_features import init_process_features
    init_process_features(app)
    from . import integrity
    integrity.init_app(app)
