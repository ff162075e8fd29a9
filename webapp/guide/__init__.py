"""The guide: its questions (questions.py), the rules that decide the outcome (rules.py)
and their wording (statements.py, easy.py), the answers kept in the session cookie
(state.py), and its pages: the questions and result (views.py) and the session's life
(lifecycle.py). It uses the shared modules of webapp/ and the feedback package's
funnel; no other journey."""

from .. import journey

bp = journey.blueprint("guide", __name__, open_views=(
    "start", "expired", "cleared", "finish", "restart", "keep_alive"))

from . import lifecycle, views  # noqa: E402,F401  (registers the views on bp)
