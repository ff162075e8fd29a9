"""Draw the guide's diagram again from its questions and rules, in both languages.

    .venv/bin/python scripts/guide_diagram.py      (or: make diagrams)

Writes webapp/pages/diagram/guide.<lang>.dot from webapp/pages/guide_graph.py and runs
Graphviz's `dot` on it (Debian: graphviz) for guide.<lang>.svg. Commit both: the site
shows the SVG and never runs `dot` itself. A file is only written when it changes.
"""

import hashlib
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import g  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.i18n import LANGUAGES  # noqa: E402
from webapp.pages import guide_graph  # noqa: E402


def dot_hash(source):
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def draw(source):
    """The SVG that `dot` draws from a DOT source, made fit for the page, marked with
    the hash of the source it was drawn from (tests/test_guide_map.py checks it)."""
    drawn = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True, check=True).stdout
    svg = guide_graph.clean_svg(drawn)
    return svg.replace("<svg ", f'<svg data-dot-sha256="{dot_hash(source)}" ', 1)


def write(path, text):
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


def main():
    app = create_app("testing")
    guide_graph.DIAGRAM_DIR.mkdir(exist_ok=True)
    for lang in LANGUAGES:
        with app.test_request_context(f"/{lang}/"):
            g.lang = lang
            source = guide_graph.dot(lang)
        write(guide_graph.dot_path(lang), source)
        write(guide_graph.svg_path(lang), draw(source))


if __name__ == "__main__":
    main()
