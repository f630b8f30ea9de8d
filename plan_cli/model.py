"""The data model: what each file under ``data/`` may hold.

Every model forbids unknown keys, so a typo (``deparment:``) is an error at its
line instead of a silently ignored field. Values that are not known stay empty
(``null`` or an empty list); the reports show them as missing rather than
guessing.

Files and their top-level models:

* ``plan.yaml``        -> :class:`PlanFile`
* ``indicators.yaml``  -> :class:`IndicatorsFile`
* ``owners.yaml``      -> :class:`OwnersFile`
* ``ledgers/*.yaml``   -> ``LEDGER_FILE_MODELS[kind]`` (one item model per ledger kind)
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    FiniteFloat,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from pydantic_core import PydanticCustomError

from .quarter import Quarter, parse_period


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- scalar types -----------------------------------------------------------

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# Quarters and dates repeat by the thousand in a large plan (12 schedule entries
# an item): parse each text once and share the (immutable) result.
_QUARTER_MEMO: dict[str, Quarter] = {}
_DATE_MEMO: dict[str, date] = {}


def _parse_date(value: Any) -> date:
    # Dates arrive as strings (the YAML reader never builds dates) so that a bad
    # date is a located validation error, not a crash inside the parser.
    if isinstance(value, date):
        return value
    if type(value) is str:
        known = _DATE_MEMO.get(value)
        if known is not None:
            return known
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            day = date.fromisoformat(value)
            if len(_DATE_MEMO) < 65536:
                _DATE_MEMO[value] = day
            return day
        except ValueError as exc:
            raise PydanticCustomError(
                "bad_date", "{value} is not a real date: {detail}",
                {"value": value, "detail": f": {exc}"},
            ) from None
    raise PydanticCustomError("bad_date", "{value} is not a date; write it as 2024-06-30",
                              {"value": repr(value), "detail": ""})


def _parse_quarter(value: Any) -> Quarter:
    if isinstance(value, Quarter):
        return value
    if type(value) is str:
        known = _QUARTER_MEMO.get(value)
        if known is not None:
            return known
    try:
        quarter = Quarter.parse(value if isinstance(value, str) else repr(value))
        if type(value) is str and len(_QUARTER_MEMO) < 4096:
            _QUARTER_MEMO[value] = quarter
        return quarter
    except ValueError:
        raise PydanticCustomError("bad_quarter", "{value} is not a quarter; write 2024Q2",
                                  {"value": repr(value)}) from None


def _parse_period(value: Any) -> int | Quarter:
    try:
        return parse_period(value)
    except ValueError:
        pass
    raise PydanticCustomError("bad_period", "{value} is not a period; write 2024 or 2024Q2",
                              {"value": repr(value)})


IsoDate = Annotated[
    date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
QuarterValue = Annotated[
    Quarter,
    BeforeValidator(_parse_quarter),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}Q[1-4]$"}),
]
Period = Annotated[
    int | Quarter,
    BeforeValidator(_parse_period),
    PlainSerializer(lambda p: p if isinstance(p, int) else str(p)),
    WithJsonSchema(
        {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\d{4}Q[1-4]$"}]}
    ),
]


# --- plan.yaml --------------------------------------------------------------


class PlanPeriod(Strict):
    start: QuarterValue
    end: QuarterValue


class ParentPlan(Strict):
    title: Text
    issuer: Text | None = None
    issued: Text | None = Field(None, description="when it was issued, as the source gives it")
    source: Text | None = None


class RankingWeights(Strict):
    """考评 score = on_time_rate × on_time − overdue × n − stale × n − indicators_behind × n.

    The weights are the office's policy, not the plan's (docs/reports.md)."""

    on_time: float = Field(100, ge=0, description="points for a 100% on-time completion rate")
    overdue: float = Field(5, ge=0, description="points off per overdue schedule entry")
    stale: float = Field(2, ge=0, description="points off per stale item")
    indicators_behind: float = Field(5, ge=0, description="points off per indicator behind")


class NoticeSettings(Strict):
    """督办单 escalation by quarters overdue: 提醒 (blue), 催办 (orange), 督办 (red)."""

    remind: int = Field(1, ge=1, description="quarters overdue from which a 提醒 is sent")
    urge: int = Field(2, ge=1, description="quarters overdue from which it is a 催办")
    supervise: int = Field(3, ge=1, description="quarters overdue from which it is a 督办")
    reply_days: int = Field(10, ge=1, le=366, description="days the department has to reply")


class Tolerance(Strict):
    """How far short of a 左右 target still counts as met: absolute (in the unit) or relative."""

    absolute: float | None = Field(None, ge=0, description="±value in the indicator's unit")
    relative: float | None = Field(None, ge=0, lt=1, description="share of the target: 0.01")


    @model_validator(mode="after")
    def _one_kind(self) -> Tolerance:
        if (self.absolute is None) == (self.relative is None):
            raise PydanticCustomError(
                "bad_tolerance", "give one of absolute or relative", {"value": "tolerance"})
        return self


def _bare_tolerance(value: Any) -> Any:
    # A bare number is a relative tolerance, as about_tolerance is.
    # Its range is checked here, so that the error names `tolerance`, not `relative`.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise PydanticCustomError("greater_than_equal",
                                      "Input should be greater than or equal to 0")
        if value >= 1:
            raise PydanticCustomError("less_than", "Input should be less than 1")
        return {"relative": value}
    return value


ToleranceValue = Annotated[
    Tolerance,
    BeforeValidator(_bare_tolerance),
    WithJsonSchema({"anyOf": [
        {"type": "number", "minimum": 0, "exclusiveMaximum": 1},
        {"type": "object", "additionalProperties": False, "minProperties": 1, "maxProperties": 1,
         "properties": {"absolute": {"type": "number", "minimum": 0},
                        "relative": {"type": "number", "minimum": 0, "exclusiveMaximum": 1}}}]}),
]


class Settings(Strict):
    about_tolerance: float = Field(
        0.02,
        ge=0,
        lt=1,
        description="relative tolerance of 左右 targets: 0.02 accepts 2% short of the value "
        "(the office's policy choice; the plan says only 左右)",
    )
    at_risk_share: float = Field(
        0.8,
        gt=0,
        le=1,
        description="share of the expected progress below which an indicator is off track",
    )
    stale_after_quarters: int = Field(
        1, ge=1, description="an item with no update for this many quarters is stale"
    )
    leader_level: Text = Field(
        "市", description="the level of the leaders in charge, as in 分管市领导: 市, 县, 区, 省 …"
    )
    ledger_kind_names: dict[str, Text] = Field(
        {}, description="display names of ledger kinds, e.g. generic: 责任清单")
    public_contacts: list[str] = Field(
        default_factory=list,
        description="public office numbers and addresses allowed in the data (a hotline, "
        "a service desk); every other contact is refused by the personal-data rule",
    )
    ranking: RankingWeights = Field(default_factory=lambda: RankingWeights(),
                                    description="weights of the 考评 score (plan owners, report)")
    notice: NoticeSettings = Field(default_factory=lambda: NoticeSettings(),
                                   description="督办单: escalation thresholds and reply time")


class PlanInfo(Strict):
    id: Id
    title: Text
    issuer: Text | None = None
    announced_on: IsoDate | None = None
    period: PlanPeriod
    parent: ParentPlan | None = None
    goal: Text | None = None
    source: Text
    synthetic: bool = Field(False, description="made-up example data: every output says so")
    settings: Settings = Settings()


class Area(Strict):
    id: Id
    title: Text
    summary: Text | None = None
    source: Text | None = None


class PlanFile(Strict):
    plan: PlanInfo
    areas: list[Area] = []


# --- indicators.yaml --------------------------------------------------------


class Direction(StrEnum):
    up = "up"
    down = "down"


class Measure(StrEnum):
    level = "level"  # the value at the period
    annual_growth = "annual_growth"  # each year's growth rate, in %
    cumulative = "cumulative"  # running total since the plan began (baseline 0)
    rank = "rank"  # position in the province; 1 is first


class Op(StrEnum):
    about = "about"  # 左右
    at_least = "at_least"  # 以上, 达到 (direction up)
    more_than = "more_than"  # 超过
    at_most = "at_most"  # 以下, 达到 (direction down), 领先 as rank <= 1
    less_than = "less_than"  # 以内, 低于
    multiple_of_baseline = "multiple_of_baseline"  # 翻番: value is the factor


class Target(Strict):
    period: Period
    op: Op
    value: FiniteFloat  # .nan and .inf are YAML numbers, not figures
    wording: Text | None = Field(None, description="the plan's own words for this target")
    source: Text | None = None


class Correction(Strict):
    """Marks a change to an entry of a quarter already closed, with the reason."""

    date: IsoDate
    reason: Text
    by: Text | None = None


class Figure(Strict):
    """A baseline or an actual: a value for a period, always with its source."""

    period: Period
    value: FiniteFloat  # .nan and .inf are YAML numbers, not figures
    source: Text
    note: Text | None = None
    as_at: IsoDate | None = Field(
        None, description="the day the value stands at when it is not the period's end "
        "(a January–August report: period 2024, as_at 2024-08-31)")


class Actual(Figure):
    """An actual; one that puts the indicator off track states why and what is done."""

    cause: Text | None = Field(None, description="原因: why the indicator is off track")
    corrective_action: Text | None = Field(None, description="整改措施")
    correction: Correction | None = Field(
        None, description="更正: why an actual of a period already closed was changed")


class OutcomeVerdict(StrEnum):
    met = "met"
    missed = "missed"


class Outcome(Strict):
    """An officially reported outcome (a government statement), distinct from a computed one."""

    verdict: OutcomeVerdict
    stated_on: IsoDate | None = Field(None, description="when the statement was made")
    wording: Text = Field(description="the statement's own words")
    source: Text


class Revision(Strict):
    """An approved change to the plan: a changed target or a removed item or indicator.

    ``plan check --against BASE`` accepts such a change only with a revision
    record that BASE did not have.
    """

    date: IsoDate
    approved_by: Text = Field(description="who approved the change (审批机关)")
    document: Text = Field(description="the approving document's number (文号)")
    reason: Text | None = None
    removed: list[Id] = Field([], description="ids of the items or indicators it removes")


class Indicator(Strict):
    id: Id
    name: Text
    area: Text | None = None  # an area id; checked against plan.yaml, title hinted
    unit: Text
    direction: Direction
    measure: Measure = Measure.level
    target: Target
    baseline: Figure | None = None
    actuals: list[Actual] = []
    tolerance: ToleranceValue | None = Field(
        None, description="overrides about_tolerance: a share (0.01) or "
        "{absolute: 0.5} / {relative: 0.01}")
    outcome: Outcome | None = Field(None, description="an officially reported outcome")
    source: Text
    note: Text | None = None
    revisions: list[Revision] = Field([], description="approved changes of the target")


class IndicatorsFile(Strict):
    indicators: list[Indicator] = []
    revisions: list[Revision] = Field([], description="approved removals of indicators")


# --- owners.yaml ------------------------------------------------------------


class Leader(Strict):
    name: Text
    title: Text | None = None
    source: Text | None = None


class Department(Strict):
    name: Text
    full_name: Text | None = None
    aliases: list[Text] = []
    role: Text | None = None
    sections: list[Text] = []
    source: Text | None = None
    note: Text | None = None


class OwnersFile(Strict):
    leaders: list[Leader] = []
    departments: list[Department] = []


# --- ledgers/*.yaml ---------------------------------------------------------


class EntryStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    delayed = "delayed"
    blocked = "blocked"
    dropped = "dropped"


CLOSED_STATUSES = frozenset({EntryStatus.done, EntryStatus.dropped})


class ScheduleEntry(Strict):
    quarter: QuarterValue
    deliverable: Text
    status: EntryStatus = EntryStatus.planned
    done_on: IsoDate | None = None
    evidence: Text | None = None
    note: Text | None = None
    cause: Text | None = Field(None, description="原因: why the entry is delayed or blocked")
    corrective_action: Text | None = Field(None, description="整改措施")
    correction: Correction | None = None


class Update(Strict):
    date: IsoDate
    text: Text
    by: Text | None = None


class Owners(Strict):
    leader: Text | None = None
    department: Text | None = None
    section: Text | None = None
    staff: list[Text] = []


class LedgerKind(StrEnum):
    provincial_tasks = "provincial_tasks"
    provincial_key_tasks = "provincial_key_tasks"
    key_indicators = "key_indicators"
    pilots = "pilots"
    innovations = "innovations"
    generic = "generic"  # any other list (责任清单, 政策清单, …): the common fields only


class Item(Strict):
    """Fields every ledger item has, whatever its ledger."""

    id: Id
    title: Text
    area: Text | None = None  # an area id; checked against plan.yaml, title hinted
    owners: Owners = Owners()
    indicators: list[Id] = []
    schedule: list[ScheduleEntry] = []
    updates: list[Update] = []
    source: Text | None = None
    note: Text | None = None
    revisions: list[Revision] = Field([], description="approved changes of its targets")


class ProvincialTaskItem(Item):
    provincial_clause: Text | None = Field(None, description="the provincial plan's clause")
    annual_key_work: Text | None = Field(None, description="年度重点工作")
    measures: list[Text] = Field([], description="落实举措")
    goal: Text | None = Field(None, description="目标任务")


class ProvincialKeyTaskItem(Item):
    provincial_clause: Text | None = Field(None, description="the clause naming the city")
    arrangement: Text | None = Field(None, description="重点安排")


class KeyIndicatorItem(Item):
    indicator: Id
    provincial_target: Target | None = None
    stretch_target: Target | None = Field(None, description="冲击目标: never weaker")


class PilotLevel(StrEnum):
    national = "national"
    provincial = "provincial"
    municipal = "municipal"


class PilotItem(Item):
    level: PilotLevel | None = None
    application_status: Text | None = Field(None, description="state of the application")


class InnovationItem(Item):
    origin: Text | None = Field(None, description="where the task comes from")
    goal: Text | None = None


ITEM_MODELS: dict[LedgerKind, type[Item]] = {
    LedgerKind.provincial_tasks: ProvincialTaskItem,
    LedgerKind.provincial_key_tasks: ProvincialKeyTaskItem,
    LedgerKind.key_indicators: KeyIndicatorItem,
    LedgerKind.pilots: PilotItem,
    LedgerKind.innovations: InnovationItem,
    LedgerKind.generic: Item,
}


class LedgerInfo(Strict):
    id: Id
    kind: LedgerKind
    title: Text
    name: Text | None = Field(None, description="a short name for tables; the title otherwise")
    declared_count: int | None = Field(None, ge=0, description="item count the plan declares")
    source: Text | None = None
    note: Text | None = None


ItemT = TypeVar("ItemT", bound=Item)


class LedgerFile(Strict, Generic[ItemT]):
    ledger: LedgerInfo
    items: list[ItemT] = []
    revisions: list[Revision] = Field([], description="approved removals of items")


LEDGER_FILE_MODELS: dict[LedgerKind, type[LedgerFile]] = {
    kind: LedgerFile[model] for kind, model in ITEM_MODELS.items()
}
