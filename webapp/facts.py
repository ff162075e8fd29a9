"""The registry of facts (content/facts.yml): every number, contact, deadline and
fact-sentence a citizen acts on, written once and read once at start-up.

Markdown content writes `[[key]]` (filled in by `fill`); Python takes `value` (the
same in every language), `text` or `html` (in a language and reading level).
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup, escape

FACTS_FILE = Path(__file__).resolve().parent.parent / "content" / "facts.yml"
LANGUAGES = ("da", "en")
LEVELS = ("full", "easy")
PLACEHOLDER = re.compile(r"\[\[([a-z0-9_]+)\]\]")
REFERENCE = re.compile(r"\{([a-z0-9_]+)\}")


class FactError(ValueError):
    pass


@dataclass(frozen=True)
class Fact:
    key: str
    wording: dict  # (lang, level) -> text, with {other_key} references
    pages: tuple[str, ...]
    quote: str = ""
    law: str = ""
    link: str = ""


def _wording(key, value):
    """{(lang, level): text} from a value that may be split by language, then by level."""
    wording = {}
    for lang in LANGUAGES:
        by_lang = value.get(lang) if isinstance(value, dict) else value
        for level in LEVELS:
            text = by_lang.get(level) if isinstance(by_lang, dict) else by_lang
            if not isinstance(text, str | int) or str(text) == "":
                raise FactError(f"{key}: no wording for {lang}/{level}")
            wording[lang, level] = str(text)
    return wording


def read(path=FACTS_FILE):
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    facts = {}
    for key, entry in entries.items():
        if not (entry.get("quote") or entry.get("law")):
            raise FactError(f"{key}: needs the quote it rests on, or the law")
        if not entry.get("pages"):
            raise FactError(f"{key}: lists no page that carries it")
        facts[key] = Fact(key, _wording(key, entry["value"]), tuple(entry["pages"]),
                          entry.get("quote", ""), entry.get("law", ""), entry.get("link", ""))
    for fact in facts.values():
        for text in fact.wording.values():
            unknown = set(REFERENCE.findall(text)) - set(facts)
            if unknown:
                raise FactError(f"{fact.key}: refers to unknown facts {sorted(unknown)}")
    return facts


FACTS = read()


def _render(key, lang, level, markdown, html):
    fact = FACTS[key]
    wording = str(escape(fact.wording[lang, level])) if html else fact.wording[lang, level]
    text = REFERENCE.sub(lambda m: _render(m.group(1), lang, level, markdown, html), wording)
    if fact.link and markdown:
        return f"[{text}]({fact.link})"
    if fact.link and html:
        return f'<a href="{escape(fact.link)}">{text.replace(" ", "&nbsp;")}</a>'
    return text


def text(key, lang, level="full"):
    """The fact's words in a language and reading level, as plain text."""
    return _render(key, lang, level, markdown=False, html=False)


def value(key):
    """The fact in the form that is the same in every language (a number, a phone)."""
    return text(key, "da")


def html(key, lang, level="full"):
    """The fact as HTML: a phone or email as a link."""
    return Markup(_render(key, lang, level, markdown=False, html=True))


def fill(source, lang, level, keep=(), markdown=True):
    """Text with every [[key]] replaced by the fact's words (as Markdown, a phone as
    a link, unless `markdown` is False); `keep` are other placeholders left for later
    (dates filled in when the page is shown)."""

    def replace(match):
        key = match.group(1)
        if key in keep:
            return match.group(0)
        if key not in FACTS:
            raise FactError(f"unknown placeholder [[{key}]]")
        return _render(key, lang, level, markdown=markdown, html=False)

    return PLACEHOLDER.sub(replace, source)


def current_language():
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale and locale.language in LANGUAGES else LANGUAGES[0]


def placeholders(source):
    return set(PLACEHOLDER.findall(source))
