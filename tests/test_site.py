"""``plan site``: pages, escaping, revision, the shipped data, refusals; the chart engine."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plan_cli.load import find_data, load
from plan_cli.reports.charts import indicator_chart
from plan_cli.reports.status import evaluate_all
from plan_cli.render.charts import draw_indicator
from tests.gitrepo import make_repo

SHIPPED = Path(__file__).parent.parent / "data"
HOSTILE = '<script>alert("x")</script>[/]&amp;'


def _pages(site: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in site.glob("*.html")}


class _Tags(HTMLParser):
    """Every element and attribute name a page really has, as a browser parses it."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


# What the site writes itself (HTML, and matplotlib's SVG); anything else came from data.
SITE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "div", "button",
             "span", "nav", "a", "main", "h1", "h2", "section", "table", "thead", "tbody",
             "tr", "th", "td", "ul", "li", "p", "b", "br", "footer", "script", "select",
             "option", "label", "svg", "defs", "g", "path", "text", "clippath", "rect", "use",
             "style", "tspan"}


def _hostile_plan(base_plan: Path) -> Path:
    tasks = base_plan / "ledgers" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8").replace(
        "title: 建设创新平台", f"title: '{HOSTILE}'").replace(
        "deliverable: 完成建设, status: in_progress",
        f"deliverable: 完成建设, status: delayed, cause: '{HOSTILE}', "
        "corrective_action: '<img src=x onerror=alert(1)>'")
    tasks.write_text(text, encoding="utf-8")
    indicators = base_plan / "indicators.yaml"
    indicators.write_text(indicators.read_text(encoding="utf-8").replace(
        "name: 研发经费投入强度", f"name: '{HOSTILE}'", 1), encoding="utf-8")
    owners = base_plan / "owners.yaml"
    owners.write_text(owners.read_text(encoding="utf-8").replace(
        "name: 市科技局", "name: '市科技局</text><script>x</script>'"), encoding="utf-8")
    for ledger in (base_plan / "ledgers").glob("*.yaml"):
        ledger.write_text(ledger.read_text(encoding="utf-8").replace(
            "department: 市科技局", "department: '市科技局</text><script>x</script>'"),
            encoding="utf-8")
    return base_plan


def test_hostile_text_from_the_data_is_escaped_everywhere(base_plan, tmp_path, run_plan):
    data = _hostile_plan(base_plan)
    assert run_plan("check", "--data", data).exit_code == 0
    out = tmp_path / "site"
    result = run_plan("site", out, "--data", data, "--as-of", "2024-05-10")
    assert result.exit_code == 0, result.output
    pages = _pages(out)
    joined = "".join(pages.values())
    # One script element per page, ours; no element or attribute made from the data.
    for name, page in pages.items():
        assert page.count("<script") == 1, name
        assert "<img" not in page and "onerror=alert(1)>" not in page.replace("&lt;", "")
    for name, page in pages.items():
        parsed = _Tags()
        parsed.feed(page)
        assert parsed.tags <= SITE_TAGS, (name, parsed.tags - SITE_TAGS)
        assert not [a for a in parsed.attrs if a.startswith("on")], name
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;[/]&amp;amp;" in joined
    assert "市科技局&lt;/text&gt;&lt;script&gt;x&lt;/script&gt;" in joined
    # the department's name is in the colour chart too: escaped inside the SVG text
    index = pages["index.html"]
    assert re.search(r"<text[^>]*>[^<]*市科技局&lt;/text&gt;", index) or \
        "市科技局&lt;/text&gt;&lt;script&gt;" in index


def test_every_page_says_as_of_revision_and_banner(example_site):
    pages = _pages(example_site[1])
    assert {"index.html", "indicators.html", "departments.html", "gaps.html"} <= set(pages)
    assert sum(n.startswith("ledger-") for n in pages) == 5
    assert sum(n.startswith("indicator-") for n in pages) == 12
    assert sum(n.startswith("department-") for n in pages) == 8
    for name, page in pages.items():
        assert "2025-08-15 (2025Q3)" in page, name
        assert "不在 git 仓库中" in page and "not under git" in page, name
        assert 'data-testid="synthetic-banner"' in page and "示例数据(虚构" in page, name
        assert "<html lang=\"zh-CN\" data-lang=\"zh\">" in page
        assert "@page { size: A4" in page
        assert "http://" not in page.replace("http://www.w3.org/", "")
        assert "https://" not in page


def test_revision_is_the_commit_or_says_uncommitted(tmp_path, run_plan):
    repo = make_repo(tmp_path / "repo")
    head = commit_id(repo)
    out = tmp_path / "site"
    assert run_plan("site", out, "--data", repo / "data").exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert head in page and "未提交" not in page
    notes = repo / "data" / "plan.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert run_plan("site", out, "--data", repo / "data").exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f"{head}(含未提交的修改)" in page and f"{head} with uncommitted changes" in page


def commit_id(repo: Path) -> str:
    from tests.gitrepo import git

    return git(repo, "rev-parse", "--short=10", "HEAD").strip()


def test_shipped_weihai_data_shows_how_little_is_public(tmp_path, run_plan):
    out = tmp_path / "site"
    result = run_plan("site", out, "--data", SHIPPED)
    assert result.exit_code == 0, result.output
    ws = load(find_data(SHIPPED))
    entered = sum(len(ledger.items) for ledger in ws.ledgers)
    declared = sum(ledger.ledger.declared_count or 0 for ledger in ws.ledgers)
    gaps = (out / "gaps.html").read_text(encoding="utf-8")
    assert f"计划明确的 {declared} 个事项中,已录入 {entered} 个" in gaps
    assert f"已录入的 {entered} 个事项中,0 个落实了责任部门" in gaps
    assert "尚有" in gaps and "项指标没有任何实际值" in gaps
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "示例数据" not in index
    # no colour anywhere, and the overview says why instead of "nothing is late"
    assert "目前没有指标能判断进度" in index and "还没有事项录入季度推进计划" in index
    assert "没有逾期的工作" not in index
    for ind in ws.indicators:
        page = (out / f"indicator-{ind.id}.html").read_text(encoding="utf-8")
        assert 'data-testid="indicator-chart"' in page and "<svg" in page


def test_site_replaces_its_own_folder_and_refuses_others(tmp_path, run_plan, base_plan):
    out = tmp_path / "site"
    assert run_plan("site", out, "--data", base_plan).exit_code == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert run_plan("site", out, "--data", base_plan, "--lang", "en").exit_code == 0
    assert not (out / "stale.html").exists()
    assert '<html lang="en" data-lang="en">' in (out / "index.html").read_text(encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.docx").write_text("keep", encoding="utf-8")
    result = run_plan("site", mine, "--data", base_plan, "--lang", "zh")
    assert result.exit_code == 2 and "不是 plan site 生成的站点" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["report.docx"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mine.")]


def test_without_matplotlib_site_says_how_to_install(monkeypatch, tmp_path, run_plan, base_plan):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = run_plan("site", tmp_path / "s", "--data", base_plan, "--lang", "zh")
    assert result.exit_code == 2
    assert 'pip install "plan-taizhang[charts]"' in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "s").exists()


# --- the chart engine ---------------------------------------------------------


@pytest.fixture(scope="module")
def base_evaluations():
    ws = load(find_data(Path(__file__).parent / "cases" / "base"))
    return {ev.indicator.id: ev for ev in evaluate_all(ws, date(2024, 5, 10))}


def test_svg_keeps_text_as_text_and_png_is_a_picture(base_evaluations):
    ev = base_evaluations["rd-intensity"]
    chart = indicator_chart(ev, date(2024, 5, 10), 0.02)
    assert chart.band is not None and chart.band[0] < chart.target.value < chart.band[1]
    svg = draw_indicator(chart, "zh").decode("utf-8")
    assert "<text" in svg and "实际值" in svg and "按进度应达" in svg and "目标" in svg
    assert "Actual" in draw_indicator(chart, "en").decode("utf-8")
    png = draw_indicator(chart, "zh", fmt="png")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert draw_indicator(chart, "zh") == draw_indicator(chart, "zh"), "deterministic SVG"


def test_a_projection_plugs_into_the_chart(base_evaluations):
    ev = base_evaluations["rd-intensity"]
    plain = indicator_chart(ev, date(2024, 5, 10), 0.02, projection=())
    projected = indicator_chart(ev, date(2024, 5, 10), 0.02, projection=[(2024, 2.5), (2025, 2.7)])
    assert [p.period for p in projected.projection] == ["2024", "2025"]
    assert "预测" in draw_indicator(projected, "zh").decode("utf-8")
    assert "预测" not in draw_indicator(plain, "zh").decode("utf-8")


def test_the_evaluations_own_projection_is_drawn_by_default(base_evaluations):
    ev = base_evaluations["rd-intensity"]
    assert ev.projection is not None and ev.projection.value is not None
    chart = indicator_chart(ev, date(2024, 5, 10), 0.02)
    assert [(p.period, p.value) for p in chart.projection] == \
        [(str(ev.indicator.target.period), ev.projection.value)]
    assert "预测" in draw_indicator(chart, "zh").decode("utf-8")
