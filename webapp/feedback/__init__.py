""""Was this page useful?", the guide's funnel counts, the report for the municipality
and the public page on how the site is used. Storage: SQLAlchemy with Flask-Migrate's
migrations in migrations/ (SQLite in the instance folder, or DATABASE_URL). Uses the
shared modules of webapp/ only; the journeys call its `funnel`."""

import logging

from flask import Blueprint, before_render_template
from flask_migrate import Migrate

from ..config import ROOT

bp = Blueprint("feedback", __name__)

from . import store, views  # noqa: E402  (registers the views on bp)
from .cli import feedback_cli  # noqa: E402
from .pages import set_page_for_template  # noqa: E402

migrate = Migrate(directory=str(ROOT / "migrations"))


def init_app(app):
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", store.engine_options(uri))
    store.db.init_app(app)
    migrate.init_app(app, store.db)
    views.limiter.init_app(app)
    # Flask-Limiter names the client's address when a limit is hit, at level INFO.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
    app.register_blueprint(bp)
    app.cli.add_command(feedback_cli)
    before_render_template.connect(set_page_for_template, app)
    exempt_from_csrf(app)
    if uri == "sqlite://":  # in memory (tests): nothing to migrate, the tables are made now
        with app.app_context():
            store.db.create_all()


def exempt_from_csrf(app):
    """The answer forms carry no per-person token (see views.py): exempt them from
    Flask-WTF's CSRFProtect, where the app has it."""
    csrf = app.extensions.get("csrf")
    if csrf:
        csrf.exempt(bp)
