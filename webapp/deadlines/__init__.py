"""Deadlines: how working days and deadlines are counted (counting.py), used by every
journey that names a date, and the deadline calculator (/frister, /deadlines) with its
calendar files (views.py). Uses the shared modules of webapp/ only."""

from .. import journey
from .counting import (
    Move,
    add_working_days,
    calendar_file,
    comment_deadline,
    complaint_answer_by,
    complaint_deadline,
    is_working_day,
    latest_answer,
    moved_text,
    next_working_day_on_or_after,
    why_moved,
)

bp = journey.blueprint("deadlines", __name__, open_views=("deadlines_page", "deadline_calendar"))

from . import views  # noqa: E402,F401  (registers the views on bp)

__all__ = ["Move", "add_working_days", "bp", "calendar_file", "comment_deadline", "complaint_answer_by",
           "complaint_deadline", "is_working_day", "latest_answer", "moved_text",
           "next_working_day_on_or_after", "why_moved"]
