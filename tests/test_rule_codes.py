"""One set of codes (issue 8, part 5): the codes the source can emit (derived by
plan_cli.checks.codes, not listed by hand) are the codes documented in the rule
families' docstrings and docs/rules.md, the codes of the message catalog, and
the codes the case corpus exercises, each with a failing case and a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, field_validator

from plan_cli.checks.codes import emitted_codes
from plan_cli.checks.docs import documented, rules_markdown
from plan_cli.messages import CATALOG
from plan_cli.validate import to_diagnostics

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
# Reached only through a pydantic error validate.py does not word itself: no data
# file produces one today, so the fallback is proven by test_invalid_value_fallback.
UNIT_TESTED = {"invalid-value"}
# A symlink or device in the data and a file over the size limit cannot live in a case
# folder (copied as files): proven by tests/test_hostile_input.py instead.
UNIT_TESTED |= {"not-regular-file", "file-too-large"}


def _codes(pattern: str, severity: str | None = None) -> set[str]:
    found = set()
    for expected in CASES.glob(pattern):
        for line in expected.read_text(encoding="utf-8").splitlines():
            kind, code = line.split(": ", 2)[1].split("[", 1)
            if severity is None or kind == severity:
                found.add(code.split("]", 1)[0])
    return found


def test_derived_codes_are_the_documented_and_catalogued_ones():
    derived = emitted_codes()
    assert len(derived) >= 50
    assert set(documented()) == derived
    # edit-* and xlsx-* word what plan update and plan import xlsx say, not plan check
    assert {c for c in CATALOG if not c.startswith(("edit-", "xlsx-"))} == derived


def test_docs_rules_md_is_generated_from_the_docstrings():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == rules_markdown(), "regenerate: python -c 'from plan_cli.checks.docs " \
        "import rules_markdown; open(\"docs/rules.md\",\"w\").write(rules_markdown())'"
    headed = {line.split("`")[1] for line in text.splitlines() if line.startswith("### `")}
    assert headed == emitted_codes()


def test_every_code_has_a_failing_case():
    failing = (_codes("invalid/*/expected.txt") | _codes("change/invalid/*/expected.txt")
               | _codes("valid/*/expected.txt", "warning"))
    assert failing | UNIT_TESTED == emitted_codes(), emitted_codes() - failing - UNIT_TESTED


def test_every_code_has_a_near_miss_that_passes():
    near = set()
    for listed in CASES.rglob("near-miss.txt"):
        assert listed.parent.parent.name == "valid", listed
        near |= set(listed.read_text(encoding="utf-8").split())
    assert near <= emitted_codes(), near - emitted_codes()
    assert near | UNIT_TESTED == emitted_codes(), emitted_codes() - near - UNIT_TESTED


def test_invalid_value_fallback():
    class Odd(BaseModel):
        share: float

        @field_validator("share")
        @classmethod
        def _within(cls, value: float) -> float:
            if value > 100:
                raise ValueError("a share is at most 100")
            return value

    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        Odd.model_validate({"share": 120})
    (diag,) = to_diagnostics(caught.value, Odd, {"share": 120}, "x.yaml")
    assert diag.code == "invalid-value"
    assert diag.text("zh")[0] == "“share”取值无效:a share is at most 100"
    assert Odd.model_validate({"share": 99}).share == 99  # the near miss


@pytest.mark.parametrize("code", sorted(emitted_codes()))
def test_plan_explain_every_code(run_plan, code):
    for lang, bad, good in (("en", "Bad:", "Good:"), ("zh", "错误示例:", "正确示例:")):
        result = run_plan("explain", code, "--lang", lang)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0].startswith(code + " (")
        assert lines[2] == (documented()[code].zh if lang == "zh" else documented()[code].en)
        assert lines[2].strip()
        at_bad, at_good = lines.index(bad), lines.index(good)
        assert lines[at_bad + 1].startswith("    ") and lines[at_good + 1].startswith("    ")


def test_plan_explain_an_unknown_code(run_plan):
    result = run_plan("explain", "unknown-departmnt", "--lang", "zh")
    assert result.exit_code == 2
    assert "没有诊断代码“unknown-departmnt”(是否应为“unknown-department”?)" in result.stderr
