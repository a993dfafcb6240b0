"""The HTML report: self-contained, and no article text, metadata or file name becomes markup or script.

The browser test loads the report of the seeds plus a hostile corpus in headless chromium (Debian's
/usr/bin/chromium driven by Playwright) and uses it as a reader would: sorts and filters the claim table.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser

import pytest

from audit.render.formats import FORMATS
from hostile_corpus import HOSTILE_OUTLET, MARKUP_NAME, PAYLOADS, write_hostile_corpus

from conftest import SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TEMPLATE_TAGS = {"script": 2, "style": 1, "img": 0, "svg": 0, "iframe": 0, "object": 0, "embed": 0, "link": 0,
                 "base": 0, "form": 0, "a": 0, "video": 0, "audio": 0, "math": 0, "input": 1}


@pytest.fixture(scope="module")
def hostile_html(auditor, tmp_path_factory) -> str:
    folder = write_hostile_corpus(tmp_path_factory.mktemp("hostile"))
    result = auditor.run([str(SEEDS), str(folder)], None)
    assert len({d.outlet for d in result.documents}) > 3
    return FORMATS["html"].render(result)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.handlers += [name for name, _ in attrs if name.startswith("on") or name == "style"]
        if tag == "script":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def test_only_the_template_makes_elements(hostile_html):
    parsed = _Tags()
    parsed.feed(hostile_html)
    assert {tag: parsed.tags[tag] for tag in TEMPLATE_TAGS} == TEMPLATE_TAGS
    assert parsed.handlers == []
    data = json.loads(parsed.scripts[0])
    assert any("<script>alert(1)</script>" in claim["search"] for claim in data.values())


def test_csp_allows_only_the_inline_style_and_script_by_hash(hostile_html):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', hostile_html).group(1)
    assert policy.startswith("default-src 'none';") and "http" not in policy and "unsafe" not in policy
    for tag in ("style", "script"):
        inline = re.search(rf"<{tag}>(.*?)</{tag}>", hostile_html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy
    assert not re.search(r"(?i)(src|href)\s*=|url\(|@import", hostile_html.split("</style>")[0].split("<style>")[1])


def test_payloads_show_as_text(hostile_html):
    for payload in (*PAYLOADS, MARKUP_NAME, HOSTILE_OUTLET):
        assert payload not in hostile_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_report_works_in_a_browser_and_runs_no_article_text(browser, hostile_html, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(hostile_html, encoding="utf-8")
    page = browser.new_page()
    dialogs, errors, requests = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())

    assert page.title().startswith("Sourcing and provenance audit")
    assert page.locator("h1").is_visible() and page.locator("#claim-table").is_visible()
    rows = page.locator("#claim-table tbody tr")
    total = rows.count()
    assert total > 90
    counts = page.evaluate("""tags => Object.fromEntries(tags.map(t => [t, document.getElementsByTagName(t).length]))""",
                           list(TEMPLATE_TAGS))
    assert counts == TEMPLATE_TAGS
    assert page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                              .filter(a => a.name.startsWith('on') || a.name === 'style'
                                           || /^\\s*javascript:/i.test(a.value)).length""") == 0
    assert page.get_by_text("<script>alert(1)</script>").count() > 0
    assert page.get_by_text(MARKUP_NAME).count() > 0

    def column(n: int) -> list[str]:
        return page.locator(f"#claim-table tbody tr:not([hidden]) td:nth-child({n})").all_inner_texts()

    def scores() -> list[float]:
        return [float(cell.split()[0]) for cell in column(1)]

    assert scores() == sorted(scores())
    page.click("th button[data-sort=score]")
    assert scores() == sorted(scores(), reverse=True)
    assert page.get_attribute("#claim-table th:nth-child(1)", "aria-sort") == "descending"
    page.click("th button[data-sort=status]")
    ranks = {"contradicted": 0, "contested": 1, "uncorroborated": 2, "echo": 3, "corroborated": 4}
    statuses = [ranks[s] for s in column(5)]
    assert statuses == sorted(statuses) and len(set(statuses)) > 2
    page.click("th button[data-sort=kind]")
    kinds = [cell.split(":")[0].split(" via ")[0] for cell in column(4)]
    assert kinds == sorted(kinds)

    page.fill("#filter-text", "alert(1)")
    assert 0 < len(column(2)) < total and all("alert(1)" in cell for cell in column(2))
    assert page.inner_text("#claims-shown") == f"{len(column(2))} of {total} claims shown"
    page.fill("#filter-text", "")
    page.select_option("#filter-outlet", HOSTILE_OUTLET)
    assert 0 < len(column(3)) < total and set(column(3)) == {HOSTILE_OUTLET}
    page.select_option("#filter-signal", "second_hand")
    assert 0 < len(column(6)) and all("second_hand" in cell for cell in column(6))
    page.select_option("#filter-outlet", "")
    page.select_option("#filter-signal", "")
    assert len(column(2)) == total

    assert dialogs == [] and errors == []
    assert requests == [report.as_uri()]


def test_the_html_report_shows_figure_timelines_and_the_joined_articles(auditor, tmp_path):
    """The Markdown report's timelines and its note on stored articles that joined corroboration were
    missing from the HTML page."""
    from audit.store import Store

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    (first / "0.md").write_text("---\noutlet: First\npublished: 2025-02-03\n---\n"
                                "The earthquake killed at least 1,200 people, officials said.\n")
    for n, (day, text) in enumerate([("2025-02-05", "The death toll from the earthquake rose to 2,300, the agency said."),
                                     ("2025-02-06", "More than 4,000 people have been killed in the earthquake.")]):
        (later / f"{n + 1}.md").write_text(f"---\noutlet: Outlet <b>{n + 1}</b>\npublished: {day}\n---\n{text}\n")
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        auditor.run([str(first)], store)
        page = FORMATS["html"].render(auditor.run([str(later)], store))
    timelines = page.split('<section id="timelines">', 1)[1].split("</section>", 1)[0]
    assert "<h3>killed</h3>" in timelines and "<td>2,300</td>" in timelines and "<td>update</td>" in timelines
    assert "Outlet &lt;b&gt;1&lt;/b&gt;" in timelines                 # escaped, as every corpus value
    assert "Also compared with 1 earlier article from the store" in page and "0.md</code>" in page


def test_the_html_report_shows_contested_figures_and_changes_since_the_previous_run(auditor, tmp_path):
    """The Markdown report's contested figures and its changes since the previous run were missing from the
    HTML page; both read the same plain views (report/figures.py, report/changes.py), escaped here."""
    from audit.store import Store

    story = tmp_path / "mine"
    story.mkdir()
    for n, (who, count) in enumerate([("the <i>company</i>", "Seventeen"), ("the union", "Twenty-two")]):
        (story / f"{n}.md").write_text(f"---\noutlet: Outlet <b>{n}</b>\npublished: 2026-05-05\n---\n{count} miners were "
                                       f"missing after the collapse at the Nchanga mine, {who} said on Tuesday.\n")
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        first = FORMATS["html"].render(auditor.run([str(story)], store))
        (story / "1.md").write_text("---\noutlet: Outlet <b>1</b>\npublished: 2026-05-05\n---\nNineteen miners were missing "
                                    "after the collapse at the Nchanga mine, the union said on Tuesday.\n")
        second = FORMATS["html"].render(auditor.run([str(story)], store))
    contests = first.split('<section id="contests">', 1)[1].split("</section>", 1)[0]
    assert "Contest 1: miners missing" in contests and "<td>Seventeen (17 miners)</td>" in contests
    assert "<td>Twenty-two (22 miners)</td>" in contests
    assert "the &lt;i&gt;company&lt;/i&gt;" in contests and "<i>" not in contests
    assert '<section id="changes">' not in first
    changes = second.split('<section id="changes">', 1)[1].split("</section>", 1)[0]
    assert "Nineteen" in changes and "1.md:" in changes and "Outlet &lt;b&gt;1&lt;/b&gt;" in changes
    assert "<b>" not in contests + changes
