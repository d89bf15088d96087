"""The real catalogue built with MkDocs --strict: a page for every item, meta tags, edit links, no third parties."""
from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import ROOT

CONTENT = ROOT / "content"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content", "")
        for attribute in ("href", "src"):
            if attrs.get(attribute):
                self.refs.append((tag, attribute, attrs[attribute]))


@functools.lru_cache(maxsize=None)
def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page(site: Path, url_path: str) -> Path:
    return site / url_path.strip("/") / "index.html"


def ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (CONTENT / folder).glob("*.yml") if not p.name.startswith("_"))


def test_every_content_item_has_a_page(real_site):
    site = real_site / "site"
    import yaml

    for folder, url in [("projects", "projecten"), ("regions", "regios"), ("sources", "bronnen")]:
        for item in ids(folder):
            assert page(site, f"{url}/{item}").is_file(), f"no page for {folder}/{item}"
    taxonomy = yaml.safe_load((CONTENT / "taxonomy.yml").read_text(encoding="utf-8"))
    for theme in taxonomy["themes"]:
        assert page(site, f"themas/{theme['id']}").is_file()
    register = yaml.safe_load((CONTENT / "municipalities.yml").read_text(encoding="utf-8"))
    for municipality in register["municipalities"]:
        assert page(site, f"gemeenten/{municipality['id']}").is_file()
    for insurer in yaml.safe_load((CONTENT / "insurers.yml").read_text(encoding="utf-8"))["insurers"]:
        assert page(site, f"verzekeraars/{insurer['id']}").is_file()
    for index in ["", "projecten", "regios", "themas", "gemeenten", "verzekeraars", "bronnen", "handreiking", "over", "bijdragen"]:
        assert page(site, index).is_file(), index


def test_project_page_meta_and_edit_link(real_site):
    import yaml

    pid = ids("projects")[0]
    data = yaml.safe_load((CONTENT / "projects" / f"{pid}.yml").read_text(encoding="utf-8"))
    parsed = parse(page(real_site / "site", f"projecten/{pid}"))
    assert parsed.lang == "nl"
    assert parsed.meta["description"] == " ".join(data["summary"].split())
    edit = [v for tag, a, v in parsed.refs if "/edit/main/" in v]
    assert edit and all(v.endswith(f"content/projects/{pid}.yml") for v in edit)


def test_all_internal_links_and_anchors_resolve(real_site):
    site = real_site / "site"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    prefix = urlparse(re.search(r"^site_url: (\S+)", config, re.M).group(1)).path
    broken = []
    for html in sorted(site.rglob("*.html")):
        parsed = parse(html)
        for tag, attribute, value in parsed.refs:
            url = urlparse(value)
            if url.scheme or value.startswith(("//", "mailto:")):
                continue
            if url.path.startswith(prefix):  # the 404 page links absolutely, under site_url's path
                target = (site / url.path[len(prefix):]).resolve()
            else:
                target = (html.parent / url.path).resolve() if url.path else html
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html.relative_to(site)}: {value}")
            elif url.fragment and target.suffix == ".html" and url.fragment not in parse(target).ids:
                broken.append(f"{html.relative_to(site)}: {value} (anchor)")
    assert broken == []


def test_no_third_party_assets(real_site):
    site = real_site / "site"
    for html in sorted(site.rglob("*.html")):
        for tag, attribute, value in parse(html).refs:
            if tag in {"script", "link", "img", "iframe", "source", "video", "audio"} and attribute in {"src", "href"}:
                host = urlparse(value).netloc
                assert not host or tag == "link" and value.startswith("https://samenwerkingscatalogus"), f"{html}: {value}"
    css = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_feed_is_valid_atom_with_absolute_links(real_site):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(real_site / "site" / "nieuw" / "feed.xml").getroot()
    assert root.tag == f"{atom}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{atom}{required}").text
    entries = root.findall(f"{atom}entry")
    assert 0 < len(entries) <= 50
    dates = [e.find(f"{atom}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert root.find(f"{atom}updated").text == dates[0]
    for entry in entries:
        url = entry.find(f"{atom}id").text
        assert url.startswith("https://") and url.endswith("/")
        pid = url.rstrip("/").rsplit("/", 1)[1]
        assert page(real_site / "site", f"projecten/{pid}").is_file()


def test_every_page_has_link_preview_tags(real_site):
    site = real_site / "site"
    for html in sorted(site.rglob("index.html")):
        parsed = parse(html)
        if parsed.meta.get("og:title") is None and "location.replace" in html.read_text(encoding="utf-8"):
            continue  # redirect pages
        for tag in ("og:title", "og:description", "og:url", "twitter:card", "description"):
            assert parsed.meta.get(tag), f"{html.relative_to(site)}: no {tag}"


def test_security_txt_has_contact_and_a_future_expiry(real_site):
    import datetime as dt

    text = (real_site / "site" / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in text.strip().splitlines())
    assert fields["Contact"].startswith(("mailto:", "https://"))
    expires = dt.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    # Fails when the configured date passes: renew extra.security.expires in mkdocs.yml.
    assert expires > dt.datetime.now(dt.timezone.utc)


def test_security_txt_canonical_is_at_the_host_root(real_site):
    """RFC 9116: the file's place is the host's /.well-known/, not the project path the site is served under."""
    text = (real_site / "site" / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in text.strip().splitlines())
    assert fields["Canonical"] == "https://samenwerkingscatalogus.github.io/.well-known/security.txt"
