"""WCAG 2.1 AA with axe-core (node_modules/axe-core, pinned in package-lock.json, injected from disk) on one page
of every page kind, plus the basics axe does not demand: a skip link and <html lang="nl">."""
from __future__ import annotations

import pytest

from browser import ALL_KINDS, open_page, page_kinds
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def readable(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_no_axe_violations(served_site, real_site, kind):
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (bash .ci/run does)"
    kinds = page_kinds(real_site / "site")
    if kind not in kinds:
        pytest.skip(f"{kind}: not in this build yet")
    base, browser = served_site
    page = browser.new_page(bypass_csp=True)  # axe is injected as an inline script; test_csp.py checks the policy
    open_page(page, base, kinds[kind])
    assert page.locator("html").get_attribute("lang") == "nl"
    skip = page.locator("a.md-skip")
    assert skip.count() == 1 and skip.get_attribute("href").startswith("#"), "no skip link"
    assert page.locator(skip.get_attribute("href")).count() == 1, "the skip link points nowhere"
    duplicates = page.evaluate("""() => { const seen = {}; for (const e of document.querySelectorAll('[id]'))
        seen[e.id] = (seen[e.id] || 0) + 1; return Object.keys(seen).filter(k => seen[k] > 1); }""")
    assert duplicates == [], f"{kinds[kind]}: duplicate ids (the skip link or a label may point at the wrong one)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    page.close()
    assert result["violations"] == [], f"{kinds[kind]}:\n{readable(result['violations'])}"
