"""``plan init DIR``: an empty plan repository for another plan or city.

It holds everything ``plan`` needs and nothing invented: the plan's identity
and period, empty indicator and owner registries, the five ledgers with no
items, the JSON Schemas with each data file pointing at its own, and the
files that run ``plan check`` on commit and in pull requests. The result
passes ``plan check`` at once; the gaps it reports are the work to do.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .load import INDICATORS_FILE, LEDGERS_DIR, OWNERS_FILE, PLAN_FILE
from .model import LedgerKind
from .schema import SCHEMA_DIR, modeline, schema_name, write_schemas

LEDGER_TITLES = {
    LedgerKind.provincial_tasks: ("provincial-tasks", "落实上级行动计划工作台账"),
    LedgerKind.provincial_key_tasks: ("provincial-key-tasks", "纳入上级行动计划重点任务台账"),
    LedgerKind.key_indicators: ("key-indicators", "重点指标工作台账"),
    LedgerKind.pilots: ("pilots", "试点示范工作台账"),
    LedgerKind.innovations: ("innovations", "创新性工作台账"),
}  # plan init writes these five; a generic ledger (kind: generic) is added by hand
_GITIGNORE = ".plan.lock\n.plan-cache/\n__pycache__/\n"
_README = """\
# {title}

The plan's data, kept with [plan](https://example.org/your-org/plan).
本仓库保存行动计划数据,由 plan 工具校验和汇总。

- `data/plan.yaml`: the plan, its period and key-task areas (计划、计划期、重点任务)
- `data/indicators.yaml`: indicators, targets and actuals (指标、目标值、实际值)
- `data/owners.yaml`: leaders and departments (分管市领导、责任部门)
- `data/ledgers/*.yaml`: the ledgers and their quarterly schedules (工作台账、季度推进计划)

Check before committing (提交前校验): `plan check`. Report progress (更新进度):
`plan update ITEM --quarter 2024Q2 --status done --done-on 2024-06-28`,
`plan record INDICATOR --period 2024 --value … --source …`, `plan note ITEM "…"`.
"""


# This tool's distribution on the package index ("plan-cli" there is another
# project, which also installs a `plan` command). pyproject.toml names the same.
DISTRIBUTION = "plan-taizhang"
CI_TEMPLATES = {"github": (".github/workflows/plan.yml", "github-workflow.yml"),
                "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml")}
_TOOL_LINE = re.compile(r'^(?P<indent>[ \t]*PLAN_TOOL: ).*$', re.M)


def installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a bare source checkout
        from tomllib import loads

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        return loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def default_tool_spec() -> str:
    """What a plan repository's CI installs by default: this tool at this version."""
    return f"{DISTRIBUTION}=={installed_version()}"


def with_tool(template: str, spec: str) -> str:
    """A CI template whose install line installs ``spec`` (a requirement, a wheel, a URL)."""
    quoted = json.dumps(spec, ensure_ascii=False)  # a JSON string is a YAML one
    return _TOOL_LINE.sub(lambda m: m["indent"] + quoted, template, count=1)


class ScaffoldError(Exception):
    """The folder already holds a plan, or the id is not one: a catalog msgid and its args."""

    def __init__(self, msgid: str, **args):
        super().__init__(msgid.format(**args))
        self.msgid, self.args_ = msgid, args


@dataclass(frozen=True)
class PlanIdentity:
    id: str
    title: str
    start: str  # 2023Q1
    end: str  # 2025Q4
    leader_level: str = "市"  # 分管市领导; a county plan: 县


def examples_dir() -> Path | None:
    """The example workflow and pre-commit config (in the wheel, or the checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_examples", here.parent / "examples"):
        if candidate.is_dir():
            return candidate
    return None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# The skeleton's comments, in the language plan init was asked for.
_COMMENTS = {
    "plan": ("# The plan (the \"1\"): identity, period and key-task areas; unknown stays null.",
             "# 计划本身:名称、计划期和重点任务;未知内容保持 null。"),
    "source": ("to be filled: where the plan is published", "出处待补充:计划的公开发布出处"),
    "settings": ("# The level of the leaders in charge (市, 县, 区, 省) and names of ledger kinds.",
                 "# 分管领导的层级(市、县、区、省)和各类台账的名称。"),
    "indicators": ("# Every quantified target: a figure only with its period and source.",
                   "# 指标:每个数值须注明期间与来源。"),
    "owners": ("# Leaders in charge and departments (with their aliases and sections).",
               "# 分管领导和责任部门(可注明简称和科室)。"),
}


def _files(plan: PlanIdentity, lang: str = "en") -> dict[str, str]:
    say = {key: pair[1 if lang == "zh" else 0] for key, pair in _COMMENTS.items()}
    files = {
        PLAN_FILE: (
            f"{say['plan']}\n"
            f"plan:\n  id: {plan.id}\n  title: {_quote(plan.title)}\n  issuer: null\n"
            f"  period: {{start: {plan.start}, end: {plan.end}}}\n  goal: null\n"
            f"  source: {_quote(say['source'])}\n"
            f"  {say['settings']}\n"
            f"  settings: {{leader_level: {plan.leader_level}}}\n"
            "areas: []\n"),
        INDICATORS_FILE: f"{say['indicators']}\nindicators: []\n",
        OWNERS_FILE: f"{say['owners']}\nleaders: []\ndepartments: []\n",
    }
    for kind, (ledger_id, title) in LEDGER_TITLES.items():
        files[f"{LEDGERS_DIR}/{ledger_id}.yaml"] = (
            f"# {title}\nledger:\n  id: {ledger_id}\n  kind: {kind.value}\n"
            f"  title: {title}\n  declared_count: null\nitems: []\n")
    return files


def existing_plan_files(root: Path) -> list[Path]:
    """The plan files under ``root`` that :func:`scaffold` would overwrite: any data
    file (ledgers of any name included) and the schemas it writes."""
    from .schema import schemas

    data = root / "data"
    found = [data / rel for rel in _files(PlanIdentity("x", "", "", ""), "en")]
    found += sorted((data / LEDGERS_DIR).glob("*.y*ml"))
    found += [root / SCHEMA_DIR / name for name in schemas()]
    return sorted({p for p in found if os.path.lexists(p)})


def scaffold(root: Path, plan: PlanIdentity, lang: str = "en", tool: str | None = None,
             ci: str = "github", force: bool = False) -> list[Path]:
    """Create the plan repository at ``root``; return the files written.

    ``lang`` is the language of the skeleton's comments; ``ci`` (github, gitlab or
    none) picks the CI configuration, whose install line installs ``tool`` (default:
    this tool at this version). A folder that holds any plan file is refused
    (:class:`ScaffoldError` lists them) unless ``force``: ``plan init`` must never
    destroy data."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", plan.id):
        raise ScaffoldError("{value} is not an id: letters, digits, '-', '_', '.'",
                            value=repr(plan.id))
    if os.path.lexists(root) and not root.is_dir():
        raise ScaffoldError("{path} is a file, not a folder: name a new or existing folder",
                            path=str(root))
    data = root / "data"
    existing = existing_plan_files(root)
    if existing and not force:
        raise ScaffoldError("{path} already holds plan files; plan init would overwrite:\n"
                            "{files}nothing was written; add --force to overwrite them",
                            path=str(root), files="".join(f"  {p}\n" for p in existing))
    for path in existing:
        if path.is_symlink():
            path.unlink()  # replaced by a file, never written through
    written = []
    schema_dir = root / SCHEMA_DIR
    for rel, text in _files(plan, lang).items():
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = text.split("kind: ", 1)[1].split("\n", 1)[0] if rel.startswith(LEDGERS_DIR) else None
        line = modeline(path, schema_dir, schema_name(rel, kind))
        path.write_text(f"{line}\n{text}", encoding="utf-8", newline="\n")
        written.append(path)
    written += write_schemas(schema_dir)
    extras = {root / ".gitignore": _GITIGNORE, root / "README.md": _README.format(title=plan.title)}
    examples = examples_dir()
    if examples is not None:
        if ci in CI_TEMPLATES:
            target, name = CI_TEMPLATES[ci]
            extras[root / target] = with_tool((examples / name).read_text(encoding="utf-8"),
                                              tool or default_tool_spec())
        extras[root / ".pre-commit-config.yaml"] = \
            (examples / "pre-commit-config.yaml").read_text(encoding="utf-8")
    for path, text in extras.items():
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written
