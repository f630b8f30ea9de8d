"""Projection, early warning, the final evaluation and tolerance. Worked out by hand."""

from datetime import date

import pytest

from plan_cli.evaluate import IndicatorStatus as S
from plan_cli.evaluate import evaluate, least_squares
from plan_cli.model import Indicator, Settings
from plan_cli.quarter import Quarter

START, END = Quarter(2023, 1), Quarter(2025, 4)
MID, LAST_Q, AFTER = date(2024, 5, 15), date(2025, 11, 15), date(2026, 3, 1)


def ind(**fields) -> Indicator:
    base = dict(id="x", name="x", unit="%", direction="up", source="test",
                target={"period": 2025, "op": "at_least", "value": 40},
                baseline={"period": 2022, "value": 30, "source": "t"})
    base.update(fields)
    return Indicator.model_validate(base)


def fig(period, value, **more):
    return {"period": period, "value": value, "source": "t", **more}


def judge(i, as_of=MID):
    return evaluate(i, Settings(), as_of, START, END)


def test_least_squares_line():
    # (2023, 30), (2024, 33), (2025, 34): mean x 2024, mean y 32.333; slope (-1*-2.333+1*1.667)/2 = 2
    slope, intercept = least_squares([(2023.0, 30), (2024.0, 33), (2025.0, 34)])
    assert slope == pytest.approx(2.0)
    assert slope * 2026 + intercept == pytest.approx(36.3333, abs=1e-4)
    assert least_squares([(2024.0, 1)]) is None  # one point is no trend


def test_two_points_project_the_straight_line_and_the_pace_needed():
    # baseline 30 at t=2023.0, 2023: 33 at t=2024.0 -> 3 a year, 39 at t=2026.0 (the end of 2025)
    ev = judge(ind(actuals=[fig(2023, 33)]))
    assert ev.projection.value == pytest.approx(39.0)
    assert ev.projection.reaches is False
    # from 33 at 2024.0 to 40 at 2026.0: 3.5 a year needed
    assert ev.projection.required_pace == pytest.approx(3.5)
    # 3 of the 3.333 expected = 90% >= 80%: at risk by the line; the line projects 9/10 of the
    # span, also >= 80%: still at risk, not "projected to miss"
    assert ev.status is S.at_risk


def test_a_bending_trend_is_projected_to_miss():
    # 30 (t=2023.0), 34 (t=2024.0), 34.5 (2024Q1, t=2024.25): ahead of the line at 2024Q1
    # (30 + 10 * 1.25/3 = 34.17). Trend of the three points: mean x 2023.75, mean y 32.833;
    # sxx 0.875, sxy (-0.75*-2.833)+(0.25*1.167)+(0.5*1.667) = 3.25, slope 3.714;
    # at 2026.0: 32.833 + 3.714 * 2.25 = 41.19 -> reaches.
    ok = judge(ind(actuals=[fig(2023, 34), fig("2024Q1", 34.5)]))
    assert ok.status is S.on_track and ok.projection.value == pytest.approx(41.19, abs=0.01)
    # 30, 34, then 2024Q2 (t=2024.5) 34.2; the line: 30 + 10*1.5/3 = 35: behind,
    # 4.2 of 5 expected = 84%: at risk. Trend: mean x 2023.833, mean y 32.733; sxx 1.1667,
    # sxy (-0.833*-2.733)+(0.167*1.267)+(0.667*1.467) = 2.278+0.211+0.978 = 3.467, slope 2.971;
    # at 2026: 32.733 + 2.971 * 2.1667 = 39.17 -> 9.17 of the 10 span (>= 80%): at risk.
    risk = judge(ind(actuals=[fig(2023, 34), fig("2024Q2", 34.2)]), date(2024, 8, 1))
    assert risk.status is S.at_risk
    assert risk.projection.value == pytest.approx(39.17, abs=0.01)
    # 30, 35 (2023), 35.2 (2024Q2 = 35.2 >= 35 on the line: on track), then the trend:
    # mean x 2023.833, mean y 33.4; sxx 1.1667; sxy (-0.833*-3.4)+(0.167*1.6)+(0.667*1.8)
    # = 2.833+0.267+1.2 = 4.3, slope 3.686 -> 33.4 + 3.686*2.1667 = 41.39: reaches.
    assert judge(ind(actuals=[fig(2023, 35), fig("2024Q2", 35.2)]), date(2024, 8, 1)).status \
        is S.on_track
    # Stalled: 30, 34, 34, 34 (2024Q3, t=2024.75); expected 30 + 10*1.75/3 = 35.83: 4 of 5.83
    # = 68.6% < 80%: off track, which the projection never softens.
    stalled = judge(ind(actuals=[fig(2023, 34), fig("2024Q2", 34), fig("2024Q3", 34)]),
                    date(2024, 11, 1))
    assert stalled.status is S.off_track


def test_on_track_by_the_line_but_projected_to_miss():
    # A fast first quarter, a stall, then a catch-up to exactly the line:
    quarters = [fig("2023Q1", 32.5), fig("2023Q2", 32.6), fig("2023Q3", 32.6), fig("2023Q4", 33.4),
                fig("2024Q1", 34.2), fig("2024Q2", 35.0)]
    # The last point is exactly on the line (30 + 10*1.5/3 = 35): on track by the line. The
    # least-squares line through all seven points: x 2023.0..2024.5 step 0.25, mean 2023.75;
    # y 30, 32.5, 32.6, 32.6, 33.4, 34.2, 35.0: mean 32.9; sxx 1.75;
    # sxy = -0.75*-2.9 + -0.5*-0.4 + -0.25*-0.3 + 0 + 0.25*0.5 + 0.5*1.3 + 0.75*2.1
    #     = 2.175 + 0.2 + 0.075 + 0.125 + 0.65 + 1.575 = 4.8; slope 2.743
    # at 2026.0: 32.9 + 2.743 * 2.25 = 39.07 -> 9.07 of the 10 span: >= 80%, not a warning.
    ev = judge(ind(actuals=quarters), date(2024, 8, 1))
    assert ev.status is S.on_track and ev.projection.value == pytest.approx(39.07, abs=0.01)
    assert ev.projection.reaches is False
    # With a stricter share (at_risk_share 0.95) the same trend is a warning.
    strict = evaluate(ind(actuals=quarters), Settings(at_risk_share=0.95), date(2024, 8, 1),
                      START, END)
    assert strict.status is S.projected_to_miss


def test_final_verdicts_and_provisional_ones():
    reported = ind(actuals=[fig(2023, 33), fig(2025, 40)])
    assert judge(reported, AFTER).status is S.met
    assert judge(ind(actuals=[fig(2023, 33), fig(2025, 39)]), AFTER).status is S.missed
    # Not reported: the latest value and its period, and the trend's verdict.
    early = judge(ind(actuals=[fig(2023, 33), fig(2024, 38)]), AFTER)
    # trend (2023.0, 30) (2024.0, 33) (2025.0, 38): slope 4, mean y 33.667 -> 2026.0: 41.67
    assert early.status is S.likely_met and early.latest.period == 2024
    assert early.projection.value == pytest.approx(41.667, abs=1e-3)
    assert early.missing == ("final_value",)
    short = judge(ind(actuals=[fig(2023, 33)]), AFTER)  # the line: 39 < 40
    assert short.status is S.likely_missed and short.latest.value == 33
    # One point and no baseline: no trend. No data at all: no data.
    lone = ind(baseline=None, target={"period": 2025, "op": "multiple_of_baseline", "value": 2},
               actuals=[fig(2024, 12.12, as_at="2024-08-31")])
    ev = judge(lone, AFTER)
    assert ev.status is S.cannot_tell and ev.latest.value == 12.12
    assert judge(ind(), AFTER).status is S.no_data


def test_last_quarter_is_still_during_the_period():
    ev = judge(ind(actuals=[fig(2023, 33), fig(2024, 36)]), LAST_Q)
    # expected at t=2025.0: 30 + 10*2/3 = 36.67; 6 of 6.67 = 90%: at risk; trend 30,33,36 -> 39
    assert ev.status is S.at_risk and not ev.final
    assert ev.projection.value == pytest.approx(39.0)
    # 40 - 36 over one year (t 2025.0 -> 2026.0)
    assert ev.projection.required_pace == pytest.approx(4.0)


def test_a_value_as_at_a_day_is_known_from_that_day_and_is_not_the_year_end():
    patents = ind(actuals=[fig(2024, 36, as_at="2024-08-31")])
    assert judge(patents, date(2024, 8, 30)).latest is None
    assert judge(patents, date(2024, 9, 1)).latest.value == 36
    # after the period a 2025 value "as at" August is not the end-of-period value either
    partial = ind(actuals=[fig(2025, 41, as_at="2025-08-31")])
    assert judge(partial, AFTER).status is S.likely_met


def test_official_outcome_is_carried_beside_the_computed_verdict():
    outcome = {"verdict": "met", "stated_on": "2024-10-18", "wording": "提前实现翻番目标",
               "source": "test"}
    ev = judge(ind(baseline=None, outcome=outcome,
                   target={"period": 2025, "op": "multiple_of_baseline", "value": 2},
                   actuals=[fig(2024, 12.12, as_at="2024-08-31")]), AFTER)
    assert ev.status is S.cannot_tell  # computed: no baseline, no goal
    assert ev.official.verdict == "met" and ev.official.wording == "提前实现翻番目标"


def test_absolute_and_relative_tolerance():
    life = dict(unit="岁", baseline=None, target={"period": 2025, "op": "about", "value": 82})
    # default 2%: 82 * 0.98 = 80.36, so 81.5 is met — too loose for years of life
    assert judge(ind(**life, actuals=[fig(2025, 81.5)]), AFTER).status is S.met
    # ±0.3 years: 81.7 and above
    strict = dict(life, tolerance={"absolute": 0.3})
    assert judge(ind(**strict, actuals=[fig(2025, 81.5)]), AFTER).status is S.missed
    met = judge(ind(**strict, actuals=[fig(2025, 81.8)]), AFTER)
    assert met.status is S.met and met.within_tolerance  # met, 0.2 short: within tolerance
    relative = dict(life, tolerance={"relative": 0.005})  # 82 * 0.995 = 81.59
    assert judge(ind(**relative, actuals=[fig(2025, 81.5)]), AFTER).status is S.missed
    assert judge(ind(**dict(life, tolerance=0.005), actuals=[fig(2025, 81.6)]), AFTER).status \
        is S.met


def test_a_tolerance_with_both_kinds_is_a_located_error(run_plan, tmp_path):
    import shutil

    from tests.conftest import TESTS

    data = tmp_path / "data"
    shutil.copytree(TESTS / "fixtures" / "documents", data)
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tolerance: {absolute: 1}",
                                 "tolerance: {absolute: 1, relative: 0.1}"), encoding="utf-8")
    result = run_plan("check", "--data", data, "--lang", "zh")
    assert result.exit_code == 1
    assert "indicators.yaml:12:16: error[bad-tolerance] 允许误差只能写绝对值或相对值之一" \
        in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
