"""The one catalog of what plan says, in English and Chinese: what each diagnostic
code says (CATALOG), the words the reports print (LABELS), the help texts of
commands and options (HELP) and the command-line framework's own words (FRAMEWORK).

A check emits a code and its arguments; the text is chosen when printing, so
``plan check --lang zh`` and ``--lang en`` say the same thing naturally in
each language. Every code ``plan check`` can emit has an entry here (a test
keeps it so). A template may use ``{arg}`` fields from the diagnostic.

Each entry: ``code: (english, chinese, hint_en, hint_zh)``; hints may be None.
"""

from __future__ import annotations

import os
import sys

CATALOG: dict[str, tuple[str, str, str | None, str | None]] = {
    # --- reading files -----------------------------------------------------
    "yaml-syntax": (
        "YAML syntax error: {detail}",
        "YAML 语法错误:{detail}",
        "check indentation (spaces, not tabs) and that every ':' has a space after it",
        "请检查缩进(用空格,不要用 Tab),以及每个冒号后是否有空格",
    ),
    "encoding": (
        "the file is not UTF-8 ({detail})",
        "文件不是 UTF-8 编码({detail})",
        "save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        "请将文件另存为 UTF-8 编码(记事本:另存为,编码选 UTF-8)",
    ),
    "bad-character": (
        "the file contains the control character {character}, which YAML does not allow",
        "文件含有 YAML 不允许的控制字符 {character}",
        "is this really a text file? Remove the character or restore the file from git",
        "请确认这是文本文件;删除该字符,或从 git 恢复该文件",
    ),
    "full-width-punctuation": (
        "{name} '{character}' where YAML needs '{ascii}'",
        "第 {line} 行第 {column} 列是{name}“{character}”,请改为半角“{ascii}”",
        "Chinese input methods type full-width punctuation: switch to half-width "
        "(Shift, or Ctrl+.) and type '{ascii}' (a colon is followed by a space)",
        "中文输入法常输入全角符号:请切换为半角(按 Shift 或 Ctrl+.)后输入“{ascii}”"
        "(冒号后须留一个空格)",
    ),
    "duplicate-key": (
        "duplicate key '{key}' (first at line {first_line})",
        "键“{key}”重复(首次出现在第 {first_line} 行)",
        "remove or rename one of them; only the first is used",
        "请删除或改名其中一个;目前只采用第一个",
    ),
    "complex-key": (
        "a key must be plain text, not a list or mapping",
        "键必须是普通文字,不能是列表或映射",
        None,
        None,
    ),
    "merge-key": (
        "merge keys ('<<:') are not read: this key and its value are ignored",
        "不支持合并键(“<<:”):该键及其值已被忽略",
        "write the keys out in full in each mapping instead of merging them in",
        "请在每个映射中把各个键完整写出,不要用合并键",
    ),
    "explicit-tag": (
        "explicit YAML tag '{tag}' is not allowed",
        "不允许使用显式 YAML 标签“{tag}”",
        "remove the tag; to keep a value as text, put it in quotes: '2024'",
        "请删除该标签;若要把值当作文字,请加引号,例如 '2024'",
    ),
    "multiple-documents": (
        "only one YAML document per file; this second one is ignored",
        "每个文件只能有一个 YAML 文档;第二个文档已被忽略",
        "remove the '---' line and merge the content",
        "请删除“---”行,把内容合并到一个文档中",
    ),
    "personal-data": (
        "{kind} ({value}) in a shared plan: personal data does not belong here",
        "共享的计划数据中含有{kind}({value}),不应包含个人信息",
        "write names and offices (责任部门、科室), not contacts; a public office number can be "
        "allowed in {file} under plan: settings: public_contacts",
        "请只写姓名和部门科室,不写联系方式;公开的办公电话可在 {file} 的 "
        "plan: settings: public_contacts 中列为允许",
    ),
    "missing-file": (
        "required file {file} is missing",
        "缺少必需的文件 {file}",
        "create it (see `plan init`) or point --data at the right folder",
        "请创建该文件,或用 --data 指向正确的数据目录",
    ),
    "read-error": ("cannot read the file: {detail}", "无法读取文件:{detail}", None, None),
    "not-regular-file": (
        "this is {kind}, not a regular file: it is not read",
        "这是{kind},不是普通文件,不予读取",
        "commit the file itself, not a link to it or a device",
        "请提交文件本身,不要提交指向它的链接或设备文件",
    ),
    "file-too-large": (
        "the file is {size} bytes, over the limit of {limit} bytes: it is not read",
        "文件大小为 {size} 字节,超过上限 {limit} 字节,不予读取",
        "split it into smaller files, or raise the limit with {variable} (bytes, or e.g. 200M)",
        "请拆分为较小的文件,或用环境变量 {variable} 提高上限(字节数,或如 200M)",
    ),
    "alias": (
        "YAML aliases (*{name}) are not allowed in plan data",
        "计划数据中不允许使用 YAML 别名(*{name})",
        "write the value out in full here",
        "请在此处写出完整的值",
    ),
    "too-deep": (
        "lists and mappings are nested more than {limit} deep here",
        "此处列表和映射的嵌套超过 {limit} 层",
        "no plan data is nested this deep: check the brackets and indentation",
        "计划数据不会嵌套这么深:请检查括号和缩进",
    ),
    "number-too-large": (
        "the number {preview} is too large (at most {limit} in magnitude)",
        "数字 {preview} 过大(绝对值不得超过 {limit})",
        "check the figure and its unit (万元, 亿元)",
        "请核对数值及其单位(万元、亿元)",
    ),
    # --- shape of the data (from the model) -------------------------------
    "missing-field": (
        "missing required field '{field}'",
        "缺少必填字段“{field}”",
        "add '{field}:' here",
        "请在此处添加“{field}:”",
    ),
    "unknown-field": (
        "unknown field '{field}'{where}{suggestion}",
        "未知字段“{field}”{where}{suggestion}",
        "{allowed}",
        "{allowed}",
    ),
    "wrong-type": (
        "'{field}' should be {expected}, not {got}",
        "“{field}”应为{expected},而不是{got}",
        None,
        None,
    ),
    "empty-value": (
        "'{field}' is empty",
        "“{field}”为空",
        "write a value, or null if it is not known",
        "请填写内容;未知时写 null",
    ),
    "invalid-choice": (
        "'{value}' is not a valid {field}; choose one of: {choices}",
        "“{value}”不是有效的 {field},可选值:{choices}",
        None,
        None,
    ),
    "bad-id": (
        "'{value}' is not a valid id",
        "“{value}”不是有效的编号",
        "use letters, digits and '-', '_' or '.', starting with a letter or digit (e.g. PT-001)",
        "编号只能用字母、数字及“-”“_”“.”,以字母或数字开头(如 PT-001)",
    ),
    "bad-date": (
        "{value} is not a valid date{detail}",
        "{value} 不是有效日期{detail}",
        "write dates as 2024-06-30",
        "日期请写成 2024-06-30 的格式",
    ),
    "bad-quarter": (
        "{value} is not a quarter",
        "{value} 不是有效的季度",
        "write quarters as 2024Q2 (year, Q, 1-4)",
        "季度请写成 2024Q2 的格式(年份 + Q + 1~4)",
    ),
    "bad-period": (
        "{value} is not a period",
        "{value} 不是有效的期间",
        "write a year (2024) or a quarter (2024Q2)",
        "请写年份(如 2024)或季度(如 2024Q2)",
    ),
    "bad-tolerance": (
        "a tolerance is absolute or relative, not both or neither",
        "允许误差只能写绝对值或相对值之一",
        "write tolerance: {{absolute: 0.5}} (in the unit) or tolerance: {{relative: 0.01}}",
        "请写 tolerance: {{absolute: 0.5}}(按指标单位)或 tolerance: {{relative: 0.01}}",
    ),
    "out-of-range": ("'{field}': {detail}", "“{field}”取值超出范围:{detail}", None, None),
    "invalid-value": ("'{field}': {detail}", "“{field}”取值无效:{detail}", None, None),
    "unknown-ledger-kind": (
        "'{value}' is not a ledger kind; choose one of: {choices}",
        "“{value}”不是台账类型,可选值:{choices}",
        None,
        None,
    ),
    # --- cross-file rules ---------------------------------------------------
    "duplicate-id": (
        "id '{id}' is already used at {other}",
        "编号“{id}”已在 {other} 使用",
        "ids must be unique across all files; rename one",
        "编号在所有文件中必须唯一,请改用其他编号",
    ),
    "unknown-area": (
        "area '{value}' is not a key-task area in plan.yaml{suggestion}",
        "任务领域“{value}”不在 plan.yaml 的重点任务中{suggestion}",
        None,
        None,
    ),
    "unknown-indicator": (
        "indicator '{value}' is not in indicators.yaml{suggestion}",
        "指标“{value}”不在 indicators.yaml 中{suggestion}",
        None,
        None,
    ),
    "unknown-department": (
        "department '{value}' is not in owners.yaml{suggestion}",
        "责任部门“{value}”未在 owners.yaml 中登记{suggestion}",
        "add it to owners.yaml under departments, or use a registered name",
        "请在 owners.yaml 的 departments 中登记,或改用已登记的名称",
    ),
    "unknown-leader": (
        "leader '{value}' is not in owners.yaml{suggestion}",
        "分管领导“{value}”未在 owners.yaml 中登记{suggestion}",
        "add the leader to owners.yaml under leaders",
        "请在 owners.yaml 的 leaders 中登记",
    ),
    "unknown-section": (
        "section '{value}' is not a section of {department} in owners.yaml",
        "科室“{value}”不是 owners.yaml 中 {department} 的科室",
        None,
        None,
    ),
    "outside-period": (
        "{value} is outside the plan period {start}–{end}",
        "{value} 不在计划期 {start}—{end} 之内",
        None,
        None,
    ),
    "date-in-future": (
        "date {value} is after today ({today})",
        "日期 {value} 晚于今天({today})",
        "record an entry as done only once it is done",
        "事项完成后再标记为已完成",
    ),
    "done-without-date": (
        "a done entry needs 'done_on', the date it was finished",
        "已完成的事项须填写完成日期 done_on",
        "add 'done_on: 2024-06-30' with the real date",
        "请添加“done_on: 2024-06-30”(填写实际日期)",
    ),
    "period-in-future": (
        "an actual for {value} cannot be known yet (today is {today})",
        "{value} 尚未结束,不应已有实际值(今天是 {today})",
        None,
        None,
    ),
    "impossible-growth": (
        "a growth rate of {value}% is impossible: nothing can shrink by 100% or more",
        "增长率 {value}% 不可能:降幅不能达到或超过 100%",
        "growth is entered in percent: -3.5 means a fall of 3.5%",
        "增长率以百分数填写:-3.5 表示下降 3.5%",
    ),
    "baseline-after-target": (
        "the baseline period {value} is not before the target period {target}",
        "基期 {value} 不早于目标期 {target}",
        None,
        None,
    ),
    "op-contradicts-wording": (
        "operator '{op}' does not match the plan's wording '{wording}' (which reads as '{expected}')",
        "运算符“{op}”与计划原文“{wording}”不符(原文应为“{expected}”)",
        "the plan's own words decide the operator: 左右 about, 超过 more_than, 以上 at_least, "
        "以内 less_than, 翻番 multiple_of_baseline",
        "运算符以计划原文为准:左右 about,超过 more_than,以上 at_least,以内 less_than,翻番 multiple_of_baseline",
    ),
    "value-contradicts-wording": (
        "value {value} does not match the plan's wording '{wording}' (which says {numbers})",
        "目标值 {value} 与计划原文“{wording}”不符(原文为 {numbers})",
        "the plan's own words decide the figure: change both together, with a revision record "
        "when the plan was revised",
        "目标值以计划原文为准:如计划经调整,请同时修改 value 和 wording,并补充审批记录",
    ),
    "measure-contradicts-wording": (
        "measure '{measure}' does not match the plan's wording '{wording}' (which reads as "
        "'{expected}')",
        "计量方式“{measure}”与计划原文“{wording}”不符(原文应为“{expected}”)",
        "年均增长 is measure: annual_growth (each year's rate); 领先 / 第一 is measure: rank",
        "“年均增长”对应 measure: annual_growth(逐年增速);“领先”“第一”对应 measure: rank(位次)",
    ),
    "op-contradicts-direction": (
        "operator '{op}' does not fit direction '{direction}'",
        "运算符“{op}”与指标方向“{direction}”矛盾",
        "up: higher is better (at_least, more_than); down: lower is better (at_most, less_than)",
        "up 表示越高越好(at_least、more_than);down 表示越低越好(at_most、less_than)",
    ),
    "weak-stretch-target": (
        "stretch target {value} is weaker than the {against} target {target}",
        "冲击目标 {value} 弱于{against}目标 {target}",
        "a stretch target (冲击目标) must be at least as ambitious",
        "冲击目标不得低于原定目标",
    ),
    "ledger-incomplete": (
        "ledger '{ledger}' has {entered} of {declared} declared items",
        "台账“{ledger}”已录入 {entered} 项,应有 {declared} 项",
        "enter the missing items as the ledger is obtained",
        "请补录其余事项",
    ),
    "ledger-overfull": (
        "ledger '{ledger}' has {entered} items but declares {declared}",
        "台账“{ledger}”录入 {entered} 项,多于声明的 {declared} 项",
        "correct declared_count or remove the extra items",
        "请修改 declared_count 或删除多余事项",
    ),
    "unassigned": (
        "item {id} has no responsible department",
        "事项 {id} 未落实责任部门",
        "fill owners.department (and leader, section, staff) when known",
        "明确后请填写 owners.department(及分管领导、科室、工作人员)",
    ),
    "missing-baseline": (
        "indicator {id} has no baseline, so progress cannot be judged",
        "指标 {id} 缺少基期值,无法判断进度",
        "add baseline: {{period: 2022, value: …, source: …}} from a published source",
        "请依据公开来源补充 baseline(期间、数值、来源)",
    ),
    # --- guard rails: plan check --against BASE -------------------------------
    "target-changed": (
        "the target of {id} changed without a revision record",
        "{id} 的目标发生变化,但没有调整审批记录",
        "add to its revisions: {{date: …, approved_by: …, document: …}} (who approved it, "
        "the document number)",
        "请在其 revisions 中补充审批记录:{{date: 日期, approved_by: 审批机关, document: 文号}}",
    ),
    "item-removed": (
        "item {id} ({title}) was removed without a revision record",
        "事项 {id}({title})被删除,但没有调整审批记录",
        "add to the ledger's revisions: {{date: …, approved_by: …, document: …, removed: [{id}]}}",
        "请在台账的 revisions 中补充审批记录,并在 removed 中列明 {id}",
    ),
    "ledger-removed": (
        "this ledger file was deleted, removing {count} items ({ids}) without a revision record",
        "该台账文件已被删除,{count} 个事项({ids})随之删除,且没有调整审批记录",
        "restore the file; to retire items, remove them from the ledger and record the approval "
        "in its revisions",
        "请恢复该文件;如需撤销事项,请在台账中删除并在 revisions 中记录审批",
    ),
    "indicator-removed": (
        "indicator {id} was removed without a revision record",
        "指标 {id} 被删除,但没有调整审批记录",
        "add to indicators.yaml's revisions: {{date: …, approved_by: …, document: …, "
        "removed: [{id}]}}",
        "请在 indicators.yaml 的 revisions 中补充审批记录,并在 removed 中列明 {id}",
    ),
    "closed-entry-changed": (
        "{id}: the {quarter} entry belongs to a closed quarter and was rewritten without "
        "a correction",
        "{id}:{quarter} 已结束,其推进计划被改写,但未标注为更正",
        "if the record was wrong, add correction: {{date: …, reason: …}} "
        "(or plan update … --correction REASON)",
        "如原记录有误,请加上 correction: {{date: 日期, reason: 更正原因}}"
        "(或使用 plan update … --correction 原因)",
    ),
    "closed-entry-removed": (
        "{id}: the {quarter} entry '{deliverable}' of a closed quarter was removed",
        "{id}:已结束季度 {quarter} 的推进计划“{deliverable}”被删除",
        "closed quarters are history: keep the entry, and mark it dropped if it was cancelled",
        "已结束季度的记录应予保留;如已取消,请将状态改为 dropped",
    ),
    "closed-actual-changed": (
        "{id}: the actual for {period}, a period closed before this change, went from {old} "
        "to {new} without a correction",
        "{id}:{period} 的实际值属于已结束的期间,由 {old} 改为 {new},但未标注为更正",
        "if the figure was revised, add correction: {{date: …, reason: …}} to that actual "
        "(plan record … --correction REASON)",
        "如数据确经修订,请在该实际值中加上 correction: {{date: 日期, reason: 更正原因}}"
        "(或使用 plan record … --correction 原因)",
    ),
    "delay-without-cause": (
        "{id}: the {quarter} entry is newly {status} but states no cause and corrective action",
        "{id}:{quarter} 推进计划新标为 {status},但未写明原因和整改措施",
        "add cause: … and corrective_action: … (plan update … --cause … --action …)",
        "请补充 cause(原因)和 corrective_action(整改措施)"
        "(plan update … --cause … --action …)",
    ),
    "off-track-without-cause": (
        "indicator {id} is newly off track; its {period} actual states no cause and "
        "corrective action",
        "指标 {id} 新近明显滞后,其 {period} 实际值未写明原因和整改措施",
        "add cause: … and corrective_action: … to that actual (plan record … --cause … --action …)",
        "请在该实际值中补充 cause(原因)和 corrective_action(整改措施)",
    ),
    # --- plan update / record / note -----------------------------------------
    "edit-unknown-item": (
        "no ledger item '{id}'{suggestion}",
        "台账中没有事项“{id}”{suggestion}",
        "item ids are in data/ledgers/*.yaml; `plan due` and `plan show` list them too",
        "事项编号见 data/ledgers/*.yaml,也可用 plan due、plan show 查看",
    ),
    "edit-unknown-indicator": (
        "no indicator '{id}'{suggestion}",
        "没有指标“{id}”{suggestion}",
        "indicator ids are listed in data/indicators.yaml",
        "指标编号见 data/indicators.yaml",
    ),
    "edit-no-entry": (
        "item {id} has no schedule entry for {quarter}",
        "事项 {id} 没有 {quarter} 的推进计划",
        "to add one, name it: --deliverable TEXT",
        "如需新增,请用 --deliverable 写明该季度的工作内容",
    ),
    "edit-similar-entry": (
        "item {id} has no {quarter} entry '{value}', but has '{existing}'",
        "事项 {id} 在 {quarter} 没有“{value}”,但有“{existing}”",
        "to update that entry, give its deliverable exactly; a new entry needs clearly "
        "different wording",
        "如要更新该节点,请准确写出其工作内容;如确为新增节点,请使用明显不同的表述",
    ),
    "edit-ambiguous-entry": (
        "item {id} has several entries for {quarter}: {choices}",
        "事项 {id} 在 {quarter} 有多项推进计划:{choices}",
        "pick one with --deliverable TEXT (the exact text)",
        "请用 --deliverable 指明其中一项(须与原文一致)",
    ),
    "edit-done-needs-date": (
        "marking {id} done needs the date it was done",
        "将 {id} 标记为完成时须写明完成日期",
        "add --done-on 2024-06-30 (the day the work was finished)",
        "请加上 --done-on 2024-06-30(实际完成的日期)",
    ),
    "edit-delay-needs-cause": (
        "marking {id} {status} needs its cause and corrective action",
        "将 {id} 标记为 {status} 时须写明原因和整改措施",
        "add --cause TEXT --action TEXT",
        "请加上 --cause 原因 --action 整改措施",
    ),
    "edit-unreadable": (
        "{file} is not UTF-8 text; nothing was changed",
        "{file} 不是 UTF-8 文本,未作任何修改",
        "save the file as UTF-8 (see `plan check`)",
        "请将文件另存为 UTF-8 编码(参见 plan check)",
    ),
    "edit-unsafe": (
        "cannot edit {file} safely ({detail}); nothing was changed",
        "无法安全修改 {file}({detail}),未作任何修改",
        "make the change by hand and run `plan check`",
        "请手工修改后运行 plan check",
    ),
    "edit-bad-character": (
        "{option} contains {character}, which cannot be written safely into the data",
        "{option} 含有字符 {character},无法安全写入数据",
        "remove the character (it is often pasted in unseen) and run the command again",
        "请删除该字符(常为粘贴时带入的不可见字符)后重新运行命令",
    ),
    "edit-refused-file": (
        "{file} is not edited: {detail}; nothing was changed",
        "{file} 未作修改:{detail}",
        "replace a link with the file itself (see `plan check`)",
        "请用文件本身替换链接(参见 plan check)",
    ),
    "edit-write-failed": (
        "could not write {file}: {detail}; the data is as it was",
        "无法写入 {file}:{detail};数据未作修改",
        "close the file in other programs (Excel, an editor) and check that the folder "
        "is writable",
        "请在其他程序(如 Excel、编辑器)中关闭该文件,并确认目录可写",
    ),
    "edit-locked": (
        "another plan command kept the data locked ({lock}) for {seconds} s; nothing was changed",
        "另一个 plan 命令锁定数据({lock})已超过 {seconds} 秒,未作任何修改",
        "try again when it has finished (wait longer with PLAN_LOCK_TIMEOUT=seconds)",
        "请待其完成后重试(可用 PLAN_LOCK_TIMEOUT=秒数 延长等待)",
    ),
    "edit-refused": (
        "the edit was refused: the data would have the errors above; nothing was written",
        "修改被拒绝:修改后的数据会出现上述错误,未写入任何内容",
        None,
        None,
    ),
    # --- plan import xlsx (one cell each; located as Sheet!F12) ---------------
    "xlsx-unreadable": (
        "cannot read {file} as an Excel workbook ({detail})",
        "无法将 {file} 作为 Excel 工作簿读取({detail})",
        "save it from Excel or LibreOffice as .xlsx (Excel 2007 or later)",
        "请在 Excel 或 LibreOffice 中另存为 .xlsx 格式",
    ),
    "xlsx-no-sheets": (
        "{file} has no sheet in the 台账 layout (a 编号 column and known headers)",
        "{file} 中没有台账格式的工作表(须有“编号”列和规定的表头)",
        "export one with `plan export xlsx`, or describe your layout in a mapping file (--map)",
        "请先用 plan export xlsx 导出模板,或用映射文件(--map)说明自有格式",
    ),
    "xlsx-bad-status": (
        "'{value}' is not a status{suggestion}",
        "“{value}”不是有效的状态{suggestion}",
        "use one of: {choices}",
        "请从下列状态中选择:{choices}",
    ),
    "xlsx-bad-date": (
        "'{value}' is not a date",
        "“{value}”不是日期",
        "write it as 2024-06-30 (or enter a date cell)",
        "请写成 2024-06-30 的形式(或使用日期单元格)",
    ),
    "xlsx-date-outside-quarter": (
        "completion date {value} is before {quarter} began ({start})",
        "完成时间 {value} 早于 {quarter} 的开始日期({start})",
        "a quarter's work is done within or after its quarter; check the date or the column",
        "该季度的工作应在本季度内或之后完成;请核对日期或所填列",
    ),
    "xlsx-date-future": (
        "completion date {value} is after today ({today})",
        "完成时间 {value} 晚于今天({today})",
        "only record work that is done; plan the rest in 推进计划",
        "只填写已完成工作的完成时间",
    ),
    "xlsx-bad-quarter": (
        "'{value}' is not a quarter",
        "“{value}”不是季度",
        "write it as 2024Q2 or 2024年第2季度",
        "请写成 2024Q2 或 2024年第2季度",
    ),
    "xlsx-bad-period": (
        "'{value}' is not a period",
        "“{value}”不是时期",
        "write a year (2024) or a quarter (2024Q2)",
        "请写年份(2024)或季度(2024Q2)",
    ),
    "xlsx-bad-number": (
        "'{value}' is not a number",
        "“{value}”不是数字",
        "write the figure alone (2.61), without units or words",
        "请只填写数值(如 2.61),不要带单位或文字",
    ),
    "xlsx-needs-source": (
        "the {period} value {value} has no source",
        "{period} 的数值 {value} 没有填写数据来源",
        "fill in the 数据来源 column: where the figure is published",
        "请在“数据来源”列写明该数据的出处",
    ),
    "xlsx-unknown-department": (
        "department '{value}' is not in owners.yaml{suggestion}",
        "责任部门“{value}”不在 owners.yaml 中{suggestion}",
        "use the department's registered name or alias (see data/owners.yaml)",
        "请使用 data/owners.yaml 中登记的部门名称或简称",
    ),
    "xlsx-unknown-leader": (
        "leader '{value}' is not in owners.yaml{suggestion}",
        "分管市领导“{value}”不在 owners.yaml 中{suggestion}",
        "use the name registered in data/owners.yaml",
        "请使用 data/owners.yaml 中登记的姓名",
    ),
    "xlsx-unknown-id": (
        "no {what} '{value}' in the plan{suggestion}",
        "计划中没有{what}“{value}”{suggestion}",
        "do not change the hidden 编号 column; new items are added in the YAML",
        "请勿修改隐藏的“编号”列;新增事项请在 YAML 中添加",
    ),
    "xlsx-unknown-title": (
        "no item titled '{value}' in the plan{suggestion}",
        "计划中没有名称为“{value}”的事项{suggestion}",
        "write the title exactly as the ledger has it (or map the id column: item: 编号)",
        "请与台账中的事项名称完全一致(或在映射文件中用 item: 指定编号列)",
    ),
    "xlsx-no-id": (
        "a row with content but no 编号 (id)",
        "该行有内容但没有“编号”",
        "rows come back to their items by the hidden 编号 column; new items are added in the YAML",
        "导入依靠隐藏的“编号”列对应事项;新增事项请在 YAML 中添加",
    ),
    "xlsx-deliverable-changed": (
        "the deliverable was changed from '{old}' to '{value}'; the import does not rename entries",
        "推进计划由“{old}”改为“{value}”;导入不修改已有节点的内容",
        "change the wording in the YAML (a reviewed change), or restore the cell",
        "如需修改节点内容,请在 YAML 中修改(需经审核),或恢复该单元格",
    ),
    "xlsx-cause-without-delay": (
        "{what} given, but no entry in this row is delayed or blocked",
        "填写了{what},但本行没有“已延期”或“受阻”的节点",
        "set the entry's status to 已延期 or 受阻, or clear the cell",
        "请将相应节点状态改为“已延期”或“受阻”,或清空该单元格",
    ),
    "xlsx-missing-column": (
        "the mapping names column '{value}', which the header row does not have",
        "映射文件指定的列“{value}”在表头中找不到",
        "headers found: {choices}",
        "表头中有:{choices}",
    ),
    "xlsx-bad-map": (
        "{file}: {detail}",
        "映射文件 {file} 有误:{detail}",
        "see `plan import xlsx --help` for the mapping file's fields",
        "映射文件的写法见 plan import xlsx --help",
    ),
    "xlsx-edit-refused": (
        "{detail}",
        "修改被拒绝:{detail}",
        None,
        None,
    ),
    "xlsx-refused": (
        "the import was refused: {count} cell(s) above cannot be read; nothing was written",
        "导入被拒绝:上述 {count} 个单元格无法读取,未写入任何内容",
        None,
        None,
    ),
}


# --- words the reports print (plan_cli/render/labels.py re-exports them) ---------
# Each entry: ``key: (english, chinese)``. Data stays as written.

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
    # 三色预警 (plan_cli/lights.py)
    "green": ("green", "绿灯"),
    "yellow": ("yellow", "黄灯"),
    "red": ("red", "红灯"),
    # a plan marked `synthetic: true` in plan.yaml: every output made from it says so
    "synthetic_banner": ("SYNTHETIC example data: not a real plan's figures",
                         "示例数据(虚构,非真实计划数据)"),
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
    "gap_items_not_entered": ("{scope}: {count} item{s} not entered yet",
                              "{scope}尚有 {count} 项未录入"),
    "gap_unassigned": ("{count} item{s} without a responsible department",
                       "{count} 个事项未落实责任部门"),
    "gap_no_schedule": ("{count} item{s} without a quarterly schedule",
                        "{count} 个事项没有季度推进计划"),
    "gap_no_actual": ("{count} indicator{s} without any actual value",
                      "{count} 项指标没有任何实际值"),
    "gap_no_baseline": ("{count} indicator{s} without the baseline their target needs",
                        "{count} 项指标缺少判断进度所需的基期值"),
    # shared by the reports
    "filters": ("Filters", "筛选条件"),
    "unassigned_group": ("unassigned", "未落实责任"),
    "department": ("Department", "责任部门"),
    "leader": ("Leader", "分管{level}领导"),
    "item": ("Item", "事项"),
    "title": ("Title", "名称"),
    "status": ("Status", "状态"),
    # plan gaps
    "gaps_title": ("Indicators against their targets", "指标与目标的差距"),
    "indicator": ("Indicator", "指标"),
    "baseline": ("Baseline", "基期值"),
    "latest": ("Latest", "最新值"),
    "expected": ("Expected now", "按进度应达"),
    "target": ("Target", "目标"),
    "gap_target": ("Short of target", "距目标"),
    "gap_trajectory": ("Behind schedule", "落后进度"),
    "gaps_hint": ("Gaps above 0 are shortfalls: short of the target, or behind the straight "
                  "line from baseline to target; % is the share of the whole "
                  "baseline-to-target distance.",
                  "差距为正表示不足:尚未达到目标,或落后于从基期到目标的直线进度;"
                  "百分比为占基期到目标全程的比例。"),
    "missing_data": ("Missing data", "缺少的数据"),
    "missing_baseline": ("baseline", "基期值"),
    "missing_actual": ("actual values", "实际值"),
    "no_indicators": ("No indicator matches.", "没有符合条件的指标。"),
    "growth_avg": ("avg {first}–{last}", "{first}—{last}年均"),
    "op_about": ("about {v}", "{v}左右"),
    "op_at_least": (">= {v}", "不低于{v}"),
    "op_more_than": ("> {v}", "超过{v}"),
    "op_at_most": ("<= {v}", "不高于{v}"),
    "op_less_than": ("< {v}", "低于{v}"),
    "op_multiple_of_baseline": ("{f}x baseline = {v}", "基期的{f}倍,即{v}"),
    "op_multiple_unknown": ("{f}x baseline (baseline unknown)", "基期的{f}倍(基期值未知)"),
    "op_rank": ("rank {v} or better", "排名前{v}位"),
    "op_rank_first": ("rank 1", "排名第一"),
    "op_growth": ("{op} a year", "年均{op}"),
    # plan due
    "due_title": ("Due in {quarter}, and overdue", "{quarter}到期及逾期事项"),
    "deliverable": ("Deliverable", "节点任务"),
    "owners": ("Owners", "责任人"),
    "in_quarter": ("Quarter", "计划季度"),
    "late": ("Quarters late", "逾期季度"),
    "stale": ("stale", "久未更新"),
    "stale_note": ("stale: work under way but no progress update in this quarter or the "
                   "{n} before it", "久未更新:有到期工作,但本季度及此前{n}个季度没有进展记录"),
    "group_line": ("{name} — entries: {rows}, overdue: {overdue}",
                   "{name}:共{rows}项,逾期{overdue}项"),
    "due_row": ("due", "到期"),
    "planned": ("planned", "未开始"),
    "in_progress": ("in progress", "推进中"),
    "delayed": ("delayed", "已延期"),
    "blocked": ("blocked", "受阻"),
    "group": ("Group", "分组"),
    "nothing_due": ("Nothing due or overdue.", "没有到期或逾期的事项。"),
    # plan owners
    "owners_title": ("Supervision scorecard", "责任落实督导表"),
    "by_department": ("By department", "按责任部门"),
    "by_leader": ("By leader", "按分管{level}领导"),
    "ledger_kind": ("Kind", "类型"),
    "items": ("Items", "事项"),
    "done_on_time": ("Done on time", "按期完成"),
    "done_late": ("Done late", "逾期完成"),
    "due_now": ("Due now", "本季到期"),
    "overdue_open": ("Overdue", "逾期未完成"),
    "stale_items": ("Stale items", "久未更新"),
    "off_track_indicators": ("Indicators behind", "滞后指标"),
    "owners_hint": ("Worst first: overdue entries, then off-track or missed indicators, "
                    "stale items and entries done late.",
                    "按问题轻重排序:先看逾期未完成,再看滞后或未达标指标、久未更新事项和逾期完成。"),
    "nobody": ("No owner matches.", "没有符合条件的责任主体。"),
    # plan show
    "kind_item": ("Item", "事项"),
    "kind_indicator": ("Indicator", "指标"),
    "kind_area": ("Key-task area", "重点任务"),
    "schedule": ("Schedule", "推进计划"),
    "updates": ("Updates", "进展记录"),
    "linked_indicators": ("Linked indicators", "关联指标"),
    "linked_items": ("Items", "相关事项"),
    "date": ("Date", "日期"),
    "progress": ("Progress", "进展"),
    "done_on": ("Done on", "完成日期"),
    "state": ("State", "状态"),
    "evidence": ("Evidence", "佐证材料"),
    "by": ("By", "记录人"),
    "unit": ("Unit", "单位"),
    "direction": ("Direction", "方向"),
    "direction_up": ("higher is better", "越高越好"),
    "direction_down": ("lower is better", "越低越好"),
    "measure": ("Measure", "口径"),
    "measure_level": ("level", "当期值"),
    "measure_annual_growth": ("annual growth rate", "年度增速"),
    "measure_cumulative": ("cumulative since the plan began", "计划期累计"),
    "measure_rank": ("rank (1 is first)", "位次(第1位最好)"),
    "wording": ("Plan's wording", "计划表述"),
    "source": ("Source", "来源"),
    "note": ("Note", "说明"),
    "id": ("Id", "编号"),
    # ledger-specific item fields (plan show)
    "field_indicator": ("Indicator", "指标"),
    "field_provincial_target": ("Provincial target", "省级目标"),
    "field_stretch_target": ("Stretch target", "冲击目标"),
    "field_provincial_clause": ("Provincial clause", "省行动计划条款"),
    "field_annual_key_work": ("Key work this year", "年度重点工作"),
    "field_measures": ("Measures", "落实举措"),
    "field_goal": ("Goal", "目标任务"),
    "field_arrangement": ("City's arrangement", "重点安排"),
    "field_level": ("Level", "级别"),
    "field_application_status": ("Application", "申报进展"),
    "field_origin": ("Origin", "任务来源"),
    "field_source": ("Source", "来源"),
    "field_note": ("Note", "说明"),
    "values": ("Values by period", "各期数值"),
    "value": ("Value", "数值"),
    "period_col": ("Period", "时期"),
    "on_trajectory": ("Trajectory", "进度线"),
    "chart_legend": ("# actual   | trajectory   ! target",
                     "# 实际值   | 按进度应达   ! 目标值"),
    "none": ("none", "无"),
    "summary": ("Summary", "概述"),
    "unknown_id": ("no item, indicator or area '{id}'{hint}",
                   "没有编号为“{id}”的事项、指标或重点任务{hint}"),
    "did_you_mean": (" (did you mean {names}?)", "(是否要找 {names}?)"),
    # added on main (plan site, charts, reports) while the catalogs were merged
    "chart_actual": ("Actual",
        "实际值"),
    "chart_trajectory": ("Trajectory to target",
        "按进度应达"),
    "chart_band": ("Target band (about)",
        "目标区间(左右)"),
    "chart_projection": ("Projection",
        "预测"),
    "chart_no_colour": ("no schedule",
        "无推进计划"),
    "chart_nothing": ("No baseline, target value or actual yet",
        "尚无基期值、目标值或实际值"),
    "needs_charts": ("this needs the chart engine (matplotlib); install it with: {hint}",
        "此功能需要图表组件 matplotlib,请先安装:{hint}"),
    "site_overview": ("Overview",
        "总览"),
    "site_indicators": ("Indicators",
        "指标"),
    "site_departments": ("Departments",
        "责任部门"),
    "site_gaps": ("Data gaps",
        "数据缺口"),
    "site_switch": ("中文",
        "English"),
    "site_revision": ("Data revision",
        "数据版本"),
    "site_uncommitted": ("{commit} with uncommitted changes",
        "{commit}(含未提交的修改)"),
    "site_not_git": ("not under git: revision unknown",
        "不在 git 仓库中,版本未知"),
    "site_generated": ("Made by plan site from the YAML data; open index.html, no network needed.",
        "由 plan site 根据 YAML 数据生成;直接打开 index.html 即可,无需联网。"),
    "site_items_by_colour": ("Ledger items by colour",
        "工作台账事项三色预警"),
    "site_indicators_by_colour": ("Indicators by colour",
        "指标三色预警"),
    "site_by_ledger": ("Items by colour, per ledger",
        "各台账事项预警情况"),
    "site_by_department": ("Items by colour, per department",
        "各责任部门事项预警情况"),
    "site_behind": ("Targets behind or missed",
        "滞后或未达标的指标"),
    "site_late": ("Late work (red items)",
        "逾期工作(红灯事项)"),
    "site_nothing_behind": ("No indicator is behind.",
        "没有滞后的指标。"),
    "site_nothing_late": ("Nothing is late.",
        "没有逾期的工作。"),
    "site_no_verdict": ("No indicator can be judged yet: none has the data it needs (see the data gaps).",
        "目前没有指标能判断进度:都缺少所需的数据(见数据缺口)。"),
    "site_no_schedules": ("Whether work is late cannot be told: no item has a quarterly schedule yet (see the data gaps).",
        "无法判断是否逾期:还没有事项录入季度推进计划(见数据缺口)。"),
    "site_completeness": ("How complete the data is",
        "数据完整程度"),
    "site_complete_items": ("{n} of {total} items entered have a responsible department",
        "已录入的 {total} 个事项中,{n} 个落实了责任部门"),
    "site_complete_schedule": ("{n} of {total} items have a quarterly schedule",
        "{total} 个事项中,{n} 个有季度推进计划"),
    "site_complete_actuals": ("{n} of {total} indicators have at least one actual value",
        "{total} 项指标中,{n} 项至少有一个实际值"),
    "site_complete_declared": ("{entered} of {declared} items the plan declares are entered",
        "计划明确的 {declared} 个事项中,已录入 {entered} 个"),
    "site_filter_all": ("all",
        "全部"),
    "site_shown": ("shown",
        "显示"),
    "site_of": ("of",
        "/"),
    "site_colour": ("Colour",
        "预警"),
    "site_state": ("State",
        "进度状态"),
    "site_progress": ("Done",
        "已完成节点"),
    "site_late_by": ("Quarters late",
        "逾期季度"),
    "site_late_entries": ("Overdue entries",
        "逾期节点"),
    "site_cause": ("Cause",
        "原因"),
    "site_action": ("Corrective action",
        "整改措施"),
    "site_latest_update": ("Latest update",
        "最新进展"),
    "site_section_staff": ("Section / staff",
        "具体科室 / 工作人员"),
    "site_history": ("History",
        "历年数据"),
    "site_chart": ("Chart",
        "趋势图"),
    "site_no_actuals": ("No actual value has been recorded yet.",
        "尚未录入任何实际值。"),
    "site_no_items": ("No items.",
        "没有事项。"),
    "site_red_items": ("Red items",
        "红灯事项"),
    "site_all_items": ("All its items",
        "全部事项"),
    "site_scorecard": ("Scorecard",
        "考评情况"),
    "site_ledger_completeness": ("Ledgers: entered against declared",
        "台账录入情况"),
    "site_missing_by_indicator": ("Indicators missing data",
        "缺少数据的指标"),
    "site_gaps_lead": ("What the data does not say yet. Each gap is work for the office: fill it from a published source through a pull request.",
        "以下是数据中尚未填写的内容。每一项缺口都需要指挥部办公室或责任部门依据公开来源,通过合并请求补齐。"),
    "site_no_gaps": ("No gaps.",
        "没有数据缺口。"),
    "site_exists": ("{path} exists and is not a site made by plan site: give a new or empty folder",
        "{path} 已存在且不是 plan site 生成的站点:请指定新的或空的文件夹"),
    "site_done": ("wrote {pages} pages to {path}; open {index}",
        "已在 {path} 写出 {pages} 个页面;打开 {index} 查看"),
    "example_exists": ("{path} already exists and is not empty: give a new folder",
        "{path} 已存在且不为空:请指定一个新的文件夹"),
    "cannot_write": ("cannot write {path}: {detail}",
        "无法写入 {path}:{detail}"),
    "example_done": ("wrote a synthetic example plan to {path} ({items} items in {ledgers} ledgers, {indicators} indicators); try: plan site SITE --data {path}",
        "已在 {path} 写出示例计划(虚构数据:{ledgers} 个台账共 {items} 项事项,{indicators} 项指标);可运行:plan site SITE --data {path}"),
    # added on main (final evaluation, report, notice, 考评) while the catalogs were merged
    "projected_to_miss": ("projected to miss",
        "预计难完成"),
    "likely_met": ("likely met (provisional)",
        "预计达标(待终值)"),
    "likely_missed": ("likely missed (provisional)",
        "预计未达标(待终值)"),
    "cannot_tell": ("cannot tell yet",
        "尚难判断"),
    "light": ("Light",
        "预警"),
    "projected": ("Projected end value",
        "预计期末值"),
    "no_trend": ("no trend",
        "无趋势"),
    "needs_pace": ("needs {v} a year",
        "每年需{v}"),
    "needs_rate": ("rest needs {v}% a year",
        "余下年份需年均{v}%"),
    "within_tolerance": ("within tolerance",
        "在允许误差内"),
    "as_at_day": ("{period}, as at {day}",
        "{period}年,截至{day}"),
    "official_met": ("officially reported met",
        "官方通报已完成"),
    "official_missed": ("officially reported missed",
        "官方通报未完成"),
    "official_outcomes": ("Officially reported outcomes",
        "官方通报的完成情况"),
    "official_line": ("{name}: {verdict} — “{wording}” ({day}; {source})",
        "{name}:{verdict}——“{wording}”({day};{source})"),
    # words of the spreadsheet-fit CSV and the xlsx 台账 (issue 11)
    "official_outcome": ("Official outcome", "官方通报"),
    "required_pace": ("Pace needed a year", "每年所需进度"),
    "declared": ("Declared", "应录入"),
    "section": ("Section", "具体科室"),
    "due_state": ("Due state", "到期情况"),
    "staff": ("Staff", "工作人员"),
    "cause": ("Cause",
        "原因"),
    "corrective_action": ("Corrective action",
        "整改措施"),
    "correction": ("Correction",
        "更正"),
    "causes": ("Causes and corrective actions",
        "原因及整改措施"),
    "doc_title_circular": ("{plan}: progress circular, {quarter}",
        "{plan}推进情况通报({quarter})"),
    "doc_title_final": ("{plan}: final evaluation report",
        "{plan}终期评估报告"),
    "doc_as_of": ("As of {day} ({quarter})",
        "截至{day}({quarter})"),
    "doc_office": ("The plan office",
        "行动计划推进办公室"),
    "doc_overview": ("Overall",
        "总体情况"),
    "doc_overview_indicators": ("{n} indicators: {counts}. Lights: {green} green, {yellow} yellow, {red} red; {official} with an officially reported outcome.",
        "共{n}项指标:{counts}。预警:绿灯{green}项、黄灯{yellow}项、红灯{red}项;另有{official}项有官方通报的完成情况。"),
    "doc_overview_items": ("Ledgers: {entered} of {declared} declared items entered; {entries} schedule entries: {on_time} done on time, {late} done late, {overdue} overdue, {due} due this quarter; on-time completion rate {rate}.",
        "台账:已录入{entered}项(应有{declared}项);推进计划节点{entries}个,其中按期完成{on_time}个、逾期完成{late}个、逾期未完成{overdue}个、本季到期{due}个;按期完成率{rate}。"),
    "doc_indicators": ("Indicators",
        "指标完成情况"),
    "doc_figure": ("Figure {n}. {what}", "图{n} {what}"),
    "doc_figure_indicator": ("{name} ({unit}): actuals against the target",
                             "{name}({unit})实际值与目标"),
    "doc_figure_ledgers": ("Items by colour, per ledger", "各台账事项三色预警分布"),
    "doc_figure_departments": ("Items by colour, per department (most red first)",
                               "各责任部门事项三色预警分布(红灯多者在前)"),
    "doc_figure_departments_top": ("Items by colour: the {n} departments with most red",
                                   "红灯最多的{n}个责任部门事项三色预警分布"),
    "docx_no_charts": ("the .docx is written without its charts: the chart engine "
                       "(matplotlib) is not installed; install it with: {hint}",
                       ".docx 已生成,但不含图表:未安装图表组件 matplotlib,安装方法:{hint}"),
    "doc_ledgers": ("Ledgers",
        "台账推进情况"),
    "doc_completion_ledger": ("Schedule entries by ledger",
        "各台账推进节点完成情况"),
    "dropped_entries": ("Dropped",
        "已取消"),
    "doc_late": ("Overdue and lagging work",
        "逾期及滞后事项"),
    "doc_late_entries": ("Overdue schedule entries",
        "逾期未完成的推进节点"),
    "doc_behind_indicators": ("Indicators behind",
        "滞后指标"),
    "doc_none_late": ("Nothing is overdue or behind.",
        "无逾期或滞后事项。"),
    "doc_not_recorded": ("not recorded",
        "未填报"),
    "doc_ranking": ("Ranking of departments (考评)",
        "部门考评排名"),
    "doc_gaps": ("Data gaps the office must still collect",
        "数据缺口"),
    "doc_no_gaps": ("None.",
        "无。"),
    "doc_next": ("Next steps",
        "下一步工作"),
    "doc_placeholder": ("(for the office to write)",
        "(由办公室填写)"),
    "doc_level": ("Level",
        "督办等级"),
    "doc_required_action": ("Required action",
        "整改要求"),
    "doc_action_needed": ("state the corrective action and the date of completion",
        "请提出整改措施并明确完成时限"),
    "bad_output": ("cannot write {path}: give a file in an existing folder",
        "无法写入 {path}:请指定已存在目录中的文件"),
    "docx_needs_output": ("--format docx needs --output FILE (e.g. --output report.docx)",
        "--format docx 需要 --output 文件名(例如 --output 通报.docx)"),
    "wrote": ("wrote {path}",
        "已写入 {path}"),
    "notice_title": ("{plan}: supervision notices",
        "{plan}督办单"),
    "notice_heading": ("Notice {no} ({level}): {dept}",
        "督办单({no})【{level}】{dept}"),
    "notice_body": ("{dept}: overdue schedule entries: {n}; level: {level} ({colour}).",
        "{dept}:你单位负责的{n}个推进节点已逾期,现予{level}({colour})。"),
    "notice_reply": ("Reply in writing by {day} with the cause and the corrective action.",
        "请于{day}前书面反馈逾期原因、整改措施及完成时限。"),
    "notice_none": ("No department has overdue entries.",
        "没有需要督办的逾期事项。"),
    "notice_unassigned_heading": ("Overdue entries without a department",
        "未落实责任部门的逾期事项"),
    "notice_unassigned": ("{n} overdue entries have no responsible department ({items}): assign one before a notice can be sent.",
        "{n}个逾期节点尚未落实责任部门({items}),请先明确责任部门后再行督办。"),
    "notice_rule": ("Overdue {remind}+ quarters: reminder (blue); {urge}+: urging (orange); {supervise}+: supervision (red)",
        "逾期{remind}个季度及以上提醒(蓝色),{urge}个季度及以上催办(橙色),{supervise}个季度及以上督办(红色)"),
    "level_remind": ("reminder",
        "提醒"),
    "level_urge": ("urging",
        "催办"),
    "level_supervise": ("supervision",
        "督办"),
    "colour_blue": ("blue",
        "蓝色"),
    "colour_orange": ("orange",
        "橙色"),
    "colour_red": ("red",
        "红色"),
    "missing_final_value": ("the end-of-period value",
        "计划期末值"),
    "overdue_by": ("overdue {n} quarter{s}",
        "逾期 {n} 个季度"),
    "on_time_rate": ("On-time rate",
        "按期完成率"),
    "score": ("Score",
        "考评得分"),
    "rank": ("Rank",
        "排名"),
    "ranking_departments": ("Ranking of departments (考评)",
        "部门考评排名"),
    "ranking_leaders": ("Ranking of leaders (考评)",
        "分管{level}领导考评排名"),
    "ranking_formula": ("Score = {on_time} × on-time rate − {overdue} × overdue entries − {stale} × stale items − {behind} × indicators behind (weights: settings.ranking in plan.yaml); on-time rate = done on time / (done on time + done late + overdue), full marks when nothing is owed yet.",
        "考评得分 = {on_time} × 按期完成率 − {overdue} × 逾期节点数 − {stale} × 久未更新事项数 − {behind} × 滞后指标数(权重见 plan.yaml 的 settings.ranking);按期完成率 = 按期完成 ÷(按期完成 + 逾期完成 + 逾期未完成),尚无应完成节点的按满分计。"),
    # added on main (site, reports from the cache) while the catalogs were merged
    "site_more": ("… and {n} more red items: see the ledgers and departments.",
        "……另有 {n} 个红灯事项,见各台账和责任部门页面。"),
    "site_more_departments": ("… and {n} more departments: see Departments.",
        "……另有 {n} 个责任部门,见“责任部门”页面。"),
    "site_and_more": ("and {n} more",
        "等{n}个"),
    # severities in plan check's text lines: path:line:col: 错误[code] …
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    # plan diff
    "diff_title": ("Changes to the plan", "计划数据变更"),
    "diff_none": ("No changes to the plan's data.", "计划数据无变化。"),
    "diff_governance": ("Governance changes (targets, removals): need a revision record",
                        "涉及计划调整(目标变化、删除事项):须有审批记录"),
    "diff_changes": ("Changes", "变更明细"),
    "diff_kind": ("Change", "变更"),
    "diff_id": ("Id", "编号"),
    "diff_title_col": ("Title", "名称"),
    "diff_where": ("Where", "所在"),
    "diff_detail": ("Entry / period", "节点/期间"),
    "diff_field": ("Field", "字段"),
    "diff_before": ("Before", "变更前"),
    "diff_after": ("After", "变更后"),
    "diff_summary": ("{n} changes, {g} of them governance changes",
                     "共 {n} 处变更,其中 {g} 处涉及计划调整"),
    "diff_working_tree": ("working tree", "工作区"),
    "diff_indicators": ("indicators", "指标"),
    "diff_merge_base": ("merge-base ({rev})", "合并基点({rev})"),
    "diff_kind_target-changed": ("target changed", "目标调整"),
    "diff_kind_indicator-removed": ("indicator removed", "删除指标"),
    "diff_kind_item-removed": ("item removed", "删除事项"),
    "diff_kind_revision-added": ("revision record", "新增审批记录"),
    "diff_kind_indicator-added": ("indicator added", "新增指标"),
    "diff_kind_item-added": ("item added", "新增事项"),
    "diff_kind_status-changed": ("status changed", "状态变化"),
    "diff_kind_entry-added": ("schedule entry added", "新增推进节点"),
    "diff_kind_entry-removed": ("schedule entry removed", "删除推进节点"),
    "diff_kind_entry-changed": ("schedule entry edited", "推进节点修改"),
    "diff_kind_owner-changed": ("owner changed", "责任主体变化"),
    "diff_kind_actual-added": ("actual added", "新增实际值"),
    "diff_kind_actual-changed": ("actual changed", "实际值修改"),
    "diff_kind_actual-removed": ("actual removed", "删除实际值"),
    "diff_kind_note-added": ("progress note", "新增进展"),
    "diff_field_status": ("status", "状态"),
    "diff_field_deliverable": ("deliverable", "节点任务"),
    "diff_field_done_on": ("done on", "完成日期"),
    "diff_field_evidence": ("evidence", "佐证材料"),
    "diff_field_note": ("note", "说明"),
    "diff_field_cause": ("cause", "原因"),
    "diff_field_corrective_action": ("corrective action", "整改措施"),
    "diff_field_correction": ("correction", "更正说明"),
    "diff_field_source": ("source", "来源"),
    "diff_field_leader": ("leader", "分管领导"),
    "diff_field_department": ("department", "责任部门"),
    "diff_field_section": ("section", "科室"),
    "diff_field_staff": ("staff", "工作人员"),
    "diff_field_target": ("target", "目标"),
    "diff_field_stretch_target": ("stretch target", "冲击目标"),
    "diff_field_provincial_target": ("provincial target", "省级目标"),
}



# The level of the leaders in charge (分管市领导, 分管县领导): plan.yaml's
# settings.leader_level, set by the command for the plan it shows (use_plan).
_LEADER_LEVEL = ["市"]


def use_plan(settings) -> None:
    """Word the labels for this plan: its leaders' level (市, 县, 区, 省 …)."""
    _LEADER_LEVEL[0] = getattr(settings, "leader_level", None) or "市"


def label(key: str, lang: str, **args) -> str:
    en, zh = LABELS.get(key, (key, key))
    text = zh if lang == "zh" else en
    if "count" in args:  # English plurals: "1 item", "2 items"
        args.setdefault("s", "" if args["count"] == 1 else "s")
    if "{level}" in text:
        args.setdefault("level", _LEADER_LEVEL[0])
    return text.format(**args) if args else text


def plural(count: int, word: str) -> str:
    """English count and noun: 1 error, 2 errors (Chinese needs no plural)."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def detect_language(environ: dict[str, str] | None = None) -> str:
    """``PLAN_LANG`` (zh or en) when set; else ``zh`` when the locale says Chinese (LC_ALL, LC_MESSAGES or LANG; on Windows,
    which seldom sets them, the display language), else ``en``."""
    env = os.environ if environ is None else environ
    chosen = env.get("PLAN_LANG", "").strip().lower()
    if chosen in ("zh", "en"):
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None and sys.platform == "win32":
        return _windows_ui_language()
    return "en"


def _windows_ui_language() -> str:
    """Windows seldom sets LANG: ask for the display language (primary id 0x04 is Chinese)."""
    try:
        import ctypes

        langid = ctypes.windll.kernel32.GetUserDefaultUILanguage()
    except (AttributeError, OSError):
        return "en"
    return "zh" if langid & 0x3FF == 0x04 else "en"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, args: dict, lang: str) -> tuple[str, str | None]:
    """The message and hint for ``code`` in ``lang`` (``en`` or ``zh``)."""
    english, chinese, hint_en, hint_zh = CATALOG.get(code, ("{detail}", "{detail}", None, None))
    zh = lang == "zh"
    values = _Blank({k: v for k, v in args.items() if not isinstance(v, dict)})
    for key, value in args.items():  # per-language arguments: {"en": …, "zh": …}
        if isinstance(value, dict):
            values[key] = value.get(lang, value.get("en", ""))
    message = (chinese if zh else english).format_map(values)
    hint = hint_zh if zh else hint_en
    hint = hint.format_map(values) if hint else None
    return message, hint or None


# --- the command line: help texts and the framework's words ----------------------
# Keyed by the English text as written in the code (whitespace collapsed), gettext
# style: the code keeps reading naturally and a new option without an entry shows
# its English help (tests/test_lang.py fails until it has one). Own dict rather than
# gettext/Babel: no compiled .mo files to build and ship, no extra dependency, one
# Python module that the completeness tests read directly.

HELP: dict[str, str] = {
    # plan
    "Keep an action plan's targets, indicators and ledgers as YAML, check them, and report "
    "where the plan stands.":
        "管理行动计划的目标、指标和工作台账:校验数据,报告推进情况。",
    "Show plan's version and exit.": "显示 plan 的版本号并退出。",
    "Install completion for the current shell.": "为当前命令行环境安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前命令行环境的命令补全脚本,可复制或自行安装。",
    # shared options
    "The plan's data folder (or a repository holding data/). Default: $PLAN_DATA, else the "
    "nearest data/plan.yaml above the working directory, else the sample data shipped with "
    "plan.":
        "计划数据目录(或含 data/ 的仓库)。默认:$PLAN_DATA;否则从当前目录向上查找最近的 "
        "data/plan.yaml;再否则使用 plan 自带的示例数据。",
    "Report as on this date (2024-06-30). Default: today.":
        "按该日期出具报告(如 2024-06-30)。默认:今天。",
    "Language of headings and messages. Default: $PLAN_LANG, else zh when LC_ALL/LANG starts "
    "with zh, else en.":
        "标题和提示信息的语言。默认:$PLAN_LANG;否则 LC_ALL/LANG 以 zh 开头时为中文,其余为英文。",
    "Read every file afresh: neither use nor write the cache in .plan-cache/ beside the data "
    "folder.":
        "重新读取所有文件:不使用也不写入数据目录旁的 .plan-cache/ 缓存。",
    "No warning summary on stderr; only the report (or the errors).":
        "不在标准错误输出警告汇总;只输出报告(或错误)。",
    "table for people; markdown for a pull request or a report; csv for Excel (UTF-8 with "
    "BOM); json for programs (stable shape with \"version\": 1 and \"report\": the command's "
    "name).":
        "table 供阅读;markdown 用于合并请求或报告;csv 供 Excel(带 BOM 的 UTF-8);"
        "json 供程序读取(结构稳定,含 \"version\": 1 和 \"report\": 命令名)。",
    "Only this key-task area (id, name or alias). Repeat to allow several values (any "
    "matches); different filters must all match. A value that names nothing in the data is "
    "an error.":
        "只看该重点任务(编号、名称或别名均可)。可重复给出多个值(满足其一即可);"
        "不同筛选条件须同时满足。数据中不存在的值会报错。",
    "Only items of this ledger (id, title or short name); indicators linked to them.":
        "只看该台账的事项(编号、标题或简称均可)及其关联指标。",
    "Only items this department is responsible for (aliases accepted; 'unassigned' for items "
    "without one); indicators linked to them.":
        "只看该责任部门的事项(可用简称;“未落实”表示尚无责任部门的事项)及其关联指标。",
    "Only items under this leader ('unassigned' for items without one); indicators linked to "
    "them.":
        "只看该分管领导的事项(“未落实”表示尚无分管领导的事项)及其关联指标。",
    "Only indicators with this status (met, on_track, at_risk, off_track, no_data, "
    "no_baseline, missed) or schedule entries in this state (done, due, overdue, upcoming, "
    "dropped), as the report allows.":
        "只看该状态的指标(met 已达标、on_track 进度正常、at_risk 有风险、off_track 明显滞后、"
        "no_data 无数据、no_baseline 缺基期值、missed 未达标)或该状态的推进计划"
        "(done 已完成、due 本季到期、overdue 逾期、upcoming 未到期、dropped 已取消),以各报告支持的为准。",
    # check
    "Validate every data file and report each problem at its file:line:col. Exit 0 when "
    "clean (warnings allowed unless --strict), 1 when problems were found.":
        "校验全部数据文件,逐条报告每个问题所在的文件、行和列。\n\n"
        "无问题时退出码为 0(除非使用 --strict,警告不算问题),发现问题时为 1。",
    "text: one line per problem; github: annotations for a pull request; json: "
    "machine-readable.":
        "text:每个问题一行;github:合并请求中的批注;json:供程序读取。",
    "Treat warnings (incomplete ledgers, unassigned items) as errors.":
        "将警告(台账未录全、事项未落实责任等)视为错误。",
    "Also apply the guard rails to the change since BASE (e.g. origin/main, taken at its "
    "merge-base): targets changed or items removed without a revision record, closed "
    "quarters rewritten, delays without cause.":
        "同时对自基准版本(如 origin/main,取其合并基点)以来的改动执行防护规则:"
        "无调整审批记录而修改目标或删除事项、改写已结束季度、延期未写明原因等。",
    # status, gaps, due, owners, show
    "One screen: ledgers entered and assigned, schedule done/due/overdue, indicators by "
    "key-task area, and the largest data gaps. --status takes indicator statuses.":
        "一屏总览:各台账录入和责任落实情况,推进计划的完成、到期和逾期情况,"
        "各重点任务的指标情况,以及主要数据缺口。\n\n--status 取指标状态。",
    "Every indicator against its target and its trajectory, worst first: baseline, latest "
    "value, expected value now, target, gaps, status and missing data. --status takes "
    "indicator statuses.":
        "逐项比较指标与目标及进度线,差距大的在前:基期值、最新值、按进度应达值、目标、"
        "差距、状态和缺少的数据。\n\n--status 取指标状态。",
    "Schedule entries due in a quarter and every overdue one, grouped by owner; items with no "
    "recent update are flagged stale. --status takes due or overdue.":
        "列出某季度到期及全部逾期的推进计划,按责任主体分组;久未更新的事项另行标出。"
        "\n\n--status 取 due(到期)或 overdue(逾期)。",
    "The quarter to list (2024Q2). Default: the as-of quarter.":
        "要列出的季度(如 2024Q2)。默认:报告日期所在季度。",
    "List the quarter after the as-of quarter.": "列出报告日期所在季度的下一季度。",
    "Group by responsible department, leader in charge, or ledger.":
        "分组方式:department 按责任部门,leader 按分管领导,ledger 按台账。",
    "Supervision scorecard per department and per leader, worst first: items, entries done "
    "on time / late, due, overdue, stale items, off-track indicators. --status "
    "done|due|overdue|off_track|missed keeps owners with any such.":
        "按责任部门和分管领导出具督导表,问题多的在前:事项数、按期完成和逾期完成、"
        "本季到期、逾期未完成、久未更新事项、滞后指标。\n\n"
        "--status done|due|overdue|off_track|missed 只保留有该类情况的责任主体。",
    "One item (owners, schedule with states, updates, linked indicators), indicator (target, "
    "baseline, values per period as a chart with trajectory and target) or area. Exit 1 when "
    "nothing has that id.":
        "查看一个事项(责任人、推进计划及状态、进展记录、关联指标)、"
        "一项指标(目标、基期值、各期数值及进度图)或一项重点任务。\n\n找不到时退出码为 1。",
    "An item, indicator, key-task area or ledger: its id, name or title, or an alias "
    "(PT-001, rd-intensity, 全社会研发经费投入强度, innovation).":
        "事项、指标、重点任务或台账:编号、名称或别名均可"
        "(如 PT-001、rd-intensity、全社会研发经费投入强度、innovation)。",
    # update, record, note
    "Set the status of an item's schedule entry for a quarter (更新推进情况). Only the lines "
    "of that entry change; the whole plan is checked first and the edit is refused, with the "
    "problems, if it would break the data.":
        "更新事项某季度推进计划的状态(更新推进情况)。\n\n只改动该节点所在的几行;"
        "写入前先校验整个计划,如修改会使数据出错,则拒绝修改并列出问题。",
    "The ledger item: its id (e.g. PT-001) or its title.":
        "台账事项:编号(如 PT-001)或名称。",
    "The schedule entry's quarter, e.g. 2024Q2.": "推进计划所在季度,如 2024Q2。",
    "The new state: planned, in_progress, done, delayed, blocked or dropped "
    "(or 未开始, 推进中, 已完成, 已延期, 受阻, 已取消).":
        "新状态:planned 未开始、in_progress 推进中、done 已完成、delayed 已延期、"
        "blocked 受阻、dropped 已取消(中英文均可)。",
    "When it was done (required with --status done).":
        "完成日期(--status done 时必填)。",
    "A link or document number.": "佐证材料:链接或文号。",
    "A note on the entry.": "对该节点的说明。",
    "原因: why it is delayed or blocked.": "原因:为何延期或受阻。",
    "整改措施: the corrective action.": "整改措施。",
    "Mark this as a correction of a closed quarter's entry, with the reason.":
        "标注为对已结束季度记录的更正,并写明原因。",
    "Pick the entry by its deliverable, or add a new entry with it.":
        "按节点任务选定要更新的节点;如无该节点,则以此新增。",
    "Who reports it (署名).": "报送人(署名)。",
    "Show the change as a diff and write nothing.": "以差异形式预览修改,不写入。",
    "Record an indicator's actual for a period, or replace the one recorded (录入实际值).":
        "录入指标某期的实际值,或替换已录入的值(录入实际值)。",
    "The indicator: its id (e.g. rd-intensity) or its name.":
        "指标:编号(如 rd-intensity)或名称(如 全社会研发经费投入强度)。",
    "2024 or 2024Q2.": "期间:年份(2024)或季度(2024Q2)。",
    "The figure.": "数值。",
    "Where the figure is published.": "数据的公开来源。",
    "A note on the figure.": "对该数值的说明。",
    "原因, when it is off track.": "原因(指标滞后时填写)。",
    "整改措施, when it is off track.": "整改措施(指标滞后时填写)。",
    "Add a dated progress note to an item (dated today, or --as-of).":
        "为事项添加一条进展记录(日期为今天,或 --as-of 指定的日期)。",
    "What happened (进展情况).": "进展情况。",
    # diff, schema, init
    "What changed, in plan terms (计划数据变更). Items added or removed, schedule statuses, "
    "owners, progress notes, actuals, and targets (flagged as governance changes). Reads git "
    "directly: no checkout.":
        "以计划的语言说明数据有何变更(计划数据变更)。\n\n事项的增删、推进状态、责任人、"
        "进展记录、实际值,以及目标调整(标为需审批的变更)。直接读取 git,无需检出。",
    "Compare with this revision (taken at its merge-base). Default: where HEAD left the main "
    "branch.":
        "与该版本比较(取其合并基点)。默认:HEAD 从主分支分出之处。",
    "Compare this revision. Default: the working tree.": "要比较的版本。默认:当前工作区。",
    "table for people, markdown for a pull request, json for programs.":
        "table 供阅读,markdown 用于合并请求,json 供程序读取。",
    "Write JSON Schema for every kind of data file, for editors. Each data file's first line "
    "names its schema (yaml-language-server), so editors complete and check fields as you "
    "type.":
        "为各类数据文件生成 JSON Schema,供编辑器使用。\n\n每个数据文件的第一行指明其 Schema"
        "(yaml-language-server),编辑器可在输入时补全和检查字段。",
    "Folder to write into. Default: schemas/ beside the data folder.":
        "写入的目录。默认:数据目录旁的 schemas/。",
    "Write nothing; exit 1 when a schema is missing or out of date (for CI).":
        "不写入;如有 Schema 缺失或过期,退出码为 1(供持续集成使用)。",
    "Create an empty plan repository for another plan or city (新建计划仓库). Data files, the "
    "five ledgers, schemas, and the pre-commit and CI configuration; it passes `plan check` "
    "at once.":
        "为其他计划或城市新建一个空的计划仓库(新建计划仓库)。\n\n包括数据文件、台账、"
        "Schema,以及 pre-commit 和持续集成配置;新建后即可通过 plan check。",
    "Where to create the plan repository.": "新建计划仓库的位置。",
    "A short id for the plan.": "计划的简短编号。",
    "The plan's title.": "计划名称。",
    "First quarter of the plan period.": "计划期的第一个季度。",
    "Last quarter of the plan period.": "计划期的最后一个季度。",
    "Language of the skeleton's titles and comments.": "新建文件中标题和注释的语言。",
    # check --format, explain, report, notice, init --tool/--ci (from main)
    "auto: github inside GitHub Actions (GITHUB_ACTIONS=true), else text; text: one line per "
    "problem; github: annotations for a pull request; gitlab: a Code Quality report for a "
    "merge request; json: machine-readable.":
        "auto:在 GitHub Actions 中(GITHUB_ACTIONS=true)为 github,否则为 text;text:每个问题"
        "一行;github:合并请求中的批注;gitlab:合并请求的代码质量报告;json:供程序读取。",
    "What a diagnostic code means, with a bad and a good example (诊断代码说明).":
        "说明诊断代码的含义,并给出错误和正确的示例(诊断代码说明)。",
    "A diagnostic code, e.g. unknown-department.": "诊断代码,如 unknown-department。",
    "The 通报 during the plan period, the 终期评估报告 after it: overall numbers, indicators, "
    "ledgers, overdue work with causes and corrective actions, department ranking, data gaps "
    "and next steps to write; in Chinese unless --lang en. 推进情况通报 / 终期评估报告。":
        "计划期内出具推进情况通报,计划期结束后出具终期评估报告。\n\n内容包括总体情况、指标、"
        "台账、逾期工作及其原因和整改措施、部门考评排名、数据缺口和下一步工作;"
        "除非使用 --lang en,均为中文。",
    "markdown (printed, or written with --output); docx: a Chinese official document laid out "
    "per GB/T 9704, needs --output; json for programs.":
        "markdown(直接输出,或用 --output 写入文件);docx:按 GB/T 9704 排版的中文公文,"
        "须配合 --output;json 供程序读取。",
    "Write to FILE instead of printing (required for docx).":
        "写入文件而不直接输出(docx 格式必须使用)。",
    "督办单: one notice per department with overdue (red) entries, escalated by quarters "
    "overdue: 提醒 (blue), 催办 (orange), 督办 (red); thresholds in plan.yaml settings.notice; "
    "in Chinese unless --lang en.":
        "督办单:每个有逾期(红灯)事项的部门一份,按逾期季度数分级:提醒(蓝)、催办(橙)、"
        "督办(红);分级阈值见 plan.yaml 的 settings.notice;除非使用 --lang en,均为中文。",
    "Only this department's notice (aliases accepted); repeat for several.":
        "只出具该部门的督办单(可用简称);可重复给出多个部门。",
    "Mark this as a correction of a closed period's figure, with the reason.":
        "标注为对已结束期间数值的更正,并写明原因。",
    "What CI installs (pip's argument): default this tool at this version; or a wheel, a git "
    "URL, a version on your mirror.":
        "持续集成中安装的内容(pip 的参数):默认为本工具的当前版本;也可为 wheel 文件、"
        "git 地址或镜像上的某个版本。",
    "The CI configuration to write: GitHub Actions, GitLab CI, or none.":
        "要写入的持续集成配置:GitHub Actions、GitLab CI,或不写(none)。",
    # example, site (from main; their English help carries a Chinese line of its own)
    "Write a complete synthetic example plan repository (DIR/data/…): every ledger filled, "
    "owners, schedules done / late / delayed / dropped with causes, indicators with actuals. "
    "Marked synthetic: every output made from it says 示例数据 / SYNTHETIC. "
    "写出一个完整的示例计划(虚构数据),用于体验 plan 的各项功能。":
        "写出一个完整的示例计划(虚构数据),用于体验 plan 的各项功能。\n\n"
        "各台账均已填写:责任人、按期完成、逾期完成、延期和取消(附原因)的推进计划,"
        "以及有实际值的指标。数据标为示例:由它生成的每份输出都注明“示例数据”。",
    "Another seed gives another, equally reproducible, example.":
        "换一个随机种子即得到另一份同样可重现的示例。",
    "The folder to write; it must not exist yet, or be empty.":
        "要写入的目录;该目录须尚不存在或为空。",
    "A static dashboard that opens offline (double-click OUT_DIR/index.html): overview with "
    "the three colours, a page per ledger (sort and filter by leader, department, state, "
    "colour), per indicator (chart, history), per department, and the data gaps. Chinese "
    "first, with a switch to English. "
    "生成可离线打开的静态看板:总览、各台账、各指标趋势图、各责任部门和数据缺口。":
        "生成可离线打开的静态看板:总览、各台账、各指标趋势图、各责任部门和数据缺口。\n\n"
        "双击输出目录中的 index.html 即可打开;总览按三色预警显示,台账页可按分管领导、"
        "责任部门、状态和颜色排序筛选;默认中文,可切换为英文。",
    "The folder to write the site to (replaced if plan site made it).":
        "写入看板的目录(如为 plan site 先前生成的,将被替换)。",
    "The language the site opens in; a switch on every page changes it. Default: zh.":
        "看板打开时的语言;每页都可切换。默认:zh(中文)。",
    "The level of the leaders in charge: 市, 县, 区 or 省 (as in 分管市领导).":
        "分管领导的层级:市、县、区或省(如“分管市领导”中的“市”)。",
    # plan export / plan import, --output and --table (issue 11), plan init --force (issue 9)
    "Write the report to FILE as UTF-8 bytes (CSV with a BOM) instead of printing it: "
    "PowerShell's > re-encodes what it redirects. CSV with several tables writes one file "
    "each, FILE-NAME.csv.":
        "把报告按 UTF-8 字节写入文件(CSV 带 BOM),而不是打印到屏幕:PowerShell 的 > "
        "重定向会改变编码。含多张表的 CSV 每张表写一个文件:文件名-表名.csv。",
    "CSV holds one table: the one to write, when the report has several (the error lists "
    "their names).":
        "CSV 只能放一张表:报告有多张表时,指定要导出的那张(出错提示会列出表名)。",
    "Overwrite the plan files the folder already holds (listed when refused without it).":
        "覆盖该文件夹中已有的计划文件(不加此项时会拒绝并列出这些文件)。",
    "Write the plan to a file others open: xlsx (Excel 台账).":
        "把计划导出为他人可打开的文件:xlsx(Excel 台账)。",
    "The ledgers as Excel 台账 (one sheet each), the indicators and a 说明 sheet: "
    "print-ready, with a status drop-down and the 三色预警 colours.":
        "导出 Excel 台账:每个台账一张工作表,另有指标表和说明表;可直接打印,"
        "状态列带下拉选项,并按三色预警着色。",
    "The workbook to write.": "要写出的工作簿。",
    "The year whose four quarters the ledger sheets show (and earlier quarters with open "
    "entries); 0 for every quarter of the plan. Default: the as-of year.":
        "台账表展示哪一年的四个季度(以及更早仍未完成的季度);0 表示计划期内全部季度。"
        "默认:截至日期所在年份。",
    "Read a filled-in file back as edits: xlsx.": "把填好的文件读回为数据修改:xlsx。",
    "Read a filled-in 台账 (the layout `plan export xlsx` writes) back as edits: statuses, "
    "completion dates, progress notes, causes and corrective actions, owners, indicators' "
    "actuals. Shows them as a plan diff; every cell it cannot read is named (Sheet!F12); "
    "nothing is written if any cell is unreadable or the result fails plan check. A blank "
    "cell never overwrites a filled field.":
        "把填好的台账(plan export xlsx 导出的格式)读回为数据修改:状态、完成时间、进展情况、"
        "原因和整改措施、责任主体、指标实际值。先以计划变更的形式列出;每个无法读取的单元格都会"
        "指明位置(工作表!F12);只要有单元格无法读取,或结果通不过 plan check,就不写入任何内容。"
        "空白单元格不会覆盖已填写的内容。",
    "The filled-in workbook.": "填好的工作簿。",
    "--dry-run (the default) shows the changes and writes nothing; --apply writes them.":
        "--dry-run(默认)只列出修改,不写入;--apply 才写入。",
    "A department's own layout: a YAML file naming which column is which (columns: {item: "
    "任务编号, quarter: 季度, status: 完成情况, done_on: 完成时间, ...}; or kind: actuals "
    "with indicator, period, value, source).":
        "部门自有表格的列映射:一个 YAML 文件,写明哪一列是什么(columns: {item: 任务编号, "
        "quarter: 季度, status: 完成情况, done_on: 完成时间, ...};或 kind: actuals,"
        "写明 indicator、period、value、source 列)。",
}

# The CLI framework's own words (click, bundled in typer), and plan's usage errors.
FRAMEWORK: dict[str, str] = {
    "Usage: ": "用法:",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Error: {message}": "错误:{message}",
    "Aborted!": "已中止。",
    "Missing {kind} {name}.": "缺少{kind} {name}。",
    "option": "选项",
    "argument": "参数",
    "parameter": "参数",
    "No such option: {name}": "没有选项 {name}",
    "No such command {name}.": "没有命令“{name}”。",
    "Missing command.": "缺少命令。",
    "Option {name} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name} requires {n} arguments.": "选项 {name} 需要 {n} 个值。",
    "Option {name} does not take a value.": "选项 {name} 不接受值。",
    "Got unexpected extra arguments: {args}": "多余的参数:{args}",
    "Invalid value for {name}: {detail}": "{name} 的值无效:{detail}",
    "Invalid value: {detail}": "值无效:{detail}",
    "{value} is not one of: {choices}": "{value} 不是可选值,可选值:{choices}",
    "{value} is not a date; write it as 2024-06-30": "{value} 不是有效日期,请写成 2024-06-30 的格式",
    "{value} is not a quarter; write it as 2024Q2": "{value} 不是有效季度,请写成 2024Q2 的格式",
    "{value} is not a period; write 2024 or 2024Q2": "{value} 不是有效期间,请写年份(2024)或季度(2024Q2)",
    "{value} is not a number": "{value} 不是数字",
    "give --quarter or --next, not both": "--quarter 和 --next 只能用一个",
    "{detail} (known: {known})": "{detail}(已有:{known})",
    "'{value}' is not a status this report uses (known: {known})":
        "“{value}”不是本报告使用的状态(可选:{known})",
    "'{value}' is not a status this report uses (did you mean '{suggestion}'?) (known: {known})":
        "“{value}”不是本报告使用的状态(是否要找“{suggestion}”?)(可选:{known})",
    "no {option} '{value}' in the data (known: {known})": "数据中没有“{value}”(已有:{known})",
    "no {option} '{value}' in the data (did you mean '{suggestion}'?) (known: {known})":
        "数据中没有“{value}”(是否要找“{suggestion}”?)(已有:{known})",
    "{value} is not an id: letters, digits, '-', '_', '.'":
        "{value} 不是有效的编号:只能用字母、数字及“-”“_”“.”",
    "{path} exists already": "{path} 已存在",
    "{path} is a file, not a folder: name a new or existing folder":
        "{path} 是文件而不是文件夹:请指定新的或已有的文件夹",
    "{path} already holds plan files; plan init would overwrite:\n"
    "{files}nothing was written; add --force to overwrite them":
        "{path} 中已有计划文件,plan init 将覆盖:\n{files}未写入任何文件;确需覆盖请加 --force",
    "contains {char}, which cannot be written safely": "含有无法安全写入的字符 {char}",
    "the plan cannot end ({end}) before it starts ({start})":
        "计划的结束季度({end})不能早于开始季度({start})",
    "no plan data in {folder}: expected plan.yaml or data/plan.yaml there (use --data DIR or "
    "set PLAN_DATA)":
        "{folder} 中没有计划数据:应有 plan.yaml 或 data/plan.yaml(可用 --data 指定目录,"
        "或设置 PLAN_DATA)",
    "the data has errors; fix them first (see `plan check`)":
        "数据有错误,请先改正(见 plan check)",
    "the data at {name} has errors; fix them first (see `plan check`)":
        "{name} 处的数据有错误,请先改正(见 plan check)",
    "this needs a plan repository: run inside one or use --data DIR":
        "此命令需要在计划仓库中运行:请进入计划仓库,或用 --data 指定目录",
    "{folder} is not in a git repository (run git init there first)":
        "{folder} 不在 git 仓库中(请先在该处运行 git init)",
    "git is not installed or not on PATH": "未安装 git,或 git 不在 PATH 中",
    "no main branch found (origin/main, main, origin/master, master): name the base revision":
        "找不到主分支(origin/main、main、origin/master、master):请指明比较的基准版本",
    "unknown revision: {detail}": "找不到版本:{detail}",
    "git failed: {detail}": "git 执行出错:{detail}",
    "internal error ({error}). This is a bug in plan, not in your data: please report it with "
    "the command you ran (PLAN_DEBUG=1 shows the traceback).":
        "内部错误({error})。这是 plan 的缺陷,不是数据的问题:请连同所运行的命令一并报告"
        "(设置 PLAN_DEBUG=1 可显示详细信息)。",
    "{file} changed while the report was reading it; run the command again":
        "报告读取期间 {file} 被修改,请重新运行该命令",
    "out of date: {path}": "已过期:{path}",
    "wrote: {path}": "已写入:{path}",
    "created {path}": "已创建 {path}",
    "next: cd {folder} && git init && plan check": "下一步:cd {folder} && git init && plan check",
    "none": "无",
    "required": "必填",
    "default": "默认",
    "env var": "环境变量",
    "<str>": "<文本>",
    "<path>": "<路径>",
    "<int>": "<整数>",
    "<float>": "<数值>",
    "DATE": "日期",
    "QUARTER": "季度",
    "REASON": "原因",
    "BASE": "基准版本",
    "NAME": "名称",
    "AREA": "重点任务",
    "LEDGER": "台账",
    "STATUS": "状态",
    "FILE": "文件",
    "OUT": "输出文件",
    "YEAR": "年份",
    "DIR": "目录",
    "SPEC": "安装说明",
    "CODE": "代码",
    "{code}": "{代码}",
    "code": "代码",
    "OUT_DIR": "输出目录",
    "{DIR}": "{目录}",
    "{OUT_DIR}": "{输出目录}",
    "ID": "编号",
    "COMMAND": "命令",
    "ARGS": "参数",
    "OPTIONS": "选项",
    "{item}": "{事项}",
    "{indicator}": "{指标}",
    "{text}": "{进展}",
    "{folder}": "{目录}",
    "[base]": "[基准版本]",
    "[head]": "[比较版本]",
    "item": "事项",
    "indicator": "指标",
    "text": "进展",
    "folder": "目录",
    "base": "基准版本",
    "head": "比较版本",
}

_WORD = None


def _squash(text: str) -> str:
    return " ".join(text.split())


def help_text(text: str, lang: str) -> str:
    """A help text in ``lang``: its catalog entry, or the text as written (English)."""
    if lang != "zh":
        return text
    return HELP.get(_squash(text), text)


def framework(text: str, lang: str) -> str:
    """A framework word or sentence in ``lang`` (the whole text is looked up)."""
    if lang != "zh" or not text:
        return text
    return FRAMEWORK.get(text, text)


def framework_cell(text: str, lang: str) -> str:
    """A usage line or the left cell of a help row (``--done-on DATE``, ``item <str>``),
    translated placeholder by placeholder; option names and choices stay as typed."""
    if lang != "zh" or not text:
        return text
    global _WORD
    if _WORD is None:
        import re

        tokens = sorted((k for k in FRAMEWORK if " " not in k.strip()), key=len, reverse=True)
        # choices (<text|github|json>) stay as typed; placeholders are translated
        _WORD = re.compile(r"(<[^<>\s]*\|[^<>\s]*>)|(?<![\w-])("
                           + "|".join(re.escape(t) for t in tokens) + r")(?![\w-])")
    return _WORD.sub(lambda m: m.group(1) or FRAMEWORK[m.group(2)], FRAMEWORK.get(text, text))


def framework_help(text: str, lang: str) -> str:
    """The right cell of a help row: the framework's bracketed notes in ``lang``."""
    if lang != "zh" or not text:
        return text
    for en, zh in (("[default: ", "[默认:"), ("[required]", "[必填]"), ("; required]", ";必填]"),
                   ("[env var: ", "[环境变量:"), ("Show this message and exit.", "显示本帮助并退出。")):
        text = text.replace(en, zh)
    return text
