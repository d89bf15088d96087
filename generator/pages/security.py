"""/.well-known/security.txt (RFC 9116); contact and expiry come from mkdocs.yml (extra.security). Not a page
MkDocs builds (it skips dot-folders): build.py writes it into the built site.

RFC 9116 puts the file at the host's /.well-known/, not under a path, so `Canonical` names
https://<host>/.well-known/security.txt even when the site lives under a project path (GitHub Pages'
https://<owner>.github.io/<repo>/): that is where the host's own copy must be served."""
from __future__ import annotations

from urllib.parse import urlsplit

from .common import SiteConfig


def security_txt(config: SiteConfig) -> str:
    lines = [f"Contact: {config.security_contact}", f"Expires: {config.security_expires}",
             "Preferred-Languages: nl, en"]
    if config.site_url:
        site = urlsplit(config.site_url)
        lines.append(f"Canonical: {site.scheme}://{site.netloc}/.well-known/security.txt")
    return "\n".join(lines) + "\n"
