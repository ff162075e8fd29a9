#!/usr/bin/env python3
"""Figures for the state the copies of the app share (issue #20), printed: two copies
(gunicorn, 2 workers each, the production config) of the source tree given, on one
SQLite file and one Redis, each on a free loopback port. Prints how many of 40
feedback answers from one address are accepted (alternating between the copies; then
40 more with a forged X-Real-IP from another address), how many result views 10
replays of one run's cookie count, how often a cookie copied before "Afslut og ryd"
still shows the name, and what 20 POSTs to "Afslut og ryd" without a cookie count.

  .venv/bin/python scripts/shared_state_figures.py            # this checkout
  git archive main | tar -x -C /tmp/before && cp -r static/build /tmp/before/static/ \\
    && .venv/bin/pybabel -q compile -d /tmp/before/translations \\
    && .venv/bin/python scripts/shared_state_figures.py /tmp/before   # another tree

FEEDBACK_RATE_LIMIT in the environment is passed on (to compare at equal limits)."""

import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.guide_helpers import url  # noqa: E402
from tests.support.instances import HOST, Browser, Instance  # noqa: E402
from tests.support.redis_server import running_redis  # noqa: E402

TOPIC = "/da/serviceniveau/costs-and-transport"
FORM = {"Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded"}


def main(tree):
    folder = Path(tempfile.mkdtemp(prefix="shared-state-figures-"))
    database = folder / "feedback.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "webapp", "db", "upgrade"],
                   cwd=tree, env=env, check=True, capture_output=True)

    def steps():
        with sqlite3.connect(database) as connection:
            return dict(connection.execute("SELECT step, count FROM funnel_counts").fetchall())

    with running_redis() as redis_url:
        env |= {"SECRET_KEY": secrets.token_hex(32), "SITE_URL": f"http://{HOST}:8080",
                "REDIS_URL": redis_url}
        if os.environ.get("FEEDBACK_RATE_LIMIT"):
            env["FEEDBACK_RATE_LIMIT"] = os.environ["FEEDBACK_RATE_LIMIT"]
        copies = Instance("a", folder, env, root=tree), Instance("b", folder, env, root=tree)
        try:
            for copy in copies:
                copy.ready()
            body = f"page={TOPIC}&answer=yes"
            accepted = [copies[n % 2].request("POST", "/da/tilbagemelding", FORM, body)[0] for n in range(40)]
            print(f"feedback from one address: {accepted.count(303)} of 40 accepted "
                  "(2 copies x 2 workers)")
            forged = [copies[n % 2].request("POST", "/da/tilbagemelding", {**FORM, "X-Real-IP": f"198.51.100.{n}"},
                                            body, client="127.0.0.3")[0] for n in range(40)]
            print(f"with a forged X-Real-IP, straight to gunicorn: {forged.count(303)} of 40 accepted")

            person = Browser()
            person.answer_all(copies[0])
            copy = person.cookie
            for n in range(10):
                person.cookie = copy
                person.get(copies[n % 2], url("da", "result"))
            results = sum(n for step, n in steps().items() if step.startswith("result_"))
            print(f"one run's cookie replayed 10 times on both copies: {results} result views counted")

            person.apply(copies[0])
            copy = person.cookie
            person.post(copies[0], url("da", "finish"), {}, token_from=url("da", "sending"))
            shown = 0
            for n in range(10):
                thief = Browser()
                thief.cookie = copy
                shown += "Åse Ørnsø" in thief.get(copies[(n + 1) % 2], url("da", "sending"))[2]
            print(f"a copy taken before \"Afslut og ryd\": the name shown in {shown} of 10 replays")

            before = steps().get("cleared", 0)
            statuses = {Browser().post(copies[n % 2], url("da", "finish"), {})[0] for n in range(20)}
            print(f"20 POSTs to \"Afslut og ryd\" without a cookie: cleared +{steps().get('cleared', 0) - before} "
                  f"(answered {sorted(statuses)})")
            print(f"the database's steps: {steps()}")
        finally:
            for copy in copies:
                copy.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
