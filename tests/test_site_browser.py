"""The site in a real browser: Debian's chromium driven by Playwright (headless).

Playwright cannot download browsers here, so it drives /usr/bin/chromium through
``executable_path`` (.ci/run installs the Debian package). Screenshots of the
overview and of one indicator page are written to build/site-screenshots/ for a
person to look at.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from plan_cli.lights import item_light
from plan_cli.load import find_data, load

AS_OF = date(2025, 8, 15)  # the example_site fixture's date
SCREENSHOTS = Path(__file__).parent.parent / "build" / "site-screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.problems = []  # console errors and uncaught exceptions
    opened.requests = []
    opened.on("console", lambda m: opened.problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))
    opened.on("request", lambda r: opened.requests.append(r.url))
    yield opened
    context.close()


def _url(site: Path, name: str) -> str:
    return (site / name).as_uri()


def test_every_page_loads_without_errors_or_network(example_site, page):
    site = example_site[1]
    names = sorted(p.name for p in site.glob("*.html"))
    assert len(names) == 29
    for name in names:
        page.goto(_url(site, name))
        assert page.locator("h1").is_visible(), name
    assert page.problems == []
    root = site.as_uri()
    outside = [u for u in page.requests if not u.startswith(root)]
    assert outside == [], "every request is a page of the site itself"


def test_each_indicator_page_has_its_chart(example_site, page):
    site = example_site[1]
    pages = sorted(site.glob("indicator-*.html"))
    assert len(pages) == 12
    for path in pages:
        page.goto(path.as_uri())
        chart = page.locator('[data-testid="indicator-chart"] svg:visible')
        assert chart.count() == 1, path.name
        box = chart.bounding_box()
        assert box["width"] > 500 and box["height"] > 250, path.name
        assert chart.locator("text", has_text="实际值").count() >= 1 or \
            chart.locator("text", has_text="目标").count() >= 1


def _visible_rows(page):
    return page.locator("#items-ledger tbody tr:visible")


def test_filters_and_sorting_change_the_visible_rows(example_site, page):
    demo, site = example_site
    ws = load(find_data(demo))
    ledger = next(x for x in ws.ledgers if x.ledger.id == "provincial-tasks")
    items = ledger.items
    page.goto(_url(site, "ledger-provincial-tasks.html"))
    assert _visible_rows(page).count() == len(items)

    busiest, count = Counter(i.owners.department for i in items).most_common(1)[0]
    page.select_option('[data-testid="filter-department"]', busiest)
    assert _visible_rows(page).count() == count < len(items)
    assert page.locator('[data-testid="shown"]').inner_text() == str(count)
    for row in _visible_rows(page).all():
        assert row.get_attribute("data-department") == busiest

    page.select_option('[data-testid="filter-department"]', "")
    reds = [i for i in items if item_light(i, AS_OF) and item_light(i, AS_OF).value == "red"]
    assert reds, "the example has red items in this ledger"
    page.select_option('[data-testid="filter-light"]', "red")
    assert _visible_rows(page).count() == len(reds)
    assert sorted(r.locator("td").first.inner_text()
                  for r in _visible_rows(page).all()) == sorted(i.id for i in reds)

    leader = items[0].owners.leader
    page.select_option('[data-testid="filter-leader"]', leader)
    both = [i for i in reds if i.owners.leader == leader]
    assert _visible_rows(page).count() == len(both)
    page.select_option('[data-testid="filter-light"]', "")
    page.select_option('[data-testid="filter-leader"]', "")
    page.select_option('[data-testid="filter-state"]', "overdue")
    overdue = [r for r in _visible_rows(page).all()]
    assert overdue and all(r.get_attribute("data-state") == "overdue" for r in overdue)
    page.select_option('[data-testid="filter-state"]', "")

    late_head = page.locator("#items-ledger thead th", has_text="逾期季度")
    late_head.click()  # ascending
    late_head.click()  # descending
    assert late_head.get_attribute("aria-sort") == "descending"
    column = _column_index(page, "逾期季度")
    values = [int(r.locator("td").nth(column).get_attribute("data-value"))
              for r in _visible_rows(page).all()]
    assert values == sorted(values, reverse=True) and values[0] > 0
    id_head = page.locator("#items-ledger thead th", has_text="编号")
    id_head.click()
    ids = [r.locator("td").first.inner_text() for r in _visible_rows(page).all()]
    assert ids == sorted(ids)


def _column_index(page, text: str) -> int:
    heads = page.locator("#items-ledger thead th").all_inner_texts()
    return next(i for i, h in enumerate(heads) if text in h)


def test_the_language_switch_shows_english_and_is_remembered(example_site, page):
    site = example_site[1]
    page.goto(_url(site, "index.html"))
    assert page.locator("h1").inner_text() == "总览"
    assert page.title() == "总览"
    page.click("#lang-switch")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == "Overview"
    assert page.locator('[data-testid="chart-ledgers"] svg:visible').locator(
        "text", has_text="Items").count() == 1
    page.goto(_url(site, "gaps.html"))
    assert page.locator("h1").inner_text() == "Data gaps"
    page.click("#lang-switch")
    assert page.locator("h1").inner_text() == "数据缺口"


def test_pages_print_on_a4_without_the_controls(example_site, page, tmp_path):
    site = example_site[1]
    for name, landscape in (("indicator-ex-ind-01.html", False),
                            ("ledger-provincial-tasks.html", True)):
        page.goto(_url(site, name))
        page.emulate_media(media="print")
        assert not page.locator("nav").is_visible()
        assert not page.locator("#lang-switch").is_visible()
        assert page.locator('[data-testid="synthetic-banner"]').is_visible()
        pdf = tmp_path / f"{name}.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        # MediaBox of A4 in points: 595.92 x 842.88 (or turned for landscape)
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
        assert boxes, name
        for w, h in boxes:
            w, h = float(w), float(h)
            if landscape:
                w, h = h, w
            assert abs(w - 595) < 2 and abs(h - 842) < 2, (name, w, h)


def test_screenshots_for_a_person(example_site, page):
    site = example_site[1]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(_url(site, "index.html"))
    page.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)
    worst = page.locator('#indicators-behind a').first.get_attribute("href")
    page.goto(_url(site, worst))
    page.screenshot(path=str(SCREENSHOTS / "indicator.png"), full_page=True)
    for name in ("overview.png", "indicator.png"):
        assert (SCREENSHOTS / name).stat().st_size > 50_000
    assert page.problems == []
