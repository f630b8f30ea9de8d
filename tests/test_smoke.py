"""The shipped data and the synthetic base plan both check clean."""

from tests.conftest import BASE_PLAN


def test_base_plan_is_clean(run_plan):
    result = run_plan("check", "--data", BASE_PLAN, "--as-of", "2024-05-10")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stderr
