"""三色预警: the colours of entries, items and indicators (plan_cli/lights.py)."""

from datetime import date

from plan_cli.lights import Light, entry_light, indicator_light, item_light, worst
from plan_cli.model import ScheduleEntry, ProvincialTaskItem

AS_OF = date(2024, 5, 15)  # in 2024Q2


def entry(quarter, status="planned", done_on=None):
    return ScheduleEntry(quarter=quarter, deliverable="x", status=status, done_on=done_on)


def test_entry_colours():
    assert entry_light(entry("2024Q3"), AS_OF) is Light.green          # not due yet
    assert entry_light(entry("2024Q2"), AS_OF) is Light.yellow         # due this quarter
    assert entry_light(entry("2024Q1", "in_progress"), AS_OF) is Light.red  # overdue
    assert entry_light(entry("2024Q1", "done", "2024-03-20"), AS_OF) is Light.green  # on time
    assert entry_light(entry("2024Q1", "done", "2024-04-02"), AS_OF) is Light.yellow  # late
    assert entry_light(entry("2024Q1", "dropped"), AS_OF) is None
    # done after the as-of date: still open then, so overdue
    assert entry_light(entry("2024Q1", "done", "2024-06-01"), AS_OF) is Light.red


def test_item_takes_the_worst_entry():
    item = ProvincialTaskItem(id="PT-1", title="t", schedule=[
        entry("2024Q1", "done", "2024-03-01"), entry("2024Q2")])
    assert item_light(item, AS_OF) is Light.yellow
    assert item_light(ProvincialTaskItem(id="PT-2", title="t"), AS_OF) is None
    assert worst([None, Light.green, Light.red, Light.yellow]) is Light.red


def test_indicator_colours():
    assert indicator_light("met") is indicator_light("on_track") is Light.green
    assert indicator_light("at_risk") is Light.yellow
    assert indicator_light("off_track") is indicator_light("missed") is Light.red
    assert indicator_light("no_data") is None


def test_indicator_colours_of_the_new_statuses_and_official_outcomes():
    from datetime import date

    from plan_cli.evaluate import evaluate
    from plan_cli.lights import Light, evaluation_light, indicator_light
    from plan_cli.model import Indicator, Settings
    from plan_cli.quarter import Quarter

    assert indicator_light("projected_to_miss") is Light.red
    assert indicator_light("likely_met") is Light.green
    assert indicator_light("likely_missed") is Light.red
    assert indicator_light("cannot_tell") is None
    ind = Indicator.model_validate({
        "id": "p", "name": "p", "unit": "件", "direction": "up", "source": "t",
        "target": {"period": 2025, "op": "multiple_of_baseline", "value": 2},
        "actuals": [{"period": 2024, "value": 12.12, "source": "t", "as_at": "2024-08-31"}]})
    after = date(2026, 3, 1)
    ev = evaluate(ind, Settings(), after, Quarter(2023, 1), Quarter(2025, 4))
    assert ev.status == "cannot_tell" and evaluation_light(ev) is None
    met = Indicator.model_validate({**ind.model_dump(mode="json"), "outcome": {
        "verdict": "met", "wording": "提前实现", "source": "t"}})
    ev = evaluate(met, Settings(), after, Quarter(2023, 1), Quarter(2025, 4))
    assert evaluation_light(ev) is Light.green  # the official outcome gives the colour
