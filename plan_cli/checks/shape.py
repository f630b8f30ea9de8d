"""The shape of the data: fields, types and values, as the model defines them.

These codes come from validating each file against :mod:`plan_cli.model`
(:mod:`plan_cli.validate` words pydantic's errors); this module holds their
documentation.

``missing-field`` (error)
    en: A required field is absent.
    zh: 缺少必填字段。

    Bad::

        - id: PT-001
          area: innovation

    Good::

        - id: PT-001
          title: 建设创新平台
          area: innovation

``unknown-field`` (error)
    en: A field the model does not know: a typo, or a field of another ledger kind.
    zh: 模型中没有的字段:拼写错误,或属于其他类型台账的字段。

    Bad::

        - {quarter: 2024Q2, deliverable: 完成建设, stauts: done}

    Good::

        - {quarter: 2024Q2, deliverable: 完成建设, status: done, done_on: 2024-06-28}

``wrong-type`` (error)
    en: A value of the wrong kind: text where a number belongs, a list where a mapping does.
    zh: 值的类型不对:应为数字却写了文字,应为映射却写了列表等。

    Bad::

        declared_count: 二十五

    Good::

        declared_count: 25

``empty-value`` (error)
    en: A text field is empty; write null when it is not known.
    zh: 文字字段为空;未知时请写 null。

    Bad::

        title: ""

    Good::

        title: 建设创新平台

``invalid-choice`` (error)
    en: A value outside its list of choices (a status, a direction, an operator).
    zh: 取值不在可选范围内(状态、方向、运算符等)。

    Bad::

        status: finished

    Good::

        status: done

``bad-tolerance`` (error)
    en: An indicator's tolerance gives both an absolute and a relative width, or neither.
    zh: 指标的允许误差同时写了绝对值和相对值,或两者都没写。

    Bad::

        tolerance: {absolute: 0.5, relative: 0.01}

    Good::

        tolerance: {absolute: 0.5}

``bad-id`` (error)
    en: An id with characters ids may not hold (spaces, Chinese, a leading dash).
    zh: 编号含有不允许的字符(空格、汉字、以连字符开头等)。

    Bad::

        id: PT 001

    Good::

        id: PT-001

``bad-date`` (error)
    en: A date that is not a real ISO date.
    zh: 不是有效的 ISO 日期。

    Bad::

        done_on: 2023-06-31

    Good::

        done_on: 2023-06-30

``bad-quarter`` (error)
    en: A quarter not written as YEARQ1-4.
    zh: 季度未按“年份 + Q + 1~4”书写。

    Bad::

        quarter: 2024Q5

    Good::

        quarter: 2024Q4

``bad-period`` (error)
    en: A period that is neither a year nor a quarter.
    zh: 期间既不是年份也不是季度。

    Bad::

        period: 2024H1

    Good::

        period: 2024Q2

``out-of-range`` (error)
    en: A number outside its allowed range (a tolerance of 1 or more, a negative count).
    zh: 数值超出允许范围(如容差不小于 1、数量为负)。

    Bad::

        tolerance: 1.5

    Good::

        tolerance: 0.05

``invalid-value`` (error)
    en: A value the model rejects for its own reason (the message says which).
    zh: 模型因特定原因拒绝的取值(信息中说明原因)。

    Bad::

        period: {start: 2025Q4, end: 2023Q1}

    Good::

        period: {start: 2023Q1, end: 2025Q4}

``unknown-ledger-kind`` (error)
    en: A ledger's kind is not one of the five kinds.
    zh: 台账类型不是五类台账之一。

    Bad::

        ledger: {id: tasks, kind: tasks, title: 工作台账}

    Good::

        ledger: {id: tasks, kind: provincial_tasks, title: 工作台账}
"""
