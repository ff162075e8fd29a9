"""The service level as Markdown: read, checked and rendered once, at start-up.

content/<lang>/<id>.md are the topic pages of the service level;
content/<lang>/pages/<id>.md are other pages (accessibility statement, privacy);
content/<lang>/easy/<id>.md are the easy-read pages, one per topic, with the topic's id;
content/<lang>/glossary.yml is the glossary. Danish and English files pair by id,
glossary terms by anchor. The first use of a glossary term on a topic or easy-read
page links to the term (webapp/markdown_ext.py).
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import frontmatter
import markdown
import yaml

from . import facts
from .markdown_ext import GlossaryLinks, HeadingIcons

REQUIRED_KEYS = ("id", "title", "order", "summary", "reviewed")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where each language's glossary is served (webapp/pages: pages.glossary).
GLOSSARY_PATHS = {"da": "/da/ordliste", "en": "/en/glossary"}
# Placeholders filled in with real dates when an easy-read page is shown (webapp/pages).
DATE_PLACEHOLDERS = ("today", "latest_answer", "complaint_deadline")


@dataclass(frozen=True)
class Term:
    anchor: str
    term: str  # as the page's language writes it
    meaning: str
    forms: tuple[str, ...]  # the words in a text that link here; `*` = any ending
    danish: str = ""  # the Danish term, in the English glossary


@dataclass(frozen=True)
class Heading:
    anchor: str
    title: str
    level: int


@dataclass(frozen=True)
class Page:
    id: str
    lang: str
    title: str
    order: int
    summary: str
    reviewed: date
    html: str
    text: str  # the Markdown body with the registry's facts filled in, for fact checks
    headings: tuple[Heading, ...] = field(default=())
    source: str = ""  # the Markdown body as written, with its [[fact]] placeholders

    @property
    def anchors(self):
        return {heading.anchor for heading in self.headings}

    @property
    def next_review(self):
        """A page is gone through again a year after it was last reviewed."""
        try:
            return self.reviewed.replace(year=self.reviewed.year + 1)
        except ValueError:  # 29 February
            return self.reviewed.replace(year=self.reviewed.year + 1, day=28)


# What a dated entry in content/changes.yml is about: the municipality changed its
# service level, or the site corrected what it says.
CHANGE_KINDS = ("service_level", "correction")


@dataclass(frozen=True)
class Change:
    date: date
    text: dict[str, str]  # lang -> what changed, in Markdown
    kind: str = "correction"  # one of CHANGE_KINDS


@dataclass(frozen=True)
class Content:
    topics: dict[str, tuple[Page, ...]]  # lang -> topic pages in order
    pages: dict[str, dict[str, Page]]  # lang -> id -> other page
    easy: dict[str, tuple[Page, ...]] = field(default_factory=dict)  # lang -> easy-read pages
    glossary: dict[str, tuple[Term, ...]] = field(default_factory=dict)  # lang -> terms
    changes: tuple[Change, ...] = field(default=())  # newest first

    def changes_of(self, kind):
        """The service level's own changes, or the site's corrections, newest first."""
        return tuple(change for change in self.changes if change.kind == kind)

    def topic(self, lang, topic_id):
        return next((page for page in self.topics[lang] if page.id == topic_id), None)

    def easy_page(self, lang, page_id):
        return next((page for page in self.easy[lang] if page.id == page_id), None)

    def heading_title(self, lang, topic_id, anchor):
        page = self.topic(lang, topic_id)
        return next(h.title for h in page.headings if h.anchor == anchor)

    def has_anchor(self, topic_id, anchor):
        return all(
            (page := self.topic(lang, topic_id)) is not None and anchor in page.anchors
            for lang in self.topics
        )


class ContentError(ValueError):
    pass


def _flatten(tokens):
    for token in tokens:
        yield Heading(token["id"], token["name"], token["level"])
        yield from _flatten(token["children"])


def read_page(path, lang, glossary=(), line_breaks=False):
    """A page from Markdown; with `glossary` terms, the first use of each links to it.
    With `line_breaks` (easy read), each sentence on its own line stays on its own line."""
    post = frontmatter.load(path)
    missing = [key for key in REQUIRED_KEYS if key not in post.metadata]
    if missing:
        raise ContentError(f"{path}: front matter lacks {', '.join(missing)}")
    if post["id"] != path.stem:
        raise ContentError(f"{path}: id {post['id']!r} does not match the file name")
    try:
        body = facts.fill(post.content, lang, "easy" if line_breaks else "full", keep=DATE_PLACEHOLDERS)
    except facts.FactError as error:
        raise ContentError(f"{path}: {error}") from error
    extensions = ["attr_list", "toc", "sane_lists", HeadingIcons()]
    if line_breaks:
        extensions.append("nl2br")
    if glossary:
        extensions.append(GlossaryLinks(glossary, GLOSSARY_PATHS[lang]))
    md = markdown.Markdown(extensions=extensions)
    html = md.convert(body)
    return Page(
        id=post["id"],
        lang=lang,
        title=post["title"],
        order=int(post["order"]),
        summary=post["summary"],
        reviewed=post["reviewed"],
        html=html,
        text=body,
        headings=tuple(_flatten(md.toc_tokens)),
        source=post.content,
    )


def _read_folder(folder, lang, glossary=(), line_breaks=False):
    return {path.stem: read_page(path, lang, glossary, line_breaks)
            for path in sorted(folder.glob("*.md"))}


def read_glossary(path, lang="da"):
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) if path.exists() else []
    try:
        return tuple(Term(**{**entry, "forms": tuple(entry["forms"]),
                             "meaning": facts.fill(entry["meaning"], lang, "full", markdown=False)})
                     for entry in entries)
    except (TypeError, KeyError, facts.FactError) as error:
        raise ContentError(f"{path}: {error}") from error


def read_changes(path):
    """content/changes.yml: the service level's own changes and the site's corrections,
    each dated; newest first."""
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) if path.exists() else []
    try:
        changes = [Change(entry["date"], {lang: markdown.markdown(text) for lang, text in entry["text"].items()},
                          entry.get("kind", "correction"))
                   for entry in entries]
    except (TypeError, KeyError, AttributeError) as error:
        raise ContentError(f"{path}: {error}") from error
    unknown = {change.kind for change in changes} - set(CHANGE_KINDS)
    if unknown:
        raise ContentError(f"{path}: unknown kind {', '.join(sorted(unknown))}; use one of {', '.join(CHANGE_KINDS)}")
    return tuple(sorted(changes, key=lambda change: change.date, reverse=True))


def _in_order(pages):
    return tuple(sorted(pages.values(), key=lambda page: page.order))


def load(content_dir, languages):
    content_dir = Path(content_dir)
    topics, pages, easy, glossary = {}, {}, {}, {}
    for lang in languages:
        glossary[lang] = read_glossary(content_dir / lang / "glossary.yml", lang)
        topics[lang] = _in_order(_read_folder(content_dir / lang, lang, glossary[lang]))
        easy[lang] = _in_order(_read_folder(content_dir / lang / "easy", lang, glossary[lang], True))
        pages[lang] = _read_folder(content_dir / lang / "pages", lang)
    for kind in (topics, pages, easy):
        ids = [{page.id for page in _values(kind[lang])} for lang in languages]
        if any(each != ids[0] for each in ids):
            raise ContentError(f"Content files do not pair across languages: {ids}")
    anchors = [[term.anchor for term in glossary[lang]] for lang in languages]
    if any(each != anchors[0] for each in anchors):
        raise ContentError(f"Glossary terms do not pair across languages: {anchors}")
    changes = read_changes(content_dir / "changes.yml")
    if any(set(change.text) != set(languages) for change in changes):
        raise ContentError("content/changes.yml: every change needs a text in every language")
    return Content(topics=topics, pages=pages, easy=easy, glossary=glossary, changes=changes)


@cache
def load_once(content_dir, languages):
    """`load`, once per process: the content never changes while the site runs, and
    the tests build many apps."""
    return load(content_dir, languages)


def _values(collection):
    return collection.values() if isinstance(collection, dict) else collection
