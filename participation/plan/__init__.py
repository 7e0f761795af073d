"""Feature package; init_app registers its blueprint and socket handlers."""


def init_app(app):
    pass
