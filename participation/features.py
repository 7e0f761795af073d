"""The live-workshop and plan features, registered in one place."""


def init_features(app):
    # Imported here, at init, so that importing a model never loads every feature's routes.
    from . import ideas, plan, privacy, results, voting, workshops  # at init, see above
    for feature in (workshops, ideas, voting, plan, results, privacy):
        feature.init_app(app)
    from . import insights  # at init
    insights.init_app(app)
    from . import assist  # at init
    assist.init_app(app)
    from .process_features import init_process_features  # at init
    init_process_features(app)
    from . import integrity  # at init
    integrity.init_app(app)
