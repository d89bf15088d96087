"""Text: turn editors' text into Markdown that can never carry script.

Two kinds of text come from content:

* plain fields (titles, names, summaries): every character that means something
  to Markdown or HTML is escaped, so the reader sees exactly what was written;
* Markdown fields (description): rendered to HTML here with Python-Markdown and
  cleaned by nh3 (the ammonia sanitiser) with a short allow-list of tags and only
  http(s)/mailto links, then placed in the page as an HTML block.

    >>> plain("Zorg&Zekerheid <b>")
    'Zorg&amp;Zekerheid &lt;b&gt;'
    >>> rich("Zie [site](javascript:alert(1))")
    '<p>Zie <a rel="noopener noreferrer">site</a></p>'
"""
from __future__ import annotations

import functools
import html
import re

import markdown
import nh3

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#|!<>])")
_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "code", "pre", "blockquote",
    "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def plain(text: object) -> str:
    """Escape a plain text value for inline use in generated Markdown."""
    return _plain(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=262_144)  # titles and summaries appear on ten list pages each
def _plain(text: str) -> str:
    escaped = html.escape(text, quote=False)
    # '&' is already an entity; keep Markdown from reading emphasis, links, tables or attribute lists.
    escaped = _MARKDOWN_SPECIALS.sub(lambda m: "&#%d;" % ord(m.group(1)) if m.group(1) in "<>" else "\\" + m.group(1), escaped)
    return " ".join(escaped.split())


def html_text(text: object) -> str:
    """Escape a value for HTML text or a double-quoted attribute inside an HTML block of the page."""
    return html.escape(" ".join(str(text).split()), quote=True)


def html_content(text: object) -> str:
    """Escape a value for HTML text (not an attribute) in an HTML page body: `&`, `<` and `>` only, so the
    bytes equal what Python-Markdown wrote for the same text when the page was Markdown."""
    return html.escape(" ".join(str(text).split()), quote=False)


def attribute(text: object) -> str:
    """Escape a value for a double-quoted YAML front matter string or HTML attribute."""
    value = " ".join(str(text).split())
    return value.replace("\\", "\\\\").replace('"', '\\"')


def rich(text: str | None, headings: bool = False) -> str:
    """Render editor Markdown to sanitised HTML on one block (no blank lines, so it stays one HTML block).
    `headings`: keep `##` headings as <h2> (the guide's sections; a project description has none)."""
    if not text:
        return ""
    return _rich(text, headings)


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")


# A paragraph in which no character means anything to Markdown, HTML or the sanitiser: it starts with a letter
# (not a list number, heading, quote or indented code), stays on one line with no space at either end (no line
# break, no lazy continuation) and holds only letters, digits, spaces and punctuation that
# Python-Markdown prints unchanged and nh3 does not escape (no & < > * _ ` [ ] \\ { } # | ~, no U+00A0).
_PLAIN_PARAGRAPH = re.compile(r"[^\W\d_](?:[^\W_]|[ .,;:'\"()/%€?!=+@–—‘’“”…-])*(?<! )")


def _plain_paragraphs(text: str) -> str | None:
    """What Python-Markdown and nh3 together make of text that is only such paragraphs, one blank line apart
    (most editors' text): each paragraph in <p>, one per line. None for any other text. The two are compared
    over the real catalogue's texts and a generated set of near misses in tests/test_text.py."""
    paragraphs = text.split("\n\n")
    if all(_PLAIN_PARAGRAPH.fullmatch(p) for p in paragraphs):
        return "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return None


@functools.lru_cache(maxsize=100_000)
def _rich(text: str, headings: bool = False) -> str:
    # The cache makes a regeneration in a long-running process (`catalogus serve`) convert only new text.
    # Plain paragraphs without Python-Markdown (771 of the real catalogue's 878 texts): at 10,000 projects it
    # converted 17,000 texts, ~4 s before the generator forks, so on one core.
    simple = _plain_paragraphs(text)
    return simple if simple is not None else _markdown_html(text, headings)


def _markdown_html(text: str, headings: bool = False) -> str:
    # One Markdown instance, reset per text: building one per call cost as much as the conversion itself.
    rendered = _MARKDOWN.reset().convert(text)
    cleaned = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS | {"h2"} if headings else _ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # Braces would be read by Markdown extensions (attribute lists) or template engines further on.
    cleaned = cleaned.replace("{", "&#123;").replace("}", "&#125;")
    return "\n".join(line for line in cleaned.split("\n") if line.strip())
