"""Words the reports print, in English and Chinese. Data stays as written."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # indicator statuses
    "met": ("met", "已达标"),
    "on_track": ("on track", "进度正常"),
    "at_risk": ("at risk", "有风险"),
    "off_track": ("off track", "明显滞后"),
    "no_data": ("no data", "无数据"),
    "no_baseline": ("no baseline", "缺基期值"),
    "missed": ("missed", "未达标"),
    # schedule states
    "done": ("done", "已完成"),
    "due": ("due", "本季到期"),
    "overdue": ("overdue", "逾期"),
    "upcoming": ("upcoming", "未到期"),
    "dropped": ("dropped", "已取消"),
    # headings and columns
    "plan": ("Plan", "计划"),
    "data": ("Data", "数据"),
    "as_of": ("As of", "截至"),
    "quarter": ("quarter", "季度"),
    "period": ("Period", "计划期"),
    "final": ("period ended: final evaluation", "计划期已结束:终期评估"),
    "ledgers": ("Ledgers", "台账"),
    "ledger": ("Ledger", "台账"),
    "entered": ("Entered", "已录入"),
    "assigned": ("Assigned", "已落实责任"),
    "entries": ("Schedule entries", "推进计划节点"),
    "areas": ("Indicators by key-task area", "各重点任务指标情况"),
    "area": ("Area", "重点任务"),
    "total": ("Total", "合计"),
    "no_area": ("(no area)", "(未归类)"),
    "gaps": ("Largest data gaps", "主要数据缺口"),
    "shipped": ("sample data shipped with plan", "plan 自带的示例数据"),
    # data gaps
    "gap_items_not_entered": ("{scope}: {count} items not entered yet",
                              "{scope}尚有 {count} 项未录入"),
    "gap_unassigned": ("{count} items without a responsible department",
                       "{count} 个事项未落实责任部门"),
    "gap_no_schedule": ("{count} items without a quarterly schedule",
                        "{count} 个事项没有季度推进计划"),
    "gap_no_actual": ("{count} indicators without any actual value",
                      "{count} 项指标没有任何实际值"),
    "gap_no_baseline": ("{count} indicators without the baseline their target needs",
                        "{count} 项指标缺少判断进度所需的基期值"),
}


def label(key: str, lang: str, **args) -> str:
    en, zh = LABELS.get(key, (key, key))
    text = zh if lang == "zh" else en
    return text.format(**args) if args else text
