"""Python-Markdown extensions for the content pages.

- HeadingIcons: `## Ring til Fronten {#apply icon=phone}` puts the phone icon
  before the heading text, as inline SVG hidden from screen readers (the heading
  says it all). Inline, so the icons cost no extra requests.
- GlossaryLinks: the first use of each glossary term on a page links to its entry
  in the glossary; never inside a heading or an existing link.
"""

import re
import xml.etree.ElementTree as etree
from functools import cache

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

# Icon name -> file under static/ (DKFDS icons are copied into build/img by `make assets`).
ICONS = {
    "phone": "build/img/smartphone.svg",
    "mail": "build/img/email.svg",
    "money": "build/img/payments.svg",
    "bus": "img/bus.svg",
    "calendar": "build/img/calendar-month.svg",
    "house": "build/img/home.svg",
    "clock": "build/img/time.svg",
    "people": "build/img/groups.svg",
    "person": "build/img/person.svg",
    "list": "build/img/checklist.svg",
    "warning": "build/img/warning.svg",
    "chat": "build/img/chat.svg",
    "book": "build/img/document.svg",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
NOT_LINKED = HEADINGS | {"a", "code", "pre", "svg"}


@cache
def _icon_source(name):
    from .config import ROOT

    return (ROOT / "static" / ICONS[name]).read_text(encoding="utf-8")


def icon_element(name):
    """The icon as an <svg> element: decorative, in the text's colour, 32 px."""
    svg = etree.fromstring(_icon_source(name))
    for element in svg.iter():
        element.tag = element.tag.split("}")[-1]  # plain <svg> in HTML, no namespace prefix
    svg.attrib.update({"class": "heading-icon", "width": "32", "height": "32",
                       "fill": "currentColor", "aria-hidden": "true", "focusable": "false"})
    return svg


def icon_svg(name):
    """The icon as markup, for templates."""
    return Markup(etree.tostring(icon_element(name), encoding="unicode"))


class HeadingIconProcessor(Treeprocessor):
    def run(self, root):
        for heading in root.iter():
            name = heading.get("icon") if heading.tag in HEADINGS else None
            if name is None:
                continue
            del heading.attrib["icon"]
            image = icon_element(name)
            image.tail, heading.text = heading.text, None
            heading.insert(0, image)
            heading.set("class", " ".join(filter(None, [heading.get("class"), "has-icon"])))


class HeadingIcons(Extension):
    def extendMarkdown(self, md):
        # After attr_list (8), which turns `icon=phone` into an attribute.
        md.treeprocessors.register(HeadingIconProcessor(md), "heading_icons", 7)


def term_pattern(forms):
    """One regex for every form of every term; `*` at the end of a form means any ending."""
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        tail = r"\w*" if form.endswith("*") else ""
        alternatives.append(re.escape(form.rstrip("*")) + tail)
    return re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


class GlossaryLinkProcessor(Treeprocessor):
    def __init__(self, md, terms, url):
        super().__init__(md)
        self.url = url
        # (stem, anchor, any ending?), longest stem first: "udkast til afgørelse" before "udkast".
        self.stems = sorted(
            ((form.rstrip("*").lower(), term.anchor, form.endswith("*"))
             for term in terms for form in term.forms),
            key=lambda stem: -len(stem[0]))
        self.pattern = term_pattern([form for term in terms for form in term.forms])

    def _anchor(self, word):
        lowered = word.lower()
        for stem, anchor, open_ended in self.stems:
            if lowered == stem or (open_ended and lowered.startswith(stem)):
                return anchor
        return None

    def run(self, root):
        self.linked = set()
        self._walk(root)

    def _walk(self, element):
        if element.tag in NOT_LINKED:
            return
        if element.text:
            element.text, links = self._link(element.text)
            for index, link in enumerate(links):
                element.insert(index, link)
        for child in list(element):
            self._walk(child)
            if child.tail:
                child.tail, links = self._link(child.tail)
                position = list(element).index(child) + 1
                for offset, link in enumerate(links):
                    element.insert(position + offset, link)

    def _link(self, text):
        """Split `text` at the terms not linked yet: (text before, [<a> elements with tails])."""
        links, before, rest = [], None, text
        for match in self.pattern.finditer(text):
            anchor = self._anchor(match.group(0))
            if anchor is None or anchor in self.linked:
                continue
            self.linked.add(anchor)
            link = etree.Element("a", {"href": f"{self.url}#{anchor}", "class": "term-link"})
            link.text = match.group(0)
            start = match.start() - (len(text) - len(rest))
            if links:
                links[-1].tail = rest[:start]
            else:
                before = rest[:start]
            rest = rest[start + len(match.group(0)):]
            links.append(link)
        if not links:
            return text, []
        links[-1].tail = rest
        return before, links


class GlossaryLinks(Extension):
    def __init__(self, terms, url, **kwargs):
        self.terms, self.url = terms, url
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.treeprocessors.register(GlossaryLinkProcessor(md, self.terms, self.url), "glossary", 6)
