"""What each diagnostic code says, in English and Chinese.

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
        "分管市领导“{value}”未在 owners.yaml 中登记{suggestion}",
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
        "明确后请填写 owners.department(及分管市领导、科室、工作人员)",
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
        "{file}:{detail}",
        "see `plan import xlsx --help` for the mapping file's fields",
        "映射文件的写法见 plan import xlsx --help",
    ),
    "xlsx-edit-refused": (
        "{detail}",
        "{detail}",
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


def plural(count: int, word: str) -> str:
    """English count and noun: 1 error, 2 errors (Chinese needs no plural)."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def detect_language(environ: dict[str, str] | None = None) -> str:
    """``zh`` when the locale says Chinese (LC_ALL, LC_MESSAGES or LANG; on Windows,
    which seldom sets them, the display language), else ``en``."""
    env = os.environ if environ is None else environ
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
