"""The service level as Markdown: read, checked and rendered once, at start-up.

content/<lang>/<id>.md are the topic pages of the service level;
content/<lang>/pages/<id>.md are other pages (accessibility statement, privacy).
Danish and English files pair by id.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import frontmatter
import markdown

REQUIRED_KEYS = ("id", "title", "order", "summary", "reviewed")


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
    text: str  # the Markdown body, for fact checks
    headings: tuple[Heading, ...] = field(default=())

    @property
    def anchors(self):
        return {heading.anchor for heading in self.headings}


@dataclass(frozen=True)
class Content:
    topics: dict[str, tuple[Page, ...]]  # lang -> topic pages in order
    pages: dict[str, dict[str, Page]]  # lang -> id -> other page

    def topic(self, lang, topic_id):
        return next((page for page in self.topics[lang] if page.id == topic_id), None)

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


def read_page(path, lang):
    post = frontmatter.load(path)
    missing = [key for key in REQUIRED_KEYS if key not in post.metadata]
    if missing:
        raise ContentError(f"{path}: front matter lacks {', '.join(missing)}")
    if post["id"] != path.stem:
        raise ContentError(f"{path}: id {post['id']!r} does not match the file name")
    md = markdown.Markdown(extensions=["attr_list", "toc", "sane_lists"])
    html = md.convert(post.content)
    return Page(
        id=post["id"],
        lang=lang,
        title=post["title"],
        order=int(post["order"]),
        summary=post["summary"],
        reviewed=post["reviewed"],
        html=html,
        text=post.content,
        headings=tuple(_flatten(md.toc_tokens)),
    )


def _read_folder(folder, lang):
    return {path.stem: read_page(path, lang) for path in sorted(folder.glob("*.md"))}


def load(content_dir, languages):
    content_dir = Path(content_dir)
    topics, pages = {}, {}
    for lang in languages:
        topic_pages = _read_folder(content_dir / lang, lang)
        topics[lang] = tuple(sorted(topic_pages.values(), key=lambda page: page.order))
        pages[lang] = _read_folder(content_dir / lang / "pages", lang)
    for kind in (topics, pages):
        ids = [{page.id for page in _values(kind[lang])} for lang in languages]
        if any(each != ids[0] for each in ids):
            raise ContentError(f"Content files do not pair across languages: {ids}")
    return Content(topics=topics, pages=pages)


def _values(collection):
    return collection.values() if isinstance(collection, dict) else collection
