"""Chinese first: every help text and usage error speaks the user's language (issue 13)."""

from __future__ import annotations

import re

import pytest
import typer.main

from plan_cli import messages
from plan_cli.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)

# Latin words a Chinese help or error may contain: names of things typed or read
# as they are (commands, option values, formats, products, files), not prose.
ALLOWED = {
    "plan", "zh", "en", "git", "json", "csv", "markdown", "table", "text", "github", "yaml",
    "Excel", "BOM", "UTF", "JSON", "Schema", "HEAD", "origin", "main", "pre", "commit",
    "language", "server", "rd", "intensity", "innovation", "department", "leader", "ledger",
    "PLAN_DATA", "PLAN_LANG", "LC_ALL", "LANG", "data", "schemas", "cache", "version", "report",
    "PT", "cd", "init", "check", "settings", "notice", "auto", "gitlab", "docx", "xlsx", "CSV", "PowerShell", "GB", "GitHub", "GitLab",
    "Actions", "GITHUB_ACTIONS", "true", "CI", "wheel", "pip", "none", "unknown", "department",
    *COMMANDS,
    # the mapping file's keys (plan import xlsx --map), typed as they are; --dry-run's default
    "YAML", "columns", "item", "quarter", "status", "done_on", "kind", "actuals", "indicator",
    "period", "value", "source", "dry", "run",
    *(s for s in ("planned", "in_progress", "done", "delayed", "blocked", "dropped", "met",
                  "on_track", "at_risk", "off_track", "no_data", "no_baseline", "missed",
                  "due", "overdue", "upcoming")),
}


def english_words(text: str) -> list[str]:
    """Latin words outside option names, file names, choices and ids."""
    text = re.sub(r"--[\w-]+", " ", text)                 # option names
    text = re.sub(r"<[^<>\s]*\|[^<>\s]*>", " ", text)      # choices <a|b>
    text = re.sub(r"\S+\.(yaml|py|yml|html|json)\b", " ", text)  # file names
    text = re.sub(r"\S*/\S*", " ", text)                  # paths, a/b lists
    words = re.findall(r"[A-Za-z][A-Za-z_]+", text)
    return [w for w in words if w not in ALLOWED]


def test_every_help_is_chinese(run_plan, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for args in ([], *([c] for c in COMMANDS), ["export", "xlsx"], ["import", "xlsx"]):
        result = run_plan(*args, "--help")
        assert result.exit_code == 0, (args, result.output)
        assert english_words(result.stdout) == [], (args, result.stdout)
        assert "用法:" in result.stdout


def test_lang_option_and_plan_lang_choose_the_help_language(run_plan, monkeypatch):
    assert "显示本帮助并退出" in run_plan("check", "--help", "--lang", "zh").stdout
    assert "Show this message and exit." in run_plan("check", "--lang=en", "--help").stdout
    monkeypatch.setenv("PLAN_LANG", "zh")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "选项:" in run_plan("status", "--help").stdout
    assert "Options:" in run_plan("status", "--help", "--lang", "en").stdout


def test_every_english_help_has_a_chinese_entry():
    group = typer.main.get_command(app)
    missing = []
    for command in [group, *group.commands.values()]:
        for text in [command.help, *(getattr(p, "help", None) for p in command.params)]:
            if text and messages.help_text(text, "zh") == text:
                missing.append(text)
    assert missing == []


def test_every_code_has_both_languages():
    for code, (en, zh, hint_en, hint_zh) in messages.CATALOG.items():
        assert en and zh, code
        assert (hint_en is None) == (hint_zh is None), code
        assert re.search(r"[\u4e00-\u9fff]", zh), code
        prose = re.sub(r"\{[^}]*\}|'[^']*'|“[^”]*”|`[^`]*`|\S+\.yaml|[\w-]*_[\w_]*", "", zh)
        assert english_words(prose.replace("YAML", "")) == [], (code, zh)


@pytest.mark.parametrize("args, wanted, unwanted", [
    (["record", "rd-intensity", "--period", "2024", "--value", "1"],
     "错误:缺少选项 '--source'。", "Missing option"),
    (["update", "PT-001", "--quarter", "2024Q1", "--status", "done", "--done-on", "2024-13-01"],
     "--done-on 的值无效:'2024-13-01' 不是有效日期", "Invalid value"),
    (["update", "PT-001", "--quarter", "2024Q1", "--status", "finished"],
     "--status 的值无效:'finished' 不是可选值", "Value error"),
    (["frobnicate"], "没有命令“frobnicate”", "No such command"),
    (["status", "--statu", "x"], "没有选项 --statu(是否要找“--status”?)", "No such option"),
    (["status", "extra"], "多余的参数:extra", "unexpected"),
])
def test_usage_errors_in_chinese(run_plan, monkeypatch, base_plan, args, wanted, unwanted):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run_plan(*args, *(["--data", str(base_plan)] if args[0] != "frobnicate" else []))
    assert result.exit_code == 2
    assert wanted in result.stderr
    assert unwanted not in result.stderr
    assert "用法:plan" in result.stderr and "Usage" not in result.stderr
    assert english_words(result.stderr.replace(result.stderr.split("错误:")[-1], "")) == []


def test_usage_errors_in_english_keep_click_wording(run_plan, base_plan):
    result = run_plan("record", "rd-intensity", "--period", "2024", "--value", "1")
    assert "Error: Missing option '--source'." in result.stderr
    result = run_plan("update", "PT-001", "--quarter", "2024Q1", "--status", "已完成x",
                      "--data", str(base_plan))
    assert "Invalid value for --status: '已完成x' is not one of" in result.stderr
    assert "Value error" not in result.stderr


def test_a_chinese_status_word_is_accepted(run_plan, base_plan):
    result = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "推进中",
                      "--dry-run", "--as-of", "2024-02-01", "--data", str(base_plan))
    assert result.exit_code == 0, result.output
    assert "in_progress" in result.stdout


def test_discovery_git_and_repository_errors_in_chinese(run_plan, tmp_path, base_plan,
                                                       monkeypatch, tmp_path_factory):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    missing = run_plan("status", "--data", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "中没有计划数据" in missing.stderr
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # no plan above: the sample
    shipped = run_plan("note", "PT-001", "进展")
    assert shipped.exit_code == 2 and "此命令需要在计划仓库中运行" in shipped.stderr
    nogit = run_plan("check", "--data", base_plan, "--against", "main")
    assert nogit.exit_code == 2 and "不在 git 仓库中" in nogit.stderr
    for result in (missing, shipped, nogit):
        assert "needs" not in result.stderr and "not a git" not in result.stderr


def test_internal_error_in_chinese(monkeypatch, capsys):
    from plan_cli.cli import main
    from plan_cli.cli import localize

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setattr(localize.PlanGroup, "main", lambda *a, **k: 1 / 0)
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 3
    assert "内部错误(ZeroDivisionError" in capsys.readouterr().err


def test_choices_stay_as_typed_in_chinese_help(run_plan):
    out = run_plan("check", "--help", "--lang", "zh").stdout
    assert "text|github" in out and "进展|github" not in out
    assert "<文本>" in run_plan("update", "--help", "--lang", "zh").stdout


def test_check_lines_name_the_severity_in_chinese(run_plan, base_plan):
    (base_plan / "ledgers" / "tasks.yaml").write_text(
        (base_plan / "ledgers" / "tasks.yaml").read_text(encoding="utf-8").replace(
            "area: industry", "area: industri"), encoding="utf-8")
    zh = run_plan("check", "--data", base_plan, "--lang", "zh", "--as-of", "2024-05-10")
    assert zh.exit_code == 1
    assert ": 错误[unknown-area] " in zh.stdout and "error[" not in zh.stdout
    en = run_plan("check", "--data", base_plan, "--lang", "en", "--as-of", "2024-05-10")
    assert ": error[unknown-area] " in en.stdout
