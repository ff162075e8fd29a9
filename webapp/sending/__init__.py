"""Sending an application: the details form, the application email (application.py),
and the email page that shows either kind of email (views.py) with its mailto link,
QR code, copy buttons and printable letter. The complaint journey registers its own
kind of email and uses `send`. Uses the guide's public modules (questions, state,
statements, flow) and the shared modules of webapp/."""

from .. import journey

bp = journey.blueprint("sending", __name__, open_views=("sending", "email"))

from . import application, views  # noqa: E402,F401  (registers the kind and the views)
from .views import send  # noqa: E402

__all__ = ["bp", "send"]
