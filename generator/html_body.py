"""HTML page bodies: the rule that says a generated page is already HTML, and the Python-Markdown
extension that lets MkDocs pass such a body through in one piece.

The generator knows most of what it writes as HTML already (lists of links, tables of facts, editors'
Markdown rendered once by `text.rich`). Re-parsing that as Markdown is most of a MkDocs build, so a
template may emit its body as HTML instead. A body counts as HTML when

* its first line starts with a block-level HTML tag (`<div`, `<nav`, `<section`, `<h1`, `<table`, ...),
* it has no blank line (so CommonMark engines see one HTML block too), and
* no tag opts into Markdown with a `markdown` attribute (md_in_html);

or when it is empty (a redirect page's).

Every Markdown engine prints such a body unchanged (CommonMark calls it one HTML block; Python-Markdown
keeps raw block HTML), so the generated folder stays plain `.md` files any MkDocs-compatible engine can
build. Links in it must be final browser addresses (`../regios/achterhoek/`), not `.md` paths: no engine
rewrites links inside raw HTML. Headings that should appear in the page's table of contents carry an
explicit `id`.

    >>> is_html_body('<nav class="kruimel">...</nav>\\n<h1 id="x">X</h1>\\n')
    True
    >>> is_html_body('# Titel\\n\\nTekst\\n')
    False

With MkDocs, `markdown_extensions: [generator.html_body]` adds the fast path (`HtmlBodyExtension`): a
preprocessor hands the whole body to Python-Markdown's HTML stash as one block, so no block or inline
processor ever sees it, and the table of contents (and the permalink after each heading, as the `toc`
extension's settings say) is made from the headings' ids. A Markdown body goes the usual way. The
output is the same HTML the `toc` extension would give for the same headings.

A heading that keeps its id (a link target) but stays out of the table of contents and gets no permalink, as a
raw HTML heading in a Markdown page does, says so with `data-toc="nee"`; the attribute is dropped from the
output (as the `toc` extension drops `data-toc-label`):

    >>> convert('<h2 id="a" data-toc="nee">A</h2>', {"permalink": True})
    ('<h2 id="a">A</h2>', [])
"""
from __future__ import annotations

import html
import re

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

_FIRST_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)[\s/>]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[A-Za-z][^>]*\smarkdown(?:\s*=|[\s/>])")
_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<[^>]*>")
NO_TOC = ' data-toc="nee"'  # on a heading: not in the table of contents, no permalink (dropped from the output)
# An id (or <a name>) in a tag: the first such attribute of each tag counts, as this expression finds them.
ANCHOR_ID = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# The same attribute found by its name first: an expression that starts with a literal is searched for as a
# string, one that starts with `<[A-Za-z]` is tried at every tag (a quarter of a large build's page reading).
_NAMED = tuple(re.compile(name + r"""\s*=\s*(?:"([^"]*)"|'([^']*)')""") for name in ("id", "name"))
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

# The block-level tags Python-Markdown knows (CommonMark's list is a superset of what pages start with).
BLOCK_TAGS = frozenset(markdown.Markdown().block_level_elements) | {"nav", "aside", "header", "footer"}


def is_html_body(text: str) -> bool:
    """True when a page body (without its front matter) is one block of HTML, by the rule above."""
    body = text.strip("\n")
    if not body.strip():
        return True  # an empty body (a redirect page) is empty in every engine
    match = _FIRST_TAG.match(body)
    if not match or match.group(1).lower() not in BLOCK_TAGS:
        return False
    # (the attribute's expression only where the word is: it tries every tag, the word is a string search)
    return not _BLANK_LINE.search(body) and not ("markdown" in body and _MARKDOWN_ATTRIBUTE.search(body))


def anchor_ids(text: str) -> set[str]:
    """Every id (and <a name>) in an HTML body: what other pages may link to with #fragment. The ids
    ANCHOR_ID finds (tests/test_speed.py compares them), found by their attribute names: each `id=` or
    `name=` after a space counts when a tag opens before it with no `>` in between, and it is the first
    of that tag (ANCHOR_ID's matches do not overlap: the next one starts in a later tag)."""
    found: set[str] = set()
    done = 0  # where the last counted attribute ends
    matches = [expression.search(text) for expression in _NAMED]
    while any(matches):
        which = min((i for i, m in enumerate(matches) if m), key=lambda i: matches[i].start())
        match = matches[which]
        space = match.start() - 1
        counted = False
        if space > done and text[space].isspace():
            low = max(text.rfind(">", 0, space) + 1, done)
            opening = text.rfind("<", low, space - 1) if space - 1 > low else -1
            while opening >= 0 and text[opening + 1] not in _LETTERS:
                opening = text.rfind("<", low, opening) if opening > low else -1
            counted = opening >= 0
        if counted:
            quoted, apostrophed = match.groups()
            found.add(quoted if quoted is not None else apostrophed)
            done = match.end()
            matches = [m if m is None or m.start() >= done else expression.search(text, done)
                       for m, expression in zip(matches, _NAMED)]
        else:
            matches[which] = _NAMED[which].search(text, match.start() + 1)
    return found


def _heading_name(inner: str) -> str:
    """The heading text as the table of contents shows it: tags dropped, entities kept, spaces collapsed."""
    return " ".join(_TAG.sub("", inner).split())


def convert(text: str, toc: dict | None) -> tuple[str, list[dict]]:
    """An HTML body as Python-Markdown with the `toc` extension (settings `toc`, or None without it) turns
    it out: the same HTML with a permalink in each heading that has an id, and the table of contents (toc
    tokens, nested by level)."""
    headings: list[tuple[int, str, str, str]] = []
    permalink = toc.get("permalink", False) if toc else False
    if permalink in ("false", "False", 0, None, ""):
        permalink = False

    def heading(match: re.Match) -> str:
        level, attributes, inner = match.groups()
        if NO_TOC in attributes:
            return f"<h{level}{attributes.replace(NO_TOC, '', 1)}>{inner}</h{level}>"
        found = _ID.search(attributes)
        if not found:
            return match.group(0)
        anchor = found.group(1) if found.group(1) is not None else found.group(2)
        headings.append((int(level), anchor, _heading_name(inner), inner.strip()))
        if not permalink:
            return match.group(0)
        label = "&para;" if permalink in (True, 1, "true", "True") else permalink
        title = toc.get("permalink_title", "Permanent link")
        title = f' title="{html.escape(title)}"' if title else ""
        link = f'<a class="{html.escape(toc.get("permalink_class", "headerlink"))}" href="#{anchor}"{title}>{label}</a>'
        inner = link + inner if toc.get("permalink_leading") else inner + link
        return f"<h{level}{attributes}>{inner}</h{level}>"

    body = _HEADING.sub(heading, text.strip("\n"))
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, anchor, name, inner in headings:
        token = {"level": level, "id": anchor, "name": name, "html": inner, "data-toc-label": "", "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return body, tokens


class _Stash(Preprocessor):
    """Replace an HTML body by one stash placeholder; remember its table of contents."""

    def __init__(self, md: markdown.Markdown, extension: "HtmlBodyExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.tokens = None
        text = "\n".join(lines)
        if not is_html_body(text):
            return lines
        body, self.extension.tokens = convert(text, self.extension.toc_config())
        return [self.md.htmlStash.store(body)]


class _Contents(Treeprocessor):
    """After the `toc` extension (which found no headings in the placeholder): the table of contents of
    the HTML body."""

    def __init__(self, md: markdown.Markdown, extension: "HtmlBodyExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        if self.extension.tokens is not None:
            self.md.toc_tokens = self.extension.tokens
        return None


class HtmlBodyExtension(Extension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tokens: list[dict] | None = None
        self.md: markdown.Markdown | None = None

    def toc_config(self) -> dict | None:
        for extension in self.md.registeredExtensions:
            if type(extension).__name__ == "TocExtension":
                return extension.getConfigs()
        return None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.md = md
        md.registerExtension(self)
        # After whitespace normalisation (30), before MkDocs' anchor scan (21: it feeds the whole page to
        # html.parser, a fifth of a build of HTML bodies) and raw HTML blocks (20). The anchors of an HTML body
        # are found by `anchor_ids` instead (mkdocs_hooks.on_page_content).
        md.preprocessors.register(_Stash(md, self), "catalogus_html_body", 25)
        md.treeprocessors.register(_Contents(md, self), "catalogus_html_toc", 1)

    def reset(self) -> None:
        self.tokens = None


def makeExtension(**kwargs) -> HtmlBodyExtension:  # noqa: N802 (Python-Markdown's entry point name)
    return HtmlBodyExtension(**kwargs)
