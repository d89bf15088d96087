"""Open data settings: the licence of the data, who publishes it, how to cite it and whom to contact.

In:  the `extra` mapping of mkdocs.yml (plain data): `licence`, `contact` and `open_data` (publisher, citation,
     attributions). The footer template reads `extra.licence` and `extra.contact` directly.
Out: a frozen `Publication` that the data page, the downloads' metadata, DCAT, schema.org and the API all read,
     so the licence is stated in one place.

    >>> pub = publication({"licence": {"id": "CC0-1.0"}, "contact": {"email": "data@example.nl"}})  # extra
    >>> pub.licence.name, pub.contact_email
    ('CC0 1.0 Universeel (publiek domein)', 'data@example.nl')

The licence is one of `LICENCES` by its SPDX id; an unknown id is an error (ConfigError), because a licence
spelt wrongly in the metadata would tell harvesters something nobody decided.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ConfigError(ValueError):
    """A wrong open-data setting in mkdocs.yml; `line()` finds where it was written."""

    def __init__(self, field: str, value: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.value, self.message = field, value, message

    def line(self, config_file) -> int:
        """The line of mkdocs.yml that sets the value (0 when it is not written there, e.g. left out)."""
        key = self.field.rsplit(".", 1)[-1]
        try:
            lines = config_file.read_text(encoding="utf-8").split("\n")
        except OSError:
            return 0
        section = self.field.split(".")[-2]  # 'licence' in extra.licence.id
        inside = False
        for number, text in enumerate(lines, 1):
            inside = inside or text.strip() == f"{section}:"
            if inside and text.strip().startswith(f"{key}:") and self.value in text:
                return number
        return 0


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX id
    name: str  # Dutch name for people
    url: str  # the licence text (schema.org, the API, the footer)
    uri: str  # the value data.overheid.nl's licence list (donl:License) uses in DCAT
    attribution_required: bool


LICENCES = {
    "CC0-1.0": Licence("CC0-1.0", "CC0 1.0 Universeel (publiek domein)",
                       "https://creativecommons.org/publicdomain/zero/1.0/deed.nl",
                       "http://creativecommons.org/publicdomain/zero/1.0/deed.nl", False),
    "CC-BY-4.0": Licence("CC-BY-4.0", "Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)",
                         "https://creativecommons.org/licenses/by/4.0/deed.nl",
                         "http://creativecommons.org/licenses/by/4.0/deed.nl", True),
}


@dataclass(frozen=True)
class Attribution:
    """Third-party data inside the site under its own licence (the map boundaries), with its required credit."""

    what: str
    credit: str
    licence: str  # SPDX id


@dataclass(frozen=True)
class Publication:
    licence: Licence = LICENCES["CC0-1.0"]
    publisher: str = "Samenwerkingscatalogus"
    publisher_url: str = ""
    # the publisher as data.overheid.nl knows it (donl_organization / TOOI); empty: the publisher's own URL
    publisher_uri: str = ""
    contact_name: str = "Redactie Samenwerkingscatalogus"
    contact_email: str = ""
    contact_url: str = ""
    citation: str = ""  # how to cite; "{jaar}" and "{datum}" are filled with the data's date
    attributions: tuple[Attribution, ...] = field(default_factory=tuple)

    def cite(self, title: str, date: str, url: str, date_label: str = "") -> str:
        """The citation advice for data of `date` (YYYY-MM-DD; `date_label` is how it is written, default the same):
        'Samenwerkingscatalogus (2025). …, gegevens van 1 maart 2025. https://…'."""
        template = self.citation or "{uitgever} ({jaar}). {titel}, gegevens van {datum}. {url}"
        return template.format(uitgever=self.publisher, jaar=date[:4], datum=date_label or date, titel=title, url=url)


def publication(extra: dict[str, Any] | None) -> Publication:
    """`extra` of mkdocs.yml -> Publication; missing keys keep the defaults."""
    extra = extra or {}
    data = extra.get("open_data") or {}
    licence_id = str((extra.get("licence") or {}).get("id") or "CC0-1.0")
    if licence_id not in LICENCES:
        raise ConfigError("extra.licence.id", licence_id,
                          f"{licence_id!r} is not a known licence; allowed: {', '.join(sorted(LICENCES))}")
    publisher = data.get("publisher") or {}
    contact = extra.get("contact") or {}
    attributions = tuple(
        Attribution(str(a.get("what") or ""), str(a.get("credit") or ""), str(a.get("licence") or ""))
        for a in (data.get("attributions") or []) if isinstance(a, dict)
    )
    defaults = Publication()
    return Publication(
        licence=LICENCES[licence_id],
        publisher=str(publisher.get("name") or defaults.publisher),
        publisher_url=str(publisher.get("url") or ""),
        publisher_uri=str(publisher.get("uri") or ""),
        contact_name=str(contact.get("name") or defaults.contact_name),
        contact_email=str(contact.get("email") or ""),
        contact_url=str(contact.get("url") or ""),
        citation=str(data.get("citation") or ""),
        attributions=attributions,
    )
