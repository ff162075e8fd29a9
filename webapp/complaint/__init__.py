"""Complaining about a decision: the complaint page and form (views.py, forms.py) and
the complaint email (email.py), shown on the sending journey's email page. Uses the
sending package's `send` and the shared modules of webapp/."""

from .. import journey

bp = journey.blueprint("complaint", __name__, open_views=("complaint",))

from . import email, views  # noqa: E402,F401  (registers the kind and the views)
from .email import complaint_email  # noqa: E402

__all__ = ["bp", "complaint_email"]
