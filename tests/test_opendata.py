"""Open data in the built site: licence and contact on /data/, DCAT-AP-DONL (rdflib), schema.org JSON-LD (rdflib's
JSON-LD parser), the /api/v1/ files (jsonschema) agreeing with the pages, the Frictionless data package
(frictionless), the CSV for Dutch spreadsheet programs (pandas), robots.txt and OpenSearch."""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from conftest import MINI, ROOT, run_cli
from generator import api as api_module
from generator.build import site_config
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.export import SPREADSHEET_CSV, spreadsheet_csv
from generator.opendata import LICENCES, ConfigError, publication

rdflib = pytest.importorskip("rdflib")
from rdflib import RDF, Namespace, URIRef  # noqa: E402
from rdflib.compare import isomorphic  # noqa: E402

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SDO = Namespace("https://schema.org/")
CONFIG = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "x", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
SITE_URL = CONFIG["site_url"]
# rdflib's JSON-LD parser warns about its own internals (ConjunctiveGraph); nothing this project can change
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site / "site"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "content", Diagnostics())


def local(site: Path, url: str) -> Path:
    """The built file behind an absolute address of the site."""
    assert url.startswith(SITE_URL), url
    path = url.removeprefix(SITE_URL).split("#")[0]
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


# --- licence and config ------------------------------------------------------------------------------------------
def test_licence_in_mkdocs_yml_is_the_one_the_generator_states():
    config = CONFIG["extra"]
    licence = LICENCES[config["licence"]["id"]]
    # the footer (a template) prints name and url from the config; they must say what the metadata says
    assert (config["licence"]["name"], config["licence"]["url"]) == (licence.name, licence.url)
    assert site_config(ROOT / "mkdocs.yml").publication.licence == licence


def test_unknown_licence_is_a_clear_error_with_line(tmp_path):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("    id: CC0-1.0", "    id: MIT")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        site_config(tmp_path / "mkdocs.yml")
    line = text.split("\n").index("    id: MIT") + 1
    assert info.value.line(tmp_path / "mkdocs.yml") == line
    assert info.value.message == "'MIT' is not a known licence; allowed: CC-BY-4.0, CC0-1.0"
    assert publication({"licence": {"id": "CC-BY-4.0"}}).licence.attribution_required


def test_data_page_states_licence_citation_and_contact(site):
    html = (site / "data" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    config = CONFIG["extra"]
    assert config["licence"]["name"] in text and f'href="{config["licence"]["url"]}"' in html
    assert f'href="mailto:{config["contact"]["email"]}"' in html
    metadata = json.loads((site / "data" / "metadata.json").read_text("utf-8"))
    year = metadata["modified"][:4]
    assert "Zo verwijst u naar de catalogus" in text and f"{config['open_data']['publisher']['name']} ({year})." in text
    assert 'href="projecten-excel.csv"' in html and "© CBS / Kadaster" in text  # map boundaries keep their credit
    for name in ("dcat.rdf", "dcat.jsonld", "datapackage.json", "projecten.csv", "projecten.json", "projecten.xlsx"):
        assert f'href="{name}"' in html and (site / "data" / name).is_file()


# --- DCAT-AP-DONL ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dcat_graph(site):
    xml_graph = rdflib.Graph().parse(site / "data" / "dcat.rdf", format="xml")
    jsonld_graph = rdflib.Graph().parse(site / "data" / "dcat.jsonld", format="json-ld")
    assert isomorphic(xml_graph, jsonld_graph)  # the two serialisations say the same
    return xml_graph


def test_dcat_has_every_property_dcat_ap_donl_requires(dcat_graph, catalogue, site):
    g = dcat_graph
    (dataset,) = list(g.subjects(RDF.type, DCAT.Dataset))
    (catalog,) = list(g.subjects(RDF.type, DCAT.Catalog))
    assert (catalog, DCAT.dataset, dataset) in g
    for prop in (DCT.title, DCT.description, DCT.identifier, DCT.language, DCT.license, DCT.publisher, DCT.creator,
                 DCAT.contactPoint, DCAT.theme, ADMS.status, DCAT.distribution, DCT.modified, DCT.temporal):
        assert g.value(dataset, prop) is not None, f"dataset lacks {prop}"
    assert g.value(dataset, DCT.title).language == "nl"
    assert g.value(dataset, DCT.license) == URIRef(LICENCES[CONFIG["extra"]["licence"]["id"]].uri)
    assert str(g.value(dataset, DCAT.theme)).startswith("http://standaarden.overheid.nl/owms/terms/")
    contact = g.value(dataset, DCAT.contactPoint)
    assert g.value(contact, VCARD.fn) is not None
    assert g.value(contact, VCARD.hasEmail) == URIRef("mailto:" + CONFIG["extra"]["contact"]["email"])
    assert g.value(g.value(dataset, DCT.publisher), FOAF.name) is not None
    newest = max(e.item.updated for e in catalogue.projects.values())
    assert g.value(dataset, DCT.modified).toPython() == newest
    start = g.value(g.value(dataset, DCT.temporal), DCAT.startDate).toPython()
    # from the earliest reference date in the content (most facts are "stand 2017")
    assert start.isoformat() == f"{min(int(e.item.reference_date[:4]) for e in catalogue.projects.values())}-01-01"
    distributions = list(g.objects(dataset, DCAT.distribution))
    formats = set()
    for dist in distributions:
        for prop in (DCT.title, DCT.description, DCT.license, DCAT.accessURL, DCT["format"]):
            assert g.value(dist, prop) is not None, f"{dist} lacks {prop}"
        formats.add(str(g.value(dist, DCT["format"])).rsplit("/", 1)[-1])
        download = g.value(dist, DCAT.downloadURL) or g.value(dist, DCAT.accessURL)
        file = local(site, str(download))
        assert file.is_file(), f"{download} is not in the built site"
        if g.value(dist, DCAT.byteSize) is not None:
            assert int(g.value(dist, DCAT.byteSize)) == file.stat().st_size
    assert formats == {"CSV", "XLSX", "JSON"}
    api = [d for d in distributions if str(d).endswith("/api/v1/")]
    assert len(api) == 1 and local(site, str(g.value(api[0], DCT.conformsTo))).is_file()


# --- schema.org JSON-LD ------------------------------------------------------------------------------------------
def jsonld_of(html_file: Path) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html_file.read_text("utf-8"), re.S)
    assert len(scripts) == 1, f"{html_file}: {len(scripts)} JSON-LD blocks"
    return json.loads(scripts[0])


def schema_graph(data: dict):
    """Parse schema.org JSON-LD without fetching https://schema.org's context: the same vocabulary, locally."""
    assert data["@context"] == "https://schema.org"
    return rdflib.Graph().parse(data=json.dumps({**data, "@context": {"@vocab": "https://schema.org/"}}),
                                format="json-ld")


def test_data_page_describes_the_dataset_and_its_downloads(site):
    g = schema_graph(jsonld_of(site / "data" / "index.html"))
    (dataset,) = list(g.subjects(RDF.type, SDO.Dataset))
    assert str(g.value(dataset, SDO.license)) == LICENCES[CONFIG["extra"]["licence"]["id"]].url
    assert re.fullmatch(r"(19|20)\d\d/\.\.", str(g.value(dataset, SDO.temporalCoverage)))
    downloads = list(g.objects(dataset, SDO.distribution))
    assert len(downloads) >= 6
    for d in downloads:
        assert (d, RDF.type, SDO.DataDownload) in g
        assert local(site, str(g.value(d, SDO.contentUrl))).is_file()
        assert g.value(d, SDO.encodingFormat) is not None


class Page(HTMLParser):
    """h1 text, the summary, links inside the article and text of a built page."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <article>
        self.h1 = None
        self.in_h1 = False
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])
        if self.depth and tag == "h1":
            self.in_h1, self.h1 = True, ""

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.in_h1:
            self.h1 += data
        if self.depth:
            self.text.append(data)


def linked_ids(page_url: str, hrefs: list[str], folder: str) -> set[str]:
    out = set()
    for href in hrefs:
        path = urlparse(urljoin(page_url, href)).path
        match = re.fullmatch(rf"/{folder}/([a-z0-9-]+)/", path)
        if match:
            out.add(match.group(1))
    return out


def test_every_project_page_agrees_with_its_json(site, catalogue):
    for pid in catalogue.projects:
        data = json.loads((site / "api" / "v1" / "projecten" / f"{pid}.json").read_text("utf-8"))
        html_file = site / "projecten" / pid / "index.html"
        parser = Page()
        parser.feed(html_file.read_text("utf-8"))
        url = f"/projecten/{pid}/"
        text = " ".join(" ".join(parser.text).split())
        assert data["id"] == pid and local(site, data["page"]) == html_file
        assert " ".join(parser.h1.replace("¶", "").split()) == " ".join(data["title"].split()), pid
        assert " ".join(data["summary"].split()) in text, pid
        assert linked_ids(url, parser.hrefs, "regios") == set(data["regions"]), pid
        assert linked_ids(url, parser.hrefs, "verzekeraars") == set(data["insurers"]), pid
        assert linked_ids(url, parser.hrefs, "themas") == set(data["themes"]), pid
        current = {catalogue.current_municipality[mid] for mid in data["municipalities"]}
        assert linked_ids(url, parser.hrefs, "gemeenten") == current, pid
        # the page's own JSON-LD says the same
        ld = jsonld_of(html_file)
        g = schema_graph(ld)
        (project,) = list(g.subjects(RDF.type, SDO.Project))
        assert str(g.value(project, SDO.name)) == data["title"] and str(g.value(project, SDO.identifier)) == pid
        areas = {str(g.value(a, SDO.name)) for a in g.objects(project, SDO.areaServed)}
        names = {catalogue.regions[r].item.name for r in data["regions"]}
        if data.get("whole_region") or not data["municipalities"]:
            assert {f"Wmo-regio {n}" for n in names} <= areas, pid
        assert len(areas) >= len(data["municipalities"])
        members = {str(g.value(x, SDO.name)) for x in g.objects(project, SDO.member)}
        assert {catalogue.insurers[i].name for i in data["insurers"]} <= members, pid


# --- the API -----------------------------------------------------------------------------------------------------
def test_every_api_file_follows_its_published_schema(site, catalogue):
    jsonschema = pytest.importorskip("jsonschema")
    folder = site / "api" / "v1"
    schemas = {p.name.removesuffix(".schema.json"): json.loads(p.read_text("utf-8"))
               for p in (folder / "schema").glob("*.schema.json")}
    assert set(schemas) == set(api_module.SCHEMA_NAMES)
    checked = 0
    for file in sorted(folder.rglob("*.json")):
        kind = api_module.schema_for(file.relative_to(site).as_posix())
        if not kind:
            continue
        jsonschema.validate(json.loads(file.read_text("utf-8")), schemas[kind],
                            format_checker=jsonschema.FormatChecker())
        checked += 1
    counts = {name: len(list((folder / name).glob("*.json"))) for name in ("projecten", "regios", "themas",
                                                                             "gemeenten", "verzekeraars")}
    assert counts == {"projecten": len(catalogue.projects), "regios": len(catalogue.regions),
                      "themas": len(catalogue.taxonomy.themes), "gemeenten": len(catalogue.municipalities),
                      "verzekeraars": len(catalogue.insurers)}
    topics = len(api_module.topics_of(catalogue))
    assert len(list((folder / "onderwerpen").glob("*.json"))) == topics
    # every item file, one listing per collection (topics' once there are topics) and the index
    assert checked == sum(counts.values()) + len(counts) + topics + bool(topics) + 1


def test_api_index_lists_what_exists_and_the_licence(site, catalogue):
    index = json.loads((site / "api" / "v1" / "index.json").read_text("utf-8"))
    assert index["licence"]["id"] == CONFIG["extra"]["licence"]["id"]
    assert index["modified"] == max(e.item.updated for e in catalogue.projects.values()).isoformat()
    for name, url in index["collections"].items():
        listing = json.loads(local(site, url).read_text("utf-8"))
        assert listing["collection"] == name and listing["count"] == len(listing["items"])
        for item in listing["items"]:
            assert local(site, item["api"]).is_file() and local(site, item["page"]).is_file()
    # topics appear exactly when the catalogue has them (the search work adds them)
    assert ("onderwerpen" in index["collections"]) == bool(api_module.topics_of(catalogue))


def test_municipality_files_carry_former_names_and_projects(site, catalogue):
    former_id, (former, current) = next(iter(sorted(catalogue.former_names.items())))
    data = json.loads((site / "api" / "v1" / "gemeenten" / f"{current}.json").read_text("utf-8"))
    assert former_id in {f["id"] for f in data["former"]}
    assert {p["id"] for p in data["projects"]} == set(catalogue.projects_by_municipality.get(current, []))
    # every project of a municipality (directly or for its whole region) is listed once
    assert not {p["id"] for p in data["projects"]} & {p["id"] for p in data["regional_projects"]}
    codes = [m["cbs_code"] for m in json.loads((site / "api" / "v1" / "gemeenten.json").read_text("utf-8"))["items"]]
    if api_module.cbs_code(next(iter(catalogue.municipalities.values()))):
        assert all(re.fullmatch(r"GM\d{4}", code) for code in codes)


# --- Frictionless data package -----------------------------------------------------------------------------------
def test_datapackage_validates_with_frictionless(site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["status"]["constraints"]["enum"] and fields["whole_region"]["type"] == "boolean"
    assert package["licenses"][0]["name"] == CONFIG["extra"]["licence"]["id"]


def test_frictionless_rejects_a_value_outside_the_model(site, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    for name in ("datapackage.json", "projecten.csv", SPREADSHEET_CSV):
        shutil.copy(site / "data" / name, tmp_path / name)
    csv_text = (tmp_path / "projecten.csv").read_text("utf-8")
    status = json.loads((site / "data" / "projecten.json").read_text("utf-8"))[0]["status"]
    header, rows = csv_text.split("\n", 1)
    broken = header + "\n" + rows.replace("," + status + ",", ",verzonnen-status,", 1)
    assert broken != csv_text
    (tmp_path / "projecten.csv").write_text(broken, encoding="utf-8")
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:
        resource.pop("bytes", None)  # the edit changed the size; the value check is what this test is about
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    errors = report.flatten(["fieldName", "type"])
    assert ["status", "constraint-error"] in errors


# --- the CSV for Dutch spreadsheet programs ----------------------------------------------------------------------
def test_spreadsheet_csv_reads_in_pandas_as_dutch_excel_would(site, catalogue):
    pandas = pytest.importorskip("pandas")
    raw = (site / "data" / SPREADSHEET_CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    table = pandas.read_csv(site / "data" / SPREADSHEET_CSV, sep=";", encoding="utf-8-sig", dtype=str,
                            keep_default_na=False)
    assert list(table.columns[:6]) == ["Id", "Naam", "Soort", "Samenvatting", "Omschrijving", "Wmo-regio's"]
    assert len(table) == len(catalogue.projects)
    rows = {row["Id"]: row for row in table.to_dict("records")}
    for pid, entry in catalogue.projects.items():
        p, row = entry.item, rows[pid]
        assert row["Naam"] == p.title
        assert row["Wmo-regio's"] == ", ".join(catalogue.regions[r].item.name for r in p.regions)  # labels, not ids
        assert row["Zorgverzekeraars"] == ", ".join(catalogue.insurers[i].name for i in p.insurers)
        assert row["Status"] == catalogue.term("statuses", p.status).label
        assert row["Hele regio"] == ("ja" if p.whole_region else "nee")
        assert not row["Doelen"].startswith("[")  # no JSON in cells
        assert row["Webpagina"] == f"{SITE_URL}projecten/{pid}/"
    multi = next(pid for pid, e in catalogue.projects.items() if len(e.item.municipalities) > 1)
    assert ", " in rows[multi]["Gemeenten"]


def test_spreadsheet_csv_neutralises_formulas(mini_copy):
    project = mini_copy / "projects" / "minimacontract-achterhoek.yml"
    project.write_text(project.read_text("utf-8").replace("title: Minimacontract", "title: '=HYPERLINK(\"x\")'"),
                       encoding="utf-8")
    catalogue = load_catalogue(mini_copy, Diagnostics())
    text = spreadsheet_csv(catalogue)
    assert ";\"'=HYPERLINK(\"\"x\"\")\";" in text


# --- robots.txt and OpenSearch -----------------------------------------------------------------------------------
def test_robots_txt_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    assert (site / "sitemap.xml").is_file()


def test_opensearch_description_points_at_the_finder(site):
    tree = ET.parse(site / "opensearch.xml")
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    assert len(tree.find("os:ShortName", ns).text) <= 16
    template = tree.find("os:Url[@type='text/html']", ns).get("template")
    assert template == f"{SITE_URL}zoeken/?q={{searchTerms}}"
    for page in ("index.html", "zoeken/index.html", "data/index.html"):
        html = (site / page).read_text("utf-8")
        href = re.search(r'<link rel="search" type="application/opensearchdescription\+xml"[^>]*href="([^"]+)"',
                         html).group(1)
        assert (site / page).parent.joinpath(href).resolve() == (site / "opensearch.xml").resolve()


def test_a_build_with_a_wrong_licence_stops_with_file_line_and_field(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("site_templates", "overrides", "generator"):
        (root / name).symlink_to(ROOT / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("    id: CC0-1.0", "    id: CC-BY-SA")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    line = text.split("\n").index("    id: CC-BY-SA") + 1
    result = run_cli("--root", str(root), "--content", str(MINI), "--out", str(tmp_path / "out"), "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"mkdocs.yml:{line}: extra.licence.id: 'CC-BY-SA' is not a known licence" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out" / "site").exists()


# --- golden files of the published data for the fixture catalogue ------------------------------------------------
GOLDEN_DATA = ROOT / "tests" / "golden" / "opendata"
GOLDEN_FILES = ["api/v1/index.json", "api/v1/projecten/minimacontract-achterhoek.json", "api/v1/gemeenten/molenlanden.json",
                "api/v1/regios.json", "data/dcat.rdf", "data/datapackage.json", "data/metadata.json",
                "data/projecten-excel.csv", "robots.txt", "opensearch.xml"]


def test_published_data_of_the_fixture_catalogue_matches_golden_files(tmp_path):
    """Regenerate with UPDATE_GOLDEN=1 pytest tests/test_opendata.py, then review `git diff tests/golden`."""
    import os

    from generator.build import Paths, generate

    paths = Paths.at(ROOT, MINI, tmp_path)
    result = generate(paths)
    assert not result.diagnostics, result.diagnostics.render()
    for name in GOLDEN_FILES:
        data = (paths.docs / name).read_bytes()
        if os.environ.get("UPDATE_GOLDEN") == "1":
            (GOLDEN_DATA / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN_DATA / name).write_bytes(data)
        assert data == (GOLDEN_DATA / name).read_bytes(), f"{name} differs from tests/golden/opendata/{name}"


def test_jsonld_in_front_matter_cannot_end_its_script_element():
    from generator.jsonld import front_matter

    data = {"name": "</script><script>alert('x & y')</script>", "description": 'regel\n"citaat" \\ \u2028'}
    value = yaml.safe_load("jsonld: " + front_matter(data))["jsonld"]  # as MkDocs reads the front matter
    assert not set("<>&") & set(value)  # printed raw into <script type="application/ld+json">
    assert json.loads(value) == data


def test_the_project_listing_joined_from_its_entries_is_the_listing_printed_whole():
    """api/v1/projecten.json is joined from each project's own entry (kept by a long-running process); it is the
    text json.dumps gives for the whole listing, also with no projects."""
    c = load_catalogue(ROOT / "content", Diagnostics())
    pub = site_config(ROOT / "mkdocs.yml").publication
    base = "https://voorbeeld.nl/"
    at = api_module._Addresses(base)
    listing = json.loads(api_module.api_files(c, base, pub)["api/v1/projecten.json"])
    assert listing["count"] == len(c.projects) == len(listing["items"])
    assert api_module.api_files(c, base, pub)["api/v1/projecten.json"] == api_module.dumps(listing)
    empty = api_module._listing(at, "projecten", [], "2026-01-01", pub)
    assert api_module._listing_text(empty, []) == api_module.dumps(empty)
