"""Names wherever ids go, and the one did-you-mean (issue 13)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plan_cli.suggest import did_you_mean, suggestions

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def weihai(tmp_path) -> Path:
    """A copy of the shipped Weihai data, safe to edit."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def test_suggestions_rank_by_similarity_number_aware():
    ids = [f"PT-{n:03d}" for n in range(1, 40)]
    assert suggestions("PT-01", ids)[0] == "PT-001"
    assert suggestions("pt-31", ids)[0] == "PT-031"
    assert suggestions("zzz", ids) == []
    assert did_you_mean("PT-01", ids, "zh") == "(是否要找“PT-001”?)"
    assert did_you_mean("PT-01", ids, "en") == " (did you mean 'PT-001'?)"


def test_update_suggests_the_nearest_id(run_plan, weihai, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run_plan("update", "PT-01", "--quarter", "2024Q1", "--status", "done",
                      "--done-on", "2024-03-01", "--data", str(weihai))
    assert result.exit_code == 2
    assert "是否要找“PT-001”" in result.stderr
    assert "PT-031" not in result.stderr


def test_record_by_indicator_name(run_plan, weihai):
    result = run_plan("record", "全社会研发经费投入强度", "--period", "2024", "--value", "2.7",
                      "--source", "synthetic test figure", "--dry-run", "--data", str(weihai),
                      "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "rd-intensity 2024:" in result.stdout


def test_update_and_note_by_item_title(run_plan, base_plan):
    result = run_plan("note", "建设创新平台", "平台已开工", "--dry-run", "--as-of", "2024-02-01",
                      "--data", str(base_plan))
    assert result.exit_code == 0, result.output
    assert "PT-001" in result.stdout


def test_show_by_ledger_title_and_by_indicator_name(run_plan, weihai):
    result = run_plan("show", "纳入省行动计划重点任务台账", "-q", "--data", str(weihai), "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "provincial-key-tasks" in result.stdout
    result = run_plan("show", "全社会研发经费投入强度", "-q", "--data", str(weihai), "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("指标 rd-intensity")


def test_filters_take_area_and_ledger_titles(run_plan, weihai):
    by_title = run_plan("gaps", "-q", "--area", "深化科技创新引领,建设国家创新型城市",
                        "--format", "json", "--data", str(weihai))
    by_id = run_plan("gaps", "-q", "--area", "innovation", "--format", "json",
                     "--data", str(weihai))
    assert by_title.exit_code == 0, by_title.output
    assert by_title.stdout == by_id.stdout
    ledger = run_plan("due", "-q", "--ledger", "纳入省行动计划重点任务台账", "--format", "json",
                      "--data", str(weihai))
    assert ledger.exit_code == 0, ledger.output


def test_success_message_speaks_chinese(run_plan, base_plan):
    result = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "done",
                      "--done-on", "2024-01-20", "--dry-run", "--as-of", "2024-02-01",
                      "--data", str(base_plan), "--lang", "zh")
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last.endswith("「申报基地」:未开始 → 已完成"), last


def test_delay_refusal_names_the_state_in_chinese(run_plan, base_plan):
    result = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "delayed",
                      "--as-of", "2024-02-01", "--data", str(base_plan), "--lang", "zh")
    assert result.exit_code == 2
    assert "标记为 已延期" in result.stderr and "delayed" not in result.stderr


def test_status_filters_take_chinese_words(run_plan, weihai):
    zh = run_plan("gaps", "-q", "--status", "无数据", "--format", "json", "--data", str(weihai))
    en = run_plan("gaps", "-q", "--status", "no_data", "--format", "json", "--data", str(weihai))
    assert zh.exit_code == 0, zh.output
    assert zh.stdout == en.stdout
