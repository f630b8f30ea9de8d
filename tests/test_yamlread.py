import math
import subprocess
import sys

import pytest

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


def test_merge_keys_are_refused_where_they_stand_and_not_read_as_a_field():
    data, problems = parse("base: &b {unit: '%'}\nx:\n  <<: *b\n  name: 强度\n")
    assert data["x"] == {"name": "强度"}
    # (its value, an alias, is refused too: aliases are never expanded)
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 3, "merge-key"),
                                                              (3, 7, "alias")]
    # a quoted '<<' is an ordinary (unknown) key, not a merge
    data, problems = parse("'<<': 1\n")
    assert data == {"<<": 1} and problems == []


def test_explicit_tags_are_refused_with_their_location():
    data, problems = parse("a: !!str 2024\nb: !!float 3\nc: !mine {k: 1}\nd: !!seq [1]\ne: '5'\n")
    assert [(p.line, p.column, p.code, p.args["tag"]) for p in problems] == [
        (1, 4, "explicit-tag", "!!str"), (2, 4, "explicit-tag", "!!float"),
        (3, 4, "explicit-tag", "!mine"), (4, 4, "explicit-tag", "!!seq")]
    assert data["a"] == "2024" and data["e"] == "5"


@pytest.mark.parametrize("spelling", [
    f"{sign}.{word}" for sign in ("", "+", "-") for word in ("inf", "Inf", "INF")
] + [".nan", ".NaN", ".NAN"])
def test_every_yaml_1_2_spelling_of_infinity_and_nan_is_a_number(spelling):
    data, problems = parse(f"v: {spelling}\n")
    assert problems == [] and isinstance(data["v"], float) and not math.isfinite(data["v"])


def test_other_dotted_words_stay_text():
    data, _ = parse("a: .Nan\nb: .iNF\nc: .5\n")
    assert data == {"a": ".Nan", "b": ".iNF", "c": 0.5}


def test_the_reader_runs_on_ruamel_yamls_c_parser():
    import _ruamel_yaml

    from plan_cli import yamlread

    assert yamlread._yaml()[0] is _ruamel_yaml.CParser


def test_a_missing_c_parser_is_a_clear_error_not_a_slow_fallback():
    code = ("import sys; sys.modules['_ruamel_yaml'] = None; sys.modules['_ruamel_yaml_clibz'] = None\n"
            "from plan_cli.yamlread import parse\n"
            "try:\n    parse('a: 1')\nexcept ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", check=True).stdout
    assert "ruamel.yaml.clib" in out and "C 解析器" in out
