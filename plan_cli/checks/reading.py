"""Reading files: what is wrong with a file's bytes or its YAML text.

These codes are emitted while a file is read (:mod:`plan_cli.yamlread`,
:mod:`plan_cli.fullwidth`, :mod:`plan_cli.load`); this module holds their
documentation.

``yaml-syntax`` (error)
    en: The text is not valid YAML: a missing colon, a broken indentation, an unclosed bracket.
    zh: 文本不是有效的 YAML:缺少冒号、缩进错乱或括号未闭合。

    Bad::

        owners: {department: 市科技局

    Good::

        owners: {department: 市科技局}

``encoding`` (error)
    en: The file is not UTF-8 (often GBK, from an editor on Windows).
    zh: 文件不是 UTF-8 编码(常见为 Windows 编辑器保存的 GBK)。

    Bad::

        (the file saved as GBK / ANSI)

    Good::

        (the same text saved as UTF-8)

``bad-character`` (error)
    en: A control character YAML does not allow: the file may not be text at all.
    zh: 含有 YAML 不允许的控制字符,文件可能并非文本。

    Bad::

        title: 建设^G创新平台

    Good::

        title: 建设创新平台

``duplicate-key`` (error)
    en: A key appears twice in one mapping; only the first is used.
    zh: 同一映射中键重复,只采用第一个。

    Bad::

        status: done
        status: planned

    Good::

        status: done

``complex-key`` (error)
    en: A key is a list or mapping; keys are plain names.
    zh: 键是列表或映射;键必须是普通名称。

    Bad::

        ? [a, b]
        : 1

    Good::

        a: 1

``not-regular-file`` (error)
    en: A symbolic link, device, pipe or folder where a data file should be: it is not read.
    zh: 数据文件的位置上是符号链接、设备、管道或文件夹:不予读取。

    Bad::

        ledgers/x.yaml -> /dev/zero

    Good::

        ledgers/x.yaml (the file itself, committed)

``file-too-large`` (error)
    en: A data file over the size limit (64 MiB; PLAN_MAX_FILE_SIZE): it is not read.
    zh: 数据文件超过大小上限(64 MiB,可用 PLAN_MAX_FILE_SIZE 调整):不予读取。

    Bad::

        (a 2 GB ledgers/x.yaml)

    Good::

        (the ledger split into files of a sensible size)

``alias`` (error)
    en: A YAML alias ``*name``: aliases are refused, never expanded (an alias bomb is nine lines).
    zh: 使用了 YAML 别名 ``*name``:别名一律拒绝,不予展开(九行即可构成“别名炸弹”)。

    Bad::

        owners: *owners

    Good::

        owners: {department: 市科技局}

``too-deep`` (error)
    en: Lists and mappings nested more than 64 deep: no plan data is, and reading it would recurse.
    zh: 列表和映射嵌套超过 64 层:计划数据不会如此,读取时会过度递归。

    Bad::

        indicators: [[[[[[[[ … ]]]]]]]]

    Good::

        indicators: [rd-intensity]

``number-too-large`` (error)
    en: A number beyond 10^18 in magnitude: no figure in a plan is, and the reports would overflow.
    zh: 数值绝对值超过 10^18:计划中没有这样的数字,报表计算会溢出。

    Bad::

        value: 24000000000000000000

    Good::

        value: 2.4

``multiple-documents`` (error)
    en: A second YAML document (after ``---``); each file holds one.
    zh: 文件中出现第二个 YAML 文档(``---`` 之后);每个文件只能有一个。

    Bad::

        indicators: []
        ---
        indicators: []

    Good::

        indicators: []

``missing-file`` (error)
    en: plan.yaml, indicators.yaml or owners.yaml is missing from the data folder.
    zh: 数据目录中缺少 plan.yaml、indicators.yaml 或 owners.yaml。

    Bad::

        data/plan.yaml  (absent)

    Good::

        data/plan.yaml  (present: see plan init)

``read-error`` (error)
    en: The file exists but cannot be read (permissions, a folder by that name).
    zh: 文件存在但无法读取(权限不足,或同名的是文件夹)。

    Bad::

        chmod 000 data/owners.yaml

    Good::

        chmod 644 data/owners.yaml

``full-width-punctuation`` (error)
    en: A full-width colon, comma, dash or space (typed by a Chinese input method) stands where YAML needs the ASCII one.
    zh: 在 YAML 需要半角符号的位置使用了全角冒号、逗号、连字符或空格(中文输入法常见)。

    Bad::

        status：planned

    Good::

        status: planned
``merge-key`` (error)
    en: A merge key ``<<:`` (not read: the key and its value are ignored).
    zh: 使用了合并键“<<:”(不予读取:该键及其值被忽略)。

    Bad::

        owners:
          <<: *common
          department: 市科技局

    Good::

        owners:
          leader: 张副市长
          department: 市科技局

``explicit-tag`` (error)
    en: An explicit YAML tag such as ``!!str``; quotes keep a value as text.
    zh: 使用了显式 YAML 标签(如 ``!!str``);要把值当作文字请加引号。

    Bad::

        period: !!str 2024

    Good::

        period: '2024'
"""
