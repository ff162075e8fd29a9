"""Two copies of the app as production runs them (gunicorn, 2 workers each, the
production config) on one Redis and one database: what one copy ends, counts or
limits holds on the other, and a database that is down is said, not hidden. On a
SQLite file and on PostgreSQL (the server tests/test_feedback_storage.py starts)."""

import secrets
import sqlite3

import psycopg
import pytest

from tests.guide_helpers import url
from tests.support.instances import HOST, Browser, Instance
from tests.support.redis_server import running_redis
from tests.test_feedback_storage import postgres  # noqa: F401  (the fixture)
from webapp import create_app
from webapp.config import TestingConfig, database_uri
from webapp.feedback import store

TOPIC = "/da/serviceniveau/costs-and-transport"
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
DEAD_DATABASE = "postgresql://postgres@127.0.0.1:9/feedback"  # the discard port: refused
LIMIT = 30  # FEEDBACK_RATE_LIMIT's per minute, as the README says


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """(DATABASE_URL of a database built by `db upgrade`, a function that reads the steps)."""
    if request.param == "sqlite":
        database_url = f"sqlite:///{tmp_path}/feedback.sqlite3"
    else:
        server = request.getfixturevalue("postgres")
        name = f"instances_{secrets.token_hex(4)}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        database_url = f"{server}/{name}"
    config = type("Config", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": database_uri(database_url)})
    app = create_app(config)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        store.db.engine.dispose()
    return database_url


def steps(database_url):
    query = "SELECT lang, step, count FROM funnel_counts"
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            rows = connection.execute(query).fetchall()
    else:
        with psycopg.connect(database_url) as connection:
            rows = connection.execute(query).fetchall()
    return {(lang, step): n for lang, step, n in rows}


def take_postgres_down(database_url):
    """The database refuses every connection, and the open ones are closed."""
    server, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                           (name,))


def feedback(instance, headers=None, page=TOPIC, client=HOST):
    return instance.request("POST", "/da/tilbagemelding", {
        **SAME_SITE, "Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
        f"page={page}&answer=yes", client=client)


@pytest.fixture
def environment(tmp_path, database):
    with running_redis() as redis_url:
        yield {"SECRET_KEY": secrets.token_hex(32), "SITE_URL": f"http://{HOST}:8080",
               "REDIS_URL": redis_url, "DATABASE_URL": database}


def test_two_instances_share_what_is_ended_counted_and_limited(tmp_path, environment):
    on_sqlite = environment["DATABASE_URL"].startswith("sqlite")
    first, second = Instance("first", tmp_path, environment), Instance("second", tmp_path, environment)
    # A SQLite file cannot be stopped under a running copy: there the database that is
    # down is a copy started with DATABASE_URL pointing at a server that is not there.
    without_database = Instance("without-database", tmp_path, {
        **environment, "DATABASE_URL": DEAD_DATABASE}, workers=1) if on_sqlite else second
    try:
        for instance in {first, second, without_database}:
            instance.ready()
        # One run: started and finished on the first; its cookie replayed on the second.
        person = Browser()
        person.answer_all(first)
        assert person.get(second, url("da", "result"))[0] == 200  # either copy goes on
        person.apply(first)
        copy = person.cookie
        for instance in (second, first, second):  # a reload anywhere is the same run
            assert person.get(instance, url("da", "result"))[0] == 200
            status, _, page = person.get(instance, url("da", "sending"))
            assert status == 200 and "Åse Ørnsø" in page
        assert person.post(first, url("da", "finish"), {}, token_from=url("da", "sending"))[0] == 302
        thief = Browser()
        for instance in (second, first, second):
            thief.cookie = copy
            status, headers, _ = thief.get(instance, url("da", "check"))
            assert status == 302 and headers["Location"].endswith(url("da", "expired"))
            thief.cookie = copy
            status, _, page = thief.get(instance, url("da", "sending"))
            assert "Åse" not in page and "Mailen er her ikke længere" in page
            thief.cookie = copy
            thief.post(instance, url("da", "finish"), {})  # refused, and counted as nothing
        for instance in (first, second) * 5:  # "Finish and clear" without a session
            Browser().post(instance, url("da", "finish"), {})
        assert steps(environment["DATABASE_URL"]) == {
            ("da", "started"): 1, ("da", "result_likely"): 1, ("da", "email_application"): 1,
            ("da", "cleared"): 1}

        # One limit for one client across 2 instances x 2 workers; a forged address
        # header, sent straight to gunicorn, changes nothing.
        statuses = [feedback((first, second)[n % 2], {"X-Real-IP": f"198.51.100.{n}",
                                                      "X-Forwarded-For": f"192.0.2.{n}"})[0]
                    for n in range(LIMIT + 4)]
        assert statuses.count(303) == LIMIT and statuses[-4:] == [429] * 4

        status, _, body = first.request("GET", "/status")
        assert status == 200 and '"down":[]' in body

        # The database goes down: the guide goes on, an answer says it was not saved.
        if not on_sqlite:
            take_postgres_down(environment["DATABASE_URL"])
        walker = Browser()
        walker.answer_all(without_database)
        assert walker.get(without_database, url("da", "result"))[0] == 200
        assert without_database.request("GET", "/healthz")[0] == 200
        for lang, path in (("da", "/da/tilbagemelding"), ("en", "/en/feedback")):
            status, _, page = without_database.request("POST", path, {  # from a client not yet limited
                **SAME_SITE, "Content-Type": "application/x-www-form-urlencoded"},
                f"page={TOPIC}&answer=no", client="127.0.0.2")
            assert status == 503 and "Tak" not in page and "Thank you" not in page
            assert {"da": "Dit svar blev ikke gemt", "en": "Your answer was not saved"}[lang] in page
        status, _, body = without_database.request("GET", "/status")
        assert status == 503 and '"database":"not answering"' in body and '"down":["database"]' in body
        assert "feedback: not stored (OperationalError)" in without_database.log()
    finally:
        for instance in {first, second, without_database}:
            instance.stop()
