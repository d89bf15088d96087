"""The bad-input corpus: each case breaks a copy of the fixture catalogue and names the exact lines an editor sees.

A case is (name, edits, expected). An edit is one of
    Patch(file, old, new)   replace the first `old` in `file` by `new` (the fixture must contain `old`)
    Write(file, data)       write `data` (text or bytes) to `file`, creating or replacing it
    Delete(file)            remove `file`
    Symlink(file, target)   make `file` a symbolic link to `target` (relative to the link's folder)
    Fifo(file)              make `file` a named pipe (reading it would wait forever)
    Sparse(file, size)      make `file` a sparse file of `size` bytes (reading it would take minutes)
`expected` is the full list of diagnostics, in the order `catalogus check` prints them.
Files are named relative to the folder that holds `content/`, as the messages show them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

P = "content/projects/minimacontract-achterhoek.yml"
I = "content/projects/inkoop-wijkgericht-werken-achterhoek.yml"
A = "content/projects/afstemmen-op-specifiek-thema-alblasserwaard-vijfheerenlanden.yml"
R = "content/regions/achterhoek.yml"
M = "content/municipalities.yml"
S = "content/sources/inventarisatie-2017.yml"
T = "content/taxonomy.yml"
N = "content/insurers.yml"
G = "content/handreiking/01-waarom.md"


@dataclass(frozen=True)
class Patch:
    file: str
    old: str
    new: str


@dataclass(frozen=True)
class Write:
    file: str
    data: str | bytes


@dataclass(frozen=True)
class Delete:
    file: str


@dataclass(frozen=True)
class Sparse:
    file: str
    size: int


@dataclass(frozen=True)
class Fifo:
    file: str


@dataclass(frozen=True)
class Symlink:
    file: str
    target: str


def fixture(file: str) -> str:
    return (MINI / file.removeprefix("content/")).read_text(encoding="utf-8")


def apply(root: Path, edit) -> None:
    """Apply one edit to the copy whose content folder is root/content."""
    target = root / edit.file
    if isinstance(edit, Patch):
        text = target.read_text(encoding="utf-8")
        assert edit.old in text, f"fixture changed: {edit.old!r} not in {edit.file}"
        target.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
    elif isinstance(edit, Write):
        target.parent.mkdir(parents=True, exist_ok=True)
        data = edit.data.encode("utf-8") if isinstance(edit.data, str) else edit.data
        target.write_bytes(data)
    elif isinstance(edit, Symlink):
        target.symlink_to(edit.target)
    elif isinstance(edit, Sparse):
        with open(target, "wb") as handle:
            handle.truncate(edit.size)
    elif isinstance(edit, Fifo):
        import os

        os.mkfifo(target)
    else:
        target.unlink()


def one(file: str, old: str, new: str) -> list[Patch]:
    return [Patch(file, old, new)]


COPY = "content/projects/minimacontract-kopie.yml"
# "Billion laughs": nine lines whose aliases expand to 10^9 values.
LAUGHS = "title: x\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9))

CASES = [
    # --- the first cases (single edits) -----------------------------------------------------------------
    ("unknown theme with suggestion", one(P, "themes: [minima]", "themes: [minimma]"),
     [f"{P}:8: themes[0]: 'minimma' is not a theme; did you mean 'minima'?"]),
    ("unknown key with suggestion", one(P, "scale: regionaal", "schaal: regionaal"),
     [f"{P}:11: schaal: 'schaal': unknown field; did you mean 'scale'?"]),
    ("wrong type", one(P, "whole_region: true", "whole_region: [ja]"),
     [f"{P}:6: whole_region: expected true or false, got a list"]),
    ("missing required field", one(P, "summary: Collectieve zorgverzekering voor inwoners met een laag inkomen in de hele Achterhoek.\n", ""),
     [f"{P}:1: summary: required field is missing"]),
    ("unknown region", one(P, "regions: [achterhoek]", "regions: [achterhoekk]"),
     [f"{P}:5: regions[0]: 'achterhoekk' is not a region; did you mean 'achterhoek'?"]),
    ("unknown insurer", one(P, "insurers: [menzis]", "insurers: [menzies]"),
     [f"{P}:7: insurers[0]: 'menzies' is not an insurer in insurers.yml; did you mean 'menzis'?"]),
    ("dangling source document", one(P, "document: inventarisatie-2017", "document: inventaris-2017"),
     [f"{P}:16: sources[0].document: 'inventaris-2017' is not a source document; did you mean 'inventarisatie-2017'?"]),
    ("page beyond the document", one(P, "page: 11", "page: 400"),
     [f"{P}:16: sources[0].page: page 400 does not exist: inventarisatie-2017 has 246 pages"]),
    ("impossible year", one(I, "period: {start: 2016, end: 2018}", "period: {start: 2016, end: 3018}"),
     [f"{I}:14: period.end: 3018 is out of range (input should be less than or equal to 2100)"]),
    ("end before start", one(I, "period: {start: 2016, end: 2018}", "period: {start: 2018, end: 2016}"),
     [f"{I}:14: period.end: end year 2016 is before start year 2018"]),
    ("bad reference date", one(P, "reference_date: '2017'", "reference_date: '17'"),
     [f"{P}:17: reference_date: '17' has the wrong form: use 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"]),
    ("bad added date", one(P, "added: '2024-05-02'", "added: '02-05-2024'"),
     [f"{P}:18: added: use the form YYYY-MM-DD, e.g. 2024-03-01"]),
    ("municipality outside its region", one(P, "whole_region: true", "municipalities: [aalten, gorinchem]"),
     [f"{P}:6: municipalities[1]: 'gorinchem' is not a municipality of region achterhoek; add its region to regions or fix the id"]),
    ("unknown municipality", one(I, "municipalities: [oost-gelre, aalten, doetinchem]", "municipalities: [oost-gelre, aalten, doetinchen]"),
     [f"{I}:4: municipalities[2]: 'doetinchen' is not a municipality in municipalities.yml; did you mean 'doetinchem'?"]),
    ("unknown form value in per-municipality form", one(I, "overige: doorontwikkelen", "overige: doorontwikkeling"),
     [f"{I}:10: form.overige: 'doorontwikkeling' is not a form; did you mean 'doorontwikkelen'?"]),
    ("javascript link", one(I, "status: lopend", "status: lopend\nlinks:\n  - {title: x, url: 'javascript:alert(1)'}"),
     [f"{I}:15: links[0].url: 'javascript:alert(1)' has the wrong form: use a full address starting with https://"]),
    ("region lists unknown municipality", one(R, "municipalities: [aalten, doetinchem, oost-gelre]", "municipalities: [aalten, doetinchem, oost-gelre, lochem]"),
     [f"{R}:2: municipalities[3]: 'lochem' is not a municipality in municipalities.yml; allowed: aalten, doetinchem, "
      "giessenlanden, gorinchem, molenlanden, molenwaard, oost-gelre"]),
    ("register points at unknown region", one(M, "region: achterhoek\n  - id: doetinchem", "region: achterhoekk\n  - id: doetinchem"),
     [f"{M}:5: municipalities[0].region: 'achterhoekk' is not a region; did you mean 'achterhoek'?"]),
    ("duplicate id in register", one(M, "  - id: gorinchem\n", "  - id: molenwaard\n    name: Molenwaard\n    code: GM1928\n    region: alblasserwaard-vijfheerenlanden\n  - id: gorinchem\n"),
     [f"{M}:22: municipalities[4].id: duplicate id 'molenwaard': already used for Molenlanden"]),
    # --- the register's CBS codes, splits and regions (maps) ----------------------------------------------
    ("region lists a municipality of another region", one(R, "municipalities: [aalten, doetinchem, oost-gelre]", "municipalities: [aalten, doetinchem, oost-gelre, gorinchem]"),
     [f"{R}:2: municipalities[3]: 'gorinchem' is in region 'alblasserwaard-vijfheerenlanden' in municipalities.yml, "
      "not in 'achterhoek'; remove it here or correct its region in the register"]),
    ("duplicate CBS code", one(M, "code: GM0222", "code: GM0197"),
     [f"{M}:8: municipalities[1].code: CBS code GM0197 is already used for Aalten"]),
    ("malformed CBS code", one(M, "code: GM0222", "code: GM222"),
     [f"{M}:8: municipalities[1].code: 'GM222' has the wrong form: use GM and four digits, the CBS municipality code, e.g. 'GM0363'"]),
    ("founding year before 2018", one(M, "founded: 2019", "founded: 2016"),
     [f"{M}:17: municipalities[3].founded: founded 2016: only a municipality that came into being after 2017 has a founding year"]),
    ("former municipality of 2017 without code", one(M, "year: 2019, code: GM0689}", "year: 2019}"),
     [f"{M}:20: municipalities[3].former[0].code: Giessenlanden still existed in 2017 (merged 2019); give its 2017 CBS code"]),
    ("split into an unknown municipality", one(M, "code: GM1927}", "code: GM1927, also_into: [gorinchem, gorinchm]}"),
     [f"{M}:21: municipalities[3].former[1].also_into[1]: 'gorinchm' is not a current municipality in municipalities.yml; did you mean 'gorinchem'?"]),
    # --- the bytes and the YAML syntax -----------------------------------------------------------------
    ("yaml syntax: unclosed list", one(P, "themes: [minima]", "themes: [minima"),
     [f"{P}:9: YAML syntax error: expected ',' or ']', but got ':' (in the [ ] list that starts on line 8)"]),
    ("yaml syntax: tab in indentation", one(I, "  overige: doorontwikkelen", "\toverige: doorontwikkelen"),
     [f"{I}:10: tab character in indentation; use spaces"]),
    ("yaml syntax: duplicate key", one(P, "status: lopend", "status: lopend\nstatus: gestopt"),
     [f"{P}:13: status: duplicate key; a field may appear only once"]),
    ("yaml syntax: two documents in one file", one(P, "status: lopend", "status: lopend\n---\ntitle: x"),
     [f"{P}:13: YAML syntax error: but found another document"]),
    ("yaml: a number as field name", one(P, "status: lopend", "status: lopend\n1: x"),
     [f"{P}:13: 1: a field name must be text; quote it if it is meant to be a name"]),
    ("yaml: a list as field name", one(P, "status: lopend", "status: lopend\n? [a, b]\n: x"),
     [f"{P}:13: a field name must be plain text, not a list or mapping"]),
    ("empty file", [Write(P, "")],
     [f"{P}:1: file is empty"]),
    ("file with only comments", [Write(P, "# nog invullen\n")],
     [f"{P}:1: file is empty"]),
    ("a list instead of fields", [Write(P, "- title: Minimacontract\n")],
     [f"{P}:1: expected a mapping of fields (key: value) at the top of the file"]),
    ("file larger than the maximum", one(P, "status: lopend", "status: lopend\nnotes: " + "x" * 1_000_001),
     [f"{P}: file is larger than 1,000,000 bytes; split it or shorten it"]),
    ("field longer than 20,000 characters", one(P, "status: lopend", "status: lopend\nnotes: " + "x" * 20_001),
     [f"{P}:13: notes: text is too long (20001 characters; at most 20000)"]),
    ("non-UTF-8 bytes", [Write(P, fixture(P).encode("utf-8").replace(b"laag inkomen", b"laag inkom\xe9n"))],
     [f"{P}:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]),
    # --- types and fields -------------------------------------------------------------------------------
    ("yes is a boolean, not a title", one(P, "title: Minimacontract", "title: yes"),
     [f"{P}:1: title: expected text, got true (yes/no words are booleans in YAML; quote text)"]),
    ("a number as summary", one(A, "summary: VGZ en de gemeenten stemmen af over Wmo, Zvw, Wpg en GGZ.", "summary: 2017"),
     [f"{A}:2: summary: expected text, got 2017"]),
    ("regions as text instead of a list", one(P, "regions: [achterhoek]", "regions: achterhoek"),
     [f"{P}:5: regions: expected a list (- item, or [a, b]), got 'achterhoek'"]),
    ("period as text", one(I, "period: {start: 2016, end: 2018}", "period: 2016-2018"),
     [f"{I}:14: period: expected a mapping (key: value), got '2016-2018'"]),
    ("unknown nested key", one(P, "{document: inventarisatie-2017, page: 11}", "{document: inventarisatie-2017, pagina: 11}"),
     [f"{P}:16: sources[0].pagina: 'pagina': unknown field; did you mean 'page'?"]),
    ("link with a space", one(I, "status: lopend", "status: lopend\nlinks:\n  - {title: x, url: 'https://voorbeeld.nl/een pagina'}"),
     [f"{I}:15: links[0].url: 'https://voorbeeld.nl/een pagina' has the wrong form: use a full address starting with https://"]),
    # --- vocabularies -----------------------------------------------------------------------------------
    ("unknown status", one(P, "status: lopend", "status: lopent"),
     [f"{P}:12: status: 'lopent' is not a status; did you mean 'lopend'?"]),
    ("unknown kind", one(P, "status: lopend", "status: lopend\nkind: projekt"),
     [f"{P}:13: kind: 'projekt' is not a kind; did you mean 'project'?"]),
    ("unknown scale", one(P, "scale: regionaal", "scale: regio"),
     [f"{P}:11: scale: 'regio' is not a scale; did you mean 'regionaal'?"]),
    ("unknown instrument", one(P, "instruments: [collectieve-zorg-minima]", "instruments: [collectieve-zorg]"),
     [f"{P}:10: instruments[0]: 'collectieve-zorg' is not an instrument; did you mean 'collectieve-zorg-minima'?"]),
    ("unknown quirk", one(A, "quirks: [alleen-in-overzicht]", "quirks: [alleen-in-overzigt]"),
     [f"{A}:8: quirks[0]: 'alleen-in-overzigt' is not a known quirk; did you mean 'alleen-in-overzicht'?"]),
    ("unknown source kind", one(S, "kind: inventarisatie", "kind: rapport"),
     [f"{S}:2: kind: 'rapport' is not allowed; allowed: 'inventarisatie', 'agenda', 'programma' or 'handreiking'"]),
    ("theme listed twice", one(P, "themes: [minima]", "themes: [minima, minima]"),
     [f"{P}:8: themes[1]: 'minima' is listed twice"]),
    # --- references ------------------------------------------------------------------------------------
    ("region agenda is not a source", one(R, "insurers: [menzis]", "insurers: [menzis]\nagendas: [agenda-achterhoek]"),
     [f"{R}:4: agendas[0]: 'agenda-achterhoek' is not a source document; allowed: inventarisatie-2017"]),
    ("source names an unknown region", one(S, "pages: 246", "pages: 246\nregions: [achterhoek, twente]"),
     [f"{S}:7: regions[1]: 'twente' is not a region; allowed: achterhoek, alblasserwaard-vijfheerenlanden"]),
    ("guide page cites an unknown source", one(G, "document: inventarisatie-2017", "document: inventarisatie-2071"),
     [f"{G}:5: sources[0].document: 'inventarisatie-2071' is not a source document; did you mean 'inventarisatie-2017'?"]),
    ("per-municipality form names a municipality outside the project", one(I, "oost-gelre: ontwikkelproject", "gorinchem: ontwikkelproject"),
     [f"{I}:9: form.gorinchem: 'gorinchem' is not one of this project's municipalities"]),
    ("distinct_from names an unknown project", one(P, "status: lopend", "status: lopend\ndistinct_from: [minimacontract-achterhoekk]"),
     [f"{P}:13: distinct_from[0]: 'minimacontract-achterhoekk' is not a project; did you mean 'minimacontract-achterhoek'?"]),
    # --- dates and numbers -------------------------------------------------------------------------------
    ("impossible date", one(P, "updated: '2024-05-02'", "updated: '2017-02-30'"),
     [f"{P}:19: updated: '2017-02-30' is not a real date (no such day in that month)"]),
    ("impossible reference date", one(P, "reference_date: '2017'", "reference_date: '2017-02-30'"),
     [f"{P}:17: reference_date: '2017-02-30' is not a real date (no such day in that month)"]),
    ("reference year 1800", one(P, "reference_date: '2017'", "reference_date: '1800'"),
     [f"{P}:17: reference_date: '1800' has the wrong form: use 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"]),
    ("start year 1800", one(I, "period: {start: 2016, end: 2018}", "period: {start: 1800, end: 2018}"),
     [f"{I}:14: period.start: 1800 is out of range (input should be greater than or equal to 1990)"]),
    ("page 0", one(P, "page: 11", "page: 0"),
     [f"{P}:16: sources[0].page: 0 is out of range (input should be greater than or equal to 1)"]),
    ("updated before added", one(P, "updated: '2024-05-02'", "updated: '2024-05-01'"),
     [f"{P}:19: updated: 2024-05-01 is before the date added (2024-05-02)"]),
    # --- ids, slugs and aliases --------------------------------------------------------------------------
    ("same id as .yml and .yaml", [Write("content/projects/minimacontract-achterhoek.yaml", fixture(P))],
     [f"{P}: duplicate id 'minimacontract-achterhoek': minimacontract-achterhoek.yaml has the same id"]),
    ("project id reserved for the overview page", [Write("content/projects/index.yml", fixture(P).replace("Minimacontract", "Index"))],
     ["content/projects/index.yml:1: 'index' is reserved for an overview page; rename the file"]),
    ("alias is the project's own id", one(P, "status: lopend", "status: lopend\naliases: [minimacontract-achterhoek]"),
     [f"{P}:13: aliases[0]: 'minimacontract-achterhoek' is this project's own id; an alias is a former id"]),
    ("alias reserved for the overview page", one(P, "status: lopend", "status: lopend\naliases: [index]"),
     [f"{P}:13: aliases[0]: 'index' is reserved for an overview page"]),
    ("alias is another project's id", one(P, "status: lopend", "status: lopend\naliases: [inkoop-wijkgericht-werken-achterhoek]"),
     [f"{P}:13: aliases[0]: 'inkoop-wijkgericht-werken-achterhoek' is the id of another project (inkoop-wijkgericht-werken-achterhoek.yml)"]),
    ("alias used by two projects", [Patch(P, "status: lopend", "status: lopend\naliases: [minimacontract]"),
                                    Patch(I, "status: lopend", "status: lopend\naliases: [minimacontract]")],
     [f"{P}:13: aliases[0]: 'minimacontract' is already an alias of inkoop-wijkgericht-werken-achterhoek"]),
    ("duplicate insurer id", one(N, "  - id: cz\n", "  - id: menzis\n    name: Menzis (dubbel)\n  - id: cz\n"),
     [f"{N}:18: insurers[6].id: duplicate id 'menzis': already used for Menzis (dubbel)"]),
    ("duplicate theme id", one(T, "  - id: ggz\n", "  - id: preventie\n"),
     [f"{T}:11: themes[1]: 'preventie' is listed twice"]),
    # --- files -----------------------------------------------------------------------------------------
    ("required file missing", [Delete(T)],
     [f"{T}: required file is missing"]),
    ("guide page without front matter", [Write(G, "# Waarom\n\nTekst.\n")],
     [f"{G}:1: missing front matter: start the file with '---', the fields, '---'"]),
    # --- the same project twice ---------------------------------------------------------------------------
    ("same project entered twice", [Write(COPY, fixture(P))],
     [f"{COPY}:1: title: same project entered twice? content/projects/minimacontract-achterhoek.yml:1 has the same title and region achterhoek; if both are meant, add 'distinct_from: [minimacontract-achterhoek]'"]),
    # --- hostile files (issue #12): limits answer at once, with a line --------------------------------------
    ("yaml: billion laughs", [Write(P, LAUGHS)],
     [f"{P}:5: aliases expand this value to more than 10,000 values; write the values out instead of repeating aliases"]),
    ("yaml: an alias inside itself", one(P, "status: lopend", "status: lopend\npartners: &p [*p]"),
     [f"{P}:13: an alias refers to a value that contains it (a loop); write the values out"]),
    ("yaml: 20,000 nested brackets", one(P, "status: lopend", "status: lopend\npartners: " + "[" * 20_000 + "]" * 20_000),
     [f"{P}:13: values are nested more than 64 levels deep; content needs only a few levels"]),
    ("yaml: 300,000 nested block lists", [Write(P, "title: x\npartners:\n" + "- " * 300_000 + "x\n")],
     [f"{P}:3: values are nested more than 64 levels deep; content needs only a few levels"]),
    ("yaml: 10,000 field names that are numbers", [Write(P, "".join(f"{i}: x\n" for i in range(10_000)))],
     [f"{P}:{i + 1}: {i}: a field name must be text; quote it if it is meant to be a name" for i in range(50)]
     + [f"{P}:51: and 9,950 more problems like these from this line on; fix the ones above first"]),
    ("yaml: merge key", one(P, "status: lopend", "status: lopend\n<<: {scale: regionaal}"),
     [f"{P}:13: <<: merge keys ('<<:') are not supported; write the fields out"]),
    ("NUL byte on line 2", [Write(P, fixture(P).replace("Collectieve", "Collec\x00tieve"))],
     [f"{P}:2: control character U+0000 is not allowed; remove it"]),
    ("NaN target", one(P, "status: lopend", "status: lopend\ntargets: [{description: x, value: .nan}]"),
     [f"{P}:13: targets[0].value: expected a number, got .nan (not a number)"]),
    ("infinite target", one(P, "status: lopend", "status: lopend\ntargets:\n  - {description: x, value: .inf}\n  - {description: y, value: -.Inf}"),
     [f"{P}:14: targets[0].value: expected a number, got .inf (infinity)",
      f"{P}:15: targets[1].value: expected a number, got -.inf (minus infinity)"]),
    ("added as a number (1970)", one(P, "added: '2024-05-02'", "added: 0"),
     [f"{P}:18: added: use the form YYYY-MM-DD, e.g. 2024-03-01"]),
    ("date before 1990", one(P, "added: '2024-05-02'", "added: '1989-12-31'"),
     [f"{P}:18: added: '1989-12-31' is out of range: the catalogue holds dates from 1990 to 2100"]),
    ("verified in the year 2200", one(P, "updated: '2024-05-02'", "updated: '2024-05-02'\nverified: '2200-01-01'"),
     [f"{P}:20: verified: '2200-01-01' is out of range: the catalogue holds dates from 1990 to 2100"]),
    # --- files that would be skipped or followed ---------------------------------------------------------
    ("symbolic link out of the repository", [Write("outside.yml", fixture(P)), Symlink("content/projects/buiten.yml", "../../outside.yml")],
     ["content/projects/buiten.yml: symbolic links are not read (they may lead outside the repository); put the file itself here"]),
    ("symbolic link to a folder", [Symlink("content/projects/map", "../regions")],
     ["content/projects/map: symbolic links are not read (they may lead outside the repository); put the file itself here"]),
    ("upper-case extension", [Write("content/projects/nieuw-project.YML", fixture(P))],
     ["content/projects/nieuw-project.YML: the extension must be lowercase: rename it to nieuw-project.yml"]),
    ("hidden file", [Write("content/regions/.twente.yml", fixture(R))],
     ["content/regions/.twente.yml: hidden file (the name starts with '.') is not read; rename it or remove it"]),
    ("stray file in a collection", [Write("content/projects/notities.txt", "todo\n")],
     ["content/projects/notities.txt: file is not read: only '.yml' and '.yaml' files are read here"]),
    ("stray folder in content", [Write("content/oud/project.yml", fixture(P))],
     ["content/oud: folder is not read: content/ holds projects/, regions/, sources/, handreiking/ and taxonomy.yml, insurers.yml, municipalities.yml"]),
    ("a 20 GB (sparse) project file", [Sparse("content/projects/groot.yml", 20 * 2**30)],
     ["content/projects/groot.yml: file is larger than 1,000,000 bytes; split it or shorten it"]),
    ("a named pipe instead of a project file", [Fifo("content/projects/pijp.yml")],
     ["content/projects/pijp.yml: not a regular file (a pipe, socket or device) and not read; put a file with the content here"]),
    ("a named pipe instead of the taxonomy", [Delete(T), Fifo(T)],
     [f"{T}: not a regular file (a pipe, socket or device) and not read; put a file with the content here"]),
    ("guide file name with HTML", [Write("content/handreiking/09-a) <img src=x onerror=alert(1)> (b.md", fixture(G))],
     ["content/handreiking/09-a) <img src=x onerror=alert(1)> (b.md: file name is not a valid id: use lowercase letters, digits and single hyphens (e.g. 09-a-img-src-x-onerror-alert-1-b.md)"]),
    ("guide page named index", [Write("content/handreiking/index.md", fixture(G))],
     ["content/handreiking/index.md:2: 'index' is reserved for the guide's overview page; rename the file"]),
    ("same project twice, other spelling, shared municipality",
     [Write(COPY, fixture(I).replace("Inkoop wijkgericht werken (wijkverpleging", "INKOOP wijkgericht wérken – (wijkverpleging")
            .replace("municipalities: [oost-gelre, aalten, doetinchem]", "municipalities: [aalten]")
            .replace("form:\n  oost-gelre: ontwikkelproject\n  overige: doorontwikkelen", "form: doorontwikkelen")
            .replace("regions: [achterhoek]", "regions: [alblasserwaard-vijfheerenlanden]"))],
     ["content/projects/minimacontract-kopie.yml:1: title: same project entered twice? content/projects/inkoop-wijkgericht-werken-achterhoek.yml:1 has the same title and municipality aalten; if both are meant, add 'distinct_from: [inkoop-wijkgericht-werken-achterhoek]'"]),
]

# Accepted on purpose: what editors' tools produce, and an acknowledged same-name pair.
ACCEPTED = [
    ("byte order mark", [Write(P, b"\xef\xbb\xbf" + fixture(P).encode("utf-8"))]),
    ("CRLF line ends", [Write(P, fixture(P).replace("\n", "\r\n"))]),
    ("BOM and CRLF", [Write(P, b"\xef\xbb\xbf" + fixture(P).replace("\n", "\r\n").encode("utf-8"))]),
    ("old Mac CR line ends", [Write(P, fixture(P).replace("\n", "\r"))]),
    ("tab inside a block scalar", one(P, "  De gemeenten en Menzis", "  De gemeenten\ten Menzis\n  \tingesprongen regel\n ")),
    ("an example file and a plain alias", [Write("content/projects/_concept.yml", "title: [\n"),
                                          Patch(P, "status: lopend", "status: lopend\npartners: &p [GGD]\nthemes_other: *p")]),
    ("same name, acknowledged", [Write(COPY, fixture(P).replace("status: lopend", "status: lopend\ndistinct_from: [minimacontract-achterhoek]"))]),
    ("same name in another region", [Write(COPY, fixture(A).replace("Afstemmen op specifiek thema", "Minimacontract")
                                      .replace("aliases: [afstemmen-wmo-zvw-alblasserwaard]", ""))]),
]
