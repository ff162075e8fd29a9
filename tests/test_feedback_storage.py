"""The feedback storage on an empty SQLite file and on a real PostgreSQL (Debian's
server, `make postgres`), each built by `flask db upgrade`: the counts, the texts, the
report and what is never stored. PostgreSQL is started once for the module as the
`postgres` user (it refuses root), on a free port, in a temporary folder."""

import csv
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from datetime import date
from itertools import count
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import inspect, select, text

from tests.guide_helpers import answer_all, url
from webapp import create_app
from webapp.config import TestingConfig, database_uri
from webapp.feedback import store
from webapp.feedback.cli import months_before

TOPIC = "/da/serviceniveau/pris-og-transport"
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
MARKERS = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "UA-MARKER/1.0",
           "HTTP_REFERER": "https://referrer-marker.example/", "HTTP_COOKIE": "guide=COOKIE-MARKER"}
TABLES = {
    "page_answers": {"day", "path", "lang", "answer", "count"},
    "funnel_counts": {"day", "lang", "step", "count"},
    "comments": {"id", "day", "path", "lang", "text"},
}


def _postgres_bin():
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parts[-3]))
    if not versions:
        pytest.fail("PostgreSQL is not installed: run `make postgres` (Debian's postgresql package)")
    return Path(versions[-1]).parent


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """A throwaway PostgreSQL server: its URL, without a database name."""
    bin_dir, port = _postgres_bin(), _free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = tempfile.mkdtemp(prefix="feedback-pg-")
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    data = f"{folder}/data"

    def run(*command):
        subprocess.run(as_postgres + [str(bin_dir / command[0]), *command[1:]], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)

    run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C")
    run("pg_ctl", "-D", data, "-w", "-l", f"{folder}/log", "-o",
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


NAMES = count()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The URL of a new, empty database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/feedback.sqlite3"
    server = request.getfixturevalue("postgres")
    name = f"feedback_{next(NAMES)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


@pytest.fixture
def app(database_url):
    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_uri(database_url)

    app = create_app(Config)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        store.db.engine.dispose()


def cli(app, *args):
    result = app.test_cli_runner().invoke(args=["feedback", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_db_upgrade_builds_the_schema_on_an_empty_database(app):
    with app.app_context():
        inspector = inspect(store.db.engine)
        columns = {t: {c["name"] for c in inspector.get_columns(t)} for t in TABLES}
        assert columns == TABLES  # nowhere to put an address, a browser, a cookie or a time
        assert store.db.session.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    # A second upgrade changes nothing.
    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0


def test_a_real_run_is_counted_reported_and_identifies_no_one(app):
    client = app.test_client()
    client.environ_base.update(MARKERS)
    for value in ("yes", "yes", "no"):
        assert client.post("/da/tilbagemelding", data={"page": TOPIC, "answer": value},
                           headers=SAME_SITE).status_code == 303
    client.post("/da/tilbagemelding/tekst", headers=SAME_SITE, data={
        "page": TOPIC, "missing": "Ring til Åse på 20 30 40 50 eller +45 44 77 34 43, "
                                 "aase@example.dk, CPR 010190-1234 og 0101901234"})
    guide = app.test_client()  # a run of the guide: started, then the result (twice)
    answer_all(guide, "en")
    for _ in range(2):
        assert guide.get(url("en", "result")).status_code == 200

    with app.app_context():
        [comment] = store.db.session.scalars(select(store.Comment)).all()
        assert comment.text == "Ring til Åse på [fjernet] eller [fjernet], [fjernet], CPR [fjernet] og [fjernet]"
        everything = " ".join(
            str(row) for table in TABLES
            for row in store.db.session.execute(text(f"SELECT * FROM {table}")).all())
    for marker in ("203.0.113.77", "UA-MARKER", "referrer-marker", "COOKIE-MARKER",
                   "20 30 40 50", "44 77 34 43", "aase@", "010190"):
        assert marker not in everything

    report = cli(app, "report")
    assert f"{TOPIC:<52}      2      1     67%" in report
    assert f"{'started':<52}      1" in report
    assert f"{'result':<52}      1      0%" in report
    assert f"{'email_application':<52}      0    100%" in report
    assert "Åse på [fjernet]" in cli(app, "comments")
    # The public page groups the days by month in SQL, in each database's own way.
    usage = client.get("/en/how-the-site-is-used").get_data(as_text=True)
    assert "<th scope=\"row\">Started the guide</th><td class=\"number\">under 5</td>" in usage
    assert "[fjernet]" not in usage and "Åse" not in usage
    assert cli(app, "report", "--since", "2999-01-01").count("     0") >= 8


def test_counts_add_up_per_day_and_the_csv_holds_them(app, tmp_path):
    with app.test_request_context("/da/"):
        for _ in range(3):
            assert store.add_answer(TOPIC, "da", "no")
        assert store.add_answer("/en/glossary", "en", "yes")
        assert store.add_step("da", "cleared")
        rows = store.db.session.scalars(select(store.PageAnswer)).all()
        assert {(r.path, r.answer): r.count for r in rows} == {(TOPIC, "no"): 3, ("/en/glossary", "yes"): 1}
    out = tmp_path / "report.csv"
    cli(app, "report", "--csv", str(out))
    with out.open(encoding="utf-8") as f:
        table = list(csv.reader(f))
    assert ["page", TOPIC, "0", "3", "0%"] in table
    assert ["step", "cleared", "1"] in table


def test_prune_deletes_texts_older_than_12_months_and_keeps_counts(app):
    today = store.today()
    with app.app_context():
        session = store.db.session
        for day, words in ((date(today.year - 2, 1, 1), "old"), (today, "new")):
            session.add(store.Comment(day=day, path=TOPIC, lang="da", text=words))
            session.add(store.PageAnswer(day=day, path=TOPIC, lang="da", answer="no", count=1))
        session.commit()
    assert "Deleted 1 texts" in cli(app, "prune")
    with app.app_context():
        assert [c.text for c in store.db.session.scalars(select(store.Comment))] == ["new"]
        assert len(store.db.session.scalars(select(store.PageAnswer)).all()) == 2


@pytest.mark.parametrize(("day", "before"), [
    (date(2026, 12, 3), date(2025, 12, 3)), (date(2028, 2, 29), date(2027, 2, 28)),
    (date(2026, 1, 31), date(2025, 1, 31)),
])
def test_twelve_months_back(day, before):
    assert months_before(day, 12) == before


def test_the_database_url_picks_psycopg_3():
    assert database_uri("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_uri("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_uri(None) == "sqlite:///feedback.sqlite3"
