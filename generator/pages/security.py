"""/.well-known/security.txt (RFC 9116); contact and expiry come from mkdocs.yml (extra.security). Not a page
MkDocs builds (it skips dot-folders): build.py writes it into the built site."""
from __future__ import annotations

from .common import SiteConfig


def security_txt(config: SiteConfig) -> str:
    lines = [f"Contact: {config.security_contact}", f"Expires: {config.security_expires}",
             "Preferred-Languages: nl, en"]
    if config.site_url:
        lines.append(f"Canonical: {config.site_url.rstrip('/')}/.well-known/security.txt")
    return "\n".join(lines) + "\n"
