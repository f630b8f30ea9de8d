"""Annual-growth indicators: the final evaluation averages the plan's years only."""

from datetime import date

import pytest

from plan_cli.evaluate import IndicatorStatus, evaluate
from plan_cli.model import Indicator, Settings
from plan_cli.quarter import Quarter


def test_final_average_leaves_out_years_after_the_target():
    ind = Indicator.model_validate({
        "id": "retail", "name": "零售", "unit": "%", "direction": "up",
        "measure": "annual_growth", "source": "synthetic",
        "target": {"period": 2025, "op": "about", "value": 5},
        "actuals": [{"period": y, "value": v, "source": "synthetic"}
                    for y, v in ((2023, 6.0), (2024, 5.0), (2025, 4.5), (2026, -10.0))]})
    ev = evaluate(ind, Settings(), date(2027, 3, 1), Quarter(2023, 1), Quarter(2025, 4))
    # (1.06 * 1.05 * 1.045) ** (1/3) - 1 = 5.1647%: the 2026 rate of -10% must not count.
    assert ev.latest.period == 2025
    assert ev.latest.value == pytest.approx(5.1647, abs=1e-4)
    assert ev.status is IndicatorStatus.met
