"""The state every process shares (webapp/store.py), with two apps standing in for two
processes: on a real redis-server (the one `make serve` starts), in memory without
REDIS_URL, and with a Redis or a database that does not answer. tests/test_instances.py
shows the same with two gunicorn instances."""

import json
import logging

import pytest
import redis
from sqlalchemy import select

from tests.guide_helpers import answer_all, application_page, url
from tests.support.redis_server import running_redis
from webapp import create_app, store
from webapp.config import TestingConfig
from webapp.feedback import store as feedback_store
from webapp.store import PREFIX

TOPIC = "/da/serviceniveau/costs-and-transport"
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:9/feedback"  # the discard port: refused


@pytest.fixture(scope="module")
def redis_url():
    with running_redis() as url:
        yield url


def make_app(database, redis_url=None, **settings):
    config = type("Config", (TestingConfig,), {
        "SQLALCHEMY_DATABASE_URI": database, "REDIS_URL": redis_url, **settings})
    app = create_app(config)
    if database.startswith("sqlite:///"):
        with app.app_context():
            feedback_store.db.create_all()
    return app


@pytest.fixture
def two_processes(tmp_path, redis_url):
    redis.Redis.from_url(redis_url).flushall()
    database = f"sqlite:///{tmp_path}/feedback.sqlite3"
    return make_app(database, redis_url), make_app(database, redis_url)


def steps(app):
    with app.app_context():
        rows = feedback_store.db.session.scalars(select(feedback_store.FunnelCount)).all()
        return {(r.lang, r.step): r.count for r in rows}


def test_a_session_ended_in_one_process_is_refused_by_the_other(two_processes, redis_url):
    first, second = (app.test_client() for app in two_processes)
    application_page(first)
    copy = first.get_cookie("guide").value
    second.set_cookie("guide", copy)
    assert second.get(url("da", "check")).status_code == 200  # the same run, on either
    first.post(url("da", "finish"))
    second.set_cookie("guide", copy)
    assert second.get(url("da", "check")).headers["Location"] == url("da", "expired")
    second.set_cookie("guide", copy)
    page = second.get(url("da", "sending")).get_data(as_text=True)
    assert "Åse" not in page
    # Kept as long as a copy could live: the idle limit, 20 minutes.
    client = redis.Redis.from_url(redis_url)
    ended, = client.keys(f"{PREFIX}ended:*")
    assert 1190 <= client.ttl(ended) <= 1200


def calls(redis_url, command):
    """How many times Redis has run `command` since it started."""
    stats = redis.Redis.from_url(redis_url).info("commandstats")
    return stats.get(f"cmdstat_{command}", {}).get("calls", 0)


def test_each_process_knows_the_ended_ids_without_asking_redis_for_each_cookie(
        two_processes, redis_url, monkeypatch):
    first, second = (app.test_client() for app in two_processes)

    def ended_on_first():
        answer_all(first)
        copy = first.get_cookie("guide").value
        first.post(url("da", "finish"))
        second.set_cookie("guide", copy)
        return second.get(url("da", "check"))

    # Ended before the second process ever listened: it reads the ids already ended.
    assert ended_on_first().headers["Location"] == url("da", "expired")
    answer_all(second)
    asked = calls(redis_url, "exists")
    for _ in range(5):
        assert second.get(url("da", "check")).status_code == 200
    # Ended while it listens: told at once.
    assert ended_on_first().headers["Location"] == url("da", "expired")
    assert calls(redis_url, "exists") == asked
    # Its connection lost: it asks Redis for the cookie, then listens again (at once here).
    monkeypatch.setattr(store, "LISTEN_RETRY", 0)
    redis.Redis.from_url(redis_url).client_kill_filter(_type="pubsub")
    assert ended_on_first().headers["Location"] == url("da", "expired")
    assert calls(redis_url, "exists") > asked
    asked = calls(redis_url, "exists")
    assert ended_on_first().headers["Location"] == url("da", "expired")
    assert calls(redis_url, "exists") == asked


def test_after_more_time_the_ended_id_is_kept_as_long_as_the_longer_limit(two_processes, redis_url):
    first, second = (app.test_client() for app in two_processes)
    answer_all(first)
    first.post(url("da", "keep_alive"), data={"back": url("da", "check")})  # "I need more time"
    copy = first.get_cookie("guide").value
    second.set_cookie("guide", copy)
    second.post(url("da", "restart"))  # "Start again" on the other process
    first.set_cookie("guide", copy)
    assert first.get(url("da", "check")).status_code == 302
    client = redis.Redis.from_url(redis_url)
    ended, = client.keys(f"{PREFIX}ended:*")
    assert 11_990 <= client.ttl(ended) <= 12_000  # 200 minutes


def test_one_run_counts_once_whichever_process_a_copy_is_replayed_on(two_processes, redis_url):
    first_app, second_app = two_processes
    first, second = first_app.test_client(), second_app.test_client()
    answer_all(first)
    copy = first.get_cookie("guide").value
    noted = calls(redis_url, "hsetnx")
    for client in (first, second, second, first, second):
        client.set_cookie("guide", copy)
        assert client.get(url("da", "result")).status_code == 200
    assert calls(redis_url, "hsetnx") == noted + 2  # once from each process, then known there
    first.post(url("da", "finish"))
    for _ in range(3):  # "Finish and clear" without a session, on either process
        second.delete_cookie("guide")
        second.post(url("da", "finish"))
    assert steps(first_app) == {("da", "started"): 1, ("da", "result_likely"): 1, ("da", "cleared"): 1}
    # The notes live in Redis for the session's lifetime, never in the database.
    client = redis.Redis.from_url(redis_url)
    counted, = client.keys(f"{PREFIX}counted:*")
    assert set(client.hkeys(counted)) == {b"started", b"result_likely", b"cleared"}
    assert 1190 <= client.ttl(counted) <= 1200


def test_the_feedback_limit_is_one_limit_across_processes(two_processes, redis_url):
    clients = [app.test_client() for app in two_processes]
    statuses = [clients[n % 2].post("/da/tilbagemelding", headers=SAME_SITE,
                                    data={"page": TOPIC, "answer": "yes"}).status_code
                for n in range(34)]
    assert statuses.count(303) == 30 and statuses[-4:] == [429] * 4
    # Counted in Redis (tests/test_instances.py shows it across real processes), per
    # address and window, and nothing else.
    keys = redis.Redis.from_url(redis_url).keys("LIMITS*")
    assert keys and all(b"127.0.0.1" in key for key in keys)


def test_status_names_each_dependency(two_processes, tmp_path):
    status = two_processes[0].test_client().get("/status")
    assert status.status_code == 200 and status.headers["Cache-Control"] == "no-store"
    assert status.json == {"database": "ok", "shared_store": "ok", "down": []}
    alone = make_app(f"sqlite:///{tmp_path}/alone.sqlite3")
    status = alone.test_client().get("/status")
    assert status.status_code == 200 and status.json["shared_store"].startswith("ok (in this process only")
    with alone.app_context():
        feedback_store.db.drop_all()  # `flask db upgrade` never run: every write would fail
    status = alone.test_client().get("/status")
    assert status.status_code == 503 and status.json["down"] == ["database"]


def test_without_redis_each_process_keeps_its_own_state(tmp_path):
    database = f"sqlite:///{tmp_path}/feedback.sqlite3"
    first, second = make_app(database).test_client(), make_app(database).test_client()
    answer_all(first)
    copy = first.get_cookie("guide").value
    first.post(url("da", "finish"))
    first.set_cookie("guide", copy)
    assert first.get(url("da", "check")).status_code == 302  # refused where it was ended
    second.set_cookie("guide", copy)
    assert second.get(url("da", "check")).status_code == 200  # the README says so


def test_a_redis_that_does_not_answer_leaves_the_guide_working(tmp_path, caplog):
    app = make_app(f"sqlite:///{tmp_path}/feedback.sqlite3", f"unix://{tmp_path}/no-redis.sock")
    client = app.test_client()
    answer_all(client)
    assert client.get(url("da", "result")).status_code == 200
    assert client.post(url("da", "finish")).status_code == 302
    assert "shared store: noting a step failed (ConnectionError)" in caplog.text
    assert "shared store: ending a session failed (ConnectionError)" in caplog.text
    assert all(r.levelno == logging.ERROR for r in caplog.records if "shared store" in r.message)
    # The limit counts in the process's memory meanwhile.
    statuses = [client.post("/da/tilbagemelding", headers=SAME_SITE,
                            data={"page": TOPIC, "answer": "yes"}).status_code for _ in range(31)]
    assert statuses == [303] * 30 + [429]
    status = client.get("/status")
    assert status.status_code == 503
    assert status.json == {"database": "ok", "shared_store": "not answering", "down": ["shared_store"]}


def test_a_database_that_does_not_answer_is_said_not_hidden(caplog):
    client = make_app(DEAD_DATABASE).test_client()
    answer_all(client)
    assert client.get(url("da", "result")).status_code == 200
    assert client.get("/healthz").status_code == 200
    for lang, action in (("da", "/da/tilbagemelding"), ("en", "/en/feedback")):
        response = client.post(action, headers=SAME_SITE, data={"page": TOPIC, "answer": "no"})
        html = response.get_data(as_text=True)
        assert response.status_code == 503 and "Tak" not in html and "Thank you" not in html
        assert {"da": "Dit svar blev ikke gemt", "en": "Your answer was not saved"}[lang] in html
    errors = [r for r in caplog.records if r.message == "feedback: not stored (OperationalError)"]
    # The two answers, and the guide's two steps (started, result): each at ERROR.
    assert len(errors) == 4 and all(r.levelno == logging.ERROR for r in errors)
    status = client.get("/status")
    assert status.status_code == 503
    assert json.loads(status.get_data()) == {"database": "not answering",
                                             "shared_store": "ok (in this process only: REDIS_URL is not set)",
                                             "down": ["database"]}

