"""Files that let robots and browsers find their way: /robots.txt (with the sitemap) and /opensearch.xml (so a
browser can add the finder as a search engine; every page links it with <link rel="search">)."""
from __future__ import annotations

from ..text import html_text
from .common import Page, Site

OPENSEARCH = "opensearch.xml"
ROBOTS = "robots.txt"
SHORT_NAME = "Samenwerking"  # OpenSearch allows at most 16 characters


def pages(site: Site) -> list[Page]:
    base = (site.config.site_url.rstrip("/") + "/") if site.config.site_url else "/"
    return [Page(ROBOTS, "", {"text": robots_txt(base)}), Page(OPENSEARCH, "", {"text": opensearch_xml(site, base)})]


def robots_txt(base: str) -> str:
    """Everything may be crawled except Pagefind's index fragments (not pages); the sitemap is MkDocs'."""
    lines = ["User-agent: *", "Allow: /", "Disallow: /pagefind/"]
    if base.startswith("http"):
        lines.append(f"Sitemap: {base}sitemap.xml")
    return "\n".join(lines) + "\n"


def opensearch_xml(site: Site, base: str) -> str:
    name = html_text(site.config.site_name)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
        f"  <ShortName>{html_text(SHORT_NAME)}</ShortName>\n"
        f"  <LongName>{name}</LongName>\n"
        "  <Description>Zoek projecten van gemeenten en zorgverzekeraars</Description>\n"
        "  <InputEncoding>UTF-8</InputEncoding>\n"
        "  <Language>nl-nl</Language>\n"
        f'  <Url type="text/html" method="get" template="{html_text(base)}zoeken/?q={{searchTerms}}"/>\n'
        f'  <Url type="application/opensearchdescription+xml" rel="self" template="{html_text(base)}{OPENSEARCH}"/>\n'
        "</OpenSearchDescription>\n"
    )
