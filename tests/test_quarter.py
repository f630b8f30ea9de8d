from datetime import date

import pytest

from plan_cli.quarter import Quarter, period_end, period_years, quarters_between


def test_parse_and_print_round_trip():
    assert Quarter.parse("2024Q2") == Quarter(2024, 2)
    assert str(Quarter(2024, 2)) == "2024Q2"
    assert Quarter.parse(" 2024q3 ") == Quarter(2024, 3)  # forgiving about case and spaces


@pytest.mark.parametrize("text", ["2024Q5", "2024Q0", "2024-Q2", "24Q1", "2024", "Q2 2024", ""])
def test_parse_rejects_other_forms_with_the_expected_form(text):
    with pytest.raises(ValueError, match="2024Q2"):
        Quarter.parse(text)


def test_arithmetic_crosses_year_boundaries():
    assert Quarter(2023, 4) + 1 == Quarter(2024, 1)
    assert Quarter(2024, 1) + -1 == Quarter(2023, 4)
    assert Quarter(2025, 4) - Quarter(2023, 1) == 11
    assert Quarter(2023, 1) < Quarter(2023, 2) < Quarter(2024, 1)


def test_start_end_and_of():
    assert Quarter(2024, 1).start == date(2024, 1, 1)
    assert Quarter(2024, 1).end == date(2024, 3, 31)
    assert Quarter(2024, 4).end == date(2024, 12, 31)
    assert Quarter.of(date(2024, 6, 30)) == Quarter(2024, 2)
    assert Quarter.of(date(2024, 7, 1)) == Quarter(2024, 3)


def test_quarters_between_includes_both_ends():
    assert [str(q) for q in quarters_between(Quarter(2023, 3), Quarter(2024, 2))] == [
        "2023Q3", "2023Q4", "2024Q1", "2024Q2"]


def test_periods_as_years_and_quarters():
    assert period_end(2024) == date(2024, 12, 31)
    assert period_end(Quarter(2024, 2)) == date(2024, 6, 30)
    # a year's value stands at the end of the year, a quarter's at the quarter's end
    assert period_years(2024) == 2025.0
    assert period_years(Quarter(2024, 2)) == 2024.5
