from plan_cli.yamlread import decode, locate, parse


def test_scalars_follow_yaml_1_2_and_dates_stay_text():
    data, problems = parse("a: yes\nb: 010\nc: 2024-06-30\nd: null\ne: ~\nf: 'null'\n"
                           "g: 2.5\nh: true\ni: 2024Q2\nj: \"12\"\n")
    assert problems == []
    assert data == {"a": "yes", "b": 10, "c": "2024-06-30", "d": None, "e": None,
                    "f": "null", "g": 2.5, "h": True, "i": "2024Q2", "j": "12"}


def test_a_key_with_nothing_after_it_is_null():
    data, _ = parse("done_on:\nnote: \nitems:\n")
    assert data == {"done_on": None, "note": None, "items": None}


def test_positions_are_one_based_and_count_characters_not_bytes():
    data, _ = parse("items:\n  - {title: 建设平台, area: x}\n")
    assert locate(data, ("items", 0, "area")) == (2, 25)
    assert locate(data, ("items", 0, "area"), at_key=True) == (2, 19)
    # a missing key points at its parent mapping
    assert locate(data, ("items", 0, "owners")) == (2, 5)


def test_duplicate_keys_are_reported_and_the_first_value_kept():
    data, problems = parse("a: 1\nb: 2\na: 3\n")
    assert data == {"a": 1, "b": 2}
    assert [(p.line, p.column, p.code, p.args["first_line"]) for p in problems] == [
        (3, 1, "duplicate-key", 1)]


def test_syntax_error_is_located():
    data, problems = parse("a: 1\nb: [1, 2\nc: 3\n")
    assert data is None
    assert problems[0].code == "yaml-syntax" and problems[0].line == 3


def test_bom_and_crlf_are_accepted():
    text, problem = decode("\ufeffa: 1\r\nb: 中文\r\n".encode("utf-8"))
    assert problem is None
    data, problems = parse(text)
    assert data == {"a": 1, "b": "中文"} and problems == []
    assert locate(data, ("b",)) == (2, 4)


def test_gbk_files_are_named_as_such():
    text, problem = decode("a: 1\ntitle: 中文标题\n".encode("gb18030"))
    assert text is None
    assert (problem.line, problem.column, problem.args["detail"]) == (2, 8, "GBK/GB18030")


def test_aliases_are_refused_known_or_not():
    _, problems = parse("a: *nope\n")
    assert problems[0].code == "alias"
