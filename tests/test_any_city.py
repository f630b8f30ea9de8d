"""Any plan, any city (issue 13): a generic ledger kind, the leaders' level and the
ledger kinds' names from plan.yaml, and a Chinese skeleton from plan init --lang zh."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

COUNTY = Path(__file__).parent / "cases" / "county"  # synthetic: a county, a generic ledger
AS_OF = "2024-05-10"


@pytest.fixture
def county(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(COUNTY, target)
    return target


def test_a_county_plan_with_a_generic_ledger_passes_strict_check(run_plan, county):
    result = run_plan("check", "--strict", "--data", county, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["diagnostics"] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [("status",), ("gaps",), ("due",), ("owners",), ("show", "duties"),
                                  ("show", "ZR-01"), ("show", "output-growth"),
                                  ("show", "industry")])
def test_every_report_shows_the_county_plan(run_plan, county, lang, args):
    result = run_plan(*args, "--data", county, "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert "市领导" not in result.stdout
    for fmt in ("json", "markdown"):
        assert run_plan(*args, "--data", county, "--as-of", AS_OF, "--lang", lang,
                        "--format", fmt).exit_code == 0


def test_the_leaders_level_and_the_kind_name_come_from_plan_yaml(run_plan, county):
    owners = run_plan("owners", "--data", county, "--as-of", AS_OF, "--lang", "zh").stdout
    assert "按分管县领导" in owners and "分管县领导" in owners
    due = run_plan("due", "--by", "leader", "--data", county, "--as-of", AS_OF,
                   "--lang", "zh").stdout
    assert "王副县长" in due
    show = run_plan("show", "duties", "--data", county, "--as-of", AS_OF, "--lang", "zh").stdout
    assert re.search(r"类型\s+责任清单", show)
    # The Weihai plan says nothing: its leaders stay 市.
    weihai = run_plan("owners", "--as-of", AS_OF, "--lang", "zh",
                      "--data", Path(__file__).parent.parent / "data").stdout
    assert "按分管市领导" in weihai


def test_a_generic_item_has_the_common_fields_only(run_plan, county):
    path = county / "ledgers" / "duties.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    title: 培育龙头企业\n",
                                 "    title: 培育龙头企业\n    measures: [一企一策]\n"), encoding="utf-8")
    result = run_plan("check", "--data", county, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "unknown-field" in result.stdout and "measures" in result.stdout


def test_an_unknown_kind_is_still_refused(run_plan, county):
    path = county / "ledgers" / "duties.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: generic", "kind: projects"),
                    encoding="utf-8")
    result = run_plan("check", "--data", county, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "unknown-ledger-kind" in result.stdout and "generic" in result.stdout


def test_init_lang_zh_writes_a_chinese_skeleton(run_plan, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run_plan("init", tmp_path / "county", "--lang", "zh", "--level", "县",
                      "--title", "某县三年行动计划")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已创建 ") and "下一步:" in result.stdout
    assert "created" not in result.stdout and "next" not in result.stdout
    data = tmp_path / "county" / "data"
    for path in [data / "plan.yaml", data / "indicators.yaml", data / "owners.yaml"]:
        comments = [line for line in path.read_text(encoding="utf-8").splitlines()
                    if line.lstrip().startswith("#") and "yaml-language-server" not in line]
        assert comments and all(re.search(r"[\u4e00-\u9fff]", c) for c in comments), path
        assert not [c for c in comments if re.search(r"\b[a-z]{4,}\b", c.replace("null", ""))], comments
    assert "leader_level: 县" in (data / "plan.yaml").read_text(encoding="utf-8")
    check = run_plan("check", "--data", data, "--lang", "zh")
    assert check.exit_code == 0, check.output
    again = run_plan("init", tmp_path / "county", "--lang", "zh")
    assert again.exit_code == 2 and "已有计划文件" in again.stderr and "--force" in again.stderr
