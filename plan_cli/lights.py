"""三色预警: the one place that decides an item's or an indicator's colour.

Every output (tables, markdown, CSV, JSON, xlsx, docx, the site) asks this
module, so the colours and their words never disagree (design §7):

* a schedule entry is **green** when done on time or not yet due (on course),
  **yellow** when due this quarter or done after its quarter, **red** when
  overdue; a dropped entry has no colour;
* an item takes the worst colour of its entries (no entries: no colour);
* an indicator is **green** when met or on track, **yellow** at risk, **red**
  off track, missed or projected to miss; without data it has no colour.
  After the period a provisional verdict takes the colour of the verdict it
  anticipates (likely met green, likely missed red); ``cannot_tell`` has none,
  unless an officially reported outcome says met (green) or missed (red).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .model import Item, ScheduleEntry
from .schedule import EntryState, done_late, state_at


class Light(StrEnum):
    green = "green"
    yellow = "yellow"
    red = "red"


_RANK = {Light.green: 0, Light.yellow: 1, Light.red: 2}

_ENTRY_LIGHTS = {
    EntryState.upcoming: Light.green,
    EntryState.due: Light.yellow,
    EntryState.overdue: Light.red,
}

# Indicator statuses by their string value, so statuses added later
# (e.g. "projected_to_miss") need only a line here.
_INDICATOR_LIGHTS = {
    "met": Light.green,
    "on_track": Light.green,
    "at_risk": Light.yellow,
    "off_track": Light.red,
    "missed": Light.red,
    "projected_to_miss": Light.red,
    "likely_met": Light.green,
    "likely_missed": Light.red,
}
_OUTCOME_LIGHTS = {"met": Light.green, "missed": Light.red}


def entry_light(entry: ScheduleEntry, as_of: date) -> Light | None:
    """The colour of one schedule entry as known on ``as_of``."""
    state = state_at(entry, as_of)
    if state is EntryState.done:
        return Light.yellow if done_late(entry) else Light.green
    return _ENTRY_LIGHTS.get(state)  # dropped: None


def worst(lights) -> Light | None:
    """The worst of some colours (None ignored); None when there are none."""
    present = [light for light in lights if light is not None]
    return max(present, key=_RANK.__getitem__) if present else None


def item_light(item: Item, as_of: date) -> Light | None:
    """The worst colour of an item's schedule entries."""
    return worst(entry_light(e, as_of) for e in item.schedule)


def indicator_light(status: str) -> Light | None:
    """The colour of an indicator status (``IndicatorStatus`` value)."""
    return _INDICATOR_LIGHTS.get(str(status))


def evaluation_light(ev) -> Light | None:
    """The colour of an :class:`~plan_cli.evaluate.Evaluation`: its status's, or, when the
    computed status gives none, the officially reported outcome's."""
    light = indicator_light(ev.status)
    if light is None and ev.official is not None:
        return _OUTCOME_LIGHTS.get(str(ev.official.verdict))
    return light
