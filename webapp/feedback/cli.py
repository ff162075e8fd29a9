"""For the municipality: `flask --app webapp feedback report|comments|prune`."""

import csv
from datetime import date

import click
from flask.cli import AppGroup

from . import store
from .funnel import STEPS, path_totals
from .scrub import for_terminal

feedback_cli = AppGroup("feedback", help="What readers answered to 'Was this page useful?', and the guide's counts.")
KEEP_TEXTS_MONTHS = 12


def _since_option(command):
    return click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help="Only from this day on (YYYY-MM-DD).")(command)


def _share(part, whole):
    return f"{part / whole:.0%}" if whole else "-"


def report_rows(since=None):
    """[(section, name, numbers...)]: each page's Yes, No and share useful; the guide's
    steps; the path from start to email with the drop between steps."""
    pages = {}
    for path, answer, n in store.answers_by(store.PageAnswer.path, since=since):
        pages.setdefault(path, {"yes": 0, "no": 0})[answer] += int(n)
    rows = [("page", path, c["yes"], c["no"], _share(c["yes"], c["yes"] + c["no"]))
            for path, c in sorted(pages.items())]
    totals = {step: int(n) for step, n in store.steps_by(since=since)}
    rows += [("step", step, totals.get(step, 0)) for step in STEPS]
    rows += [("path", step, n, "-" if drop is None else f"{drop:.0%}")
             for step, n, drop in path_totals(totals)]
    return rows


@feedback_cli.command("report")
@_since_option
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the figures to this CSV file.")
def report(since, csv_file):
    """Per page: Yes, No and the share useful; the guide's steps and the drop between them."""
    rows = report_rows(since and since.date())
    click.echo(f"{'Page':<52} {'Yes':>6} {'No':>6} {'Useful':>7}")
    for _kind, path, yes, no, share in (r for r in rows if r[0] == "page"):
        click.echo(f"{path:<52} {yes:>6} {no:>6} {share:>7}")
    click.echo(f"\n{'Guide step':<52} {'Count':>6}")
    for _kind, step, n in (r for r in rows if r[0] == "step"):
        click.echo(f"{step:<52} {n:>6}")
    click.echo(f"\n{'Path (result = all outcomes)':<52} {'Count':>6} {'Drop':>7}")
    for _kind, step, n, drop in (r for r in rows if r[0] == "path"):
        click.echo(f"{step:<52} {n:>6} {drop:>7}")
    if csv_file:
        with open(csv_file, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["section", "name", "yes_or_count", "no_or_drop", "share_useful"])
            writer.writerows(rows)
        click.echo(f"\nWritten to {csv_file}")


@feedback_cli.command("comments")
@_since_option
def comments(since):
    """The texts written after "No", already scrubbed of CPR, phone and email."""
    for comment in store.comments(since and since.date()):
        click.echo(f"{comment.day}  {comment.lang}  {for_terminal(comment.path)}\n"
                   f"  {for_terminal(comment.text)}\n")


def months_before(day, months):
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, last)
        except ValueError:
            continue


@feedback_cli.command("prune")
def prune():
    """Delete the texts older than 12 months; the counts are kept."""
    before = months_before(store.today(), KEEP_TEXTS_MONTHS)
    click.echo(f"Deleted {store.prune(before)} texts from before {before}.")
