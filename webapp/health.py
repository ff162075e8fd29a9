"""Two answers for machines. /healthz: the process answers (the liveness and readiness
probe; it needs nothing else, since the guide works without the database and the
shared store). /status: each dependency's state as JSON, 503 naming the one that does
not answer; for monitoring, never a probe (a database that is down must not take the
guide's pods out of service)."""

import redis
from flask import jsonify
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from .feedback.store import FunnelCount, db
from .store import shared

NO_STORE = {"Cache-Control": "no-store"}


def healthz():
    return "ok\n", 200, {"Content-Type": "text/plain", **NO_STORE}


def _database():
    """It answers, with the tables `flask db upgrade` builds (without them every write fails)."""
    try:
        db.session.execute(select(FunnelCount.day).limit(1))
        return "ok"
    except SQLAlchemyError:
        return "not answering"
    finally:
        db.session.rollback()


def _shared_store():
    store = shared()
    try:
        store.check()
    except redis.RedisError:
        return "not answering"
    return "ok" if store.where == "redis" else "ok (in this process only: REDIS_URL is not set)"


def status():
    states = {"database": _database(), "shared_store": _shared_store()}
    down = [name for name, state in states.items() if not state.startswith("ok")]
    body = {**states, "down": down}
    return jsonify(body), 503 if down else 200, NO_STORE


def init_app(app):
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/status", "status", status)
