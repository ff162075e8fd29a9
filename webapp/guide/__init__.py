"""The guide: questions one per page, the result, the application email,
and the deadline and complaint helpers."""

from flask import Blueprint

bp = Blueprint("guide", __name__)

from . import deadline_views, routes  # noqa: E402,F401  (registers the views on bp)
