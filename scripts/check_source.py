"""Check that every fact in content/facts.yml still rests on the municipality's document.

    python scripts/check_source.py [SOURCE]      (or: make check-source SOURCE=<file>)

For each fact with a quote, the quote must still be in the document, ignoring line
breaks, spacing, hyphenation at line ends and "1-4"/"1–4". Prints one line per fact
that no longer matches (its key, its old quote and the pages that use it) and exits
with 1 if there is any. Facts that rest on the law (`law:`) are not in the document.
"""

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from webapp import facts  # noqa: E402

SOURCE_NAME = "serviceniveau-aktivitets-og-samvaerstilbud.txt"
# The checked version, kept in the repository (content/NOTES.md says where it came from).
DEFAULT_SOURCE = ROOT / "content" / "source" / SOURCE_NAME
DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def normalise(text):
    """Words as they read: no line breaks, one space, and no hyphens (so "Serviceni-\\nveauet",
    "aktivitets-  og", "1-4" and "1 – 4" compare with "Serviceniveauet", "aktivitets- og",
    "1–4")."""
    text = DASHES.sub("-", unicodedata.normalize("NFC", text))
    text = re.sub(r"\s*-\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def stale_facts(document, registry=None):
    """The facts whose quote is no longer in the document, in the registry's order."""
    registry = facts.FACTS if registry is None else registry
    words = normalise(document)
    return [fact for fact in registry.values() if fact.quote and normalise(fact.quote) not in words]


def report_line(fact):
    return f"{fact.key}: \"{fact.quote}\" (pages: {', '.join(fact.pages)})"


def main(argv):
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    if not source.is_file():
        print(f"check-source: no such file: {source}", file=sys.stderr)
        return 2
    stale = stale_facts(source.read_text(encoding="utf-8"))
    quoted = sum(1 for fact in facts.FACTS.values() if fact.quote)
    for fact in stale:
        print(report_line(fact))
    if stale:
        print(f"check-source: {len(stale)} of {quoted} facts no longer match {source}. "
              "See README, 'When check-source fails'.", file=sys.stderr)
        return 1
    print(f"check-source: all {quoted} quoted facts are still in {source}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
