"""Working days and time limits, computed from a case's dates as information only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspectcore import (
    DataFolder,
    Edition,
    EditionDataError,
    Timeliness,
    add_working_days,
    bank_holidays,
    case_from_data,
    load_edition_folder,
    timeliness,
    working_days_between,
)

D = dt.date


def test_weekends_are_not_working_days() -> None:
    # Friday 2016-06-03 to Friday 2016-06-10: Mon-Fri of the next week.
    assert working_days_between(D(2016, 6, 3), D(2016, 6, 10), "GB-ENG") == 5


def test_english_bank_holidays_are_skipped() -> None:
    # Christmas 2015: Fri 25 Dec and Mon 28 Dec (Boxing Day observed) are bank holidays.
    # Thu 24 Dec -> Thu 31 Dec: 29, 30, 31 only.
    assert working_days_between(D(2015, 12, 24), D(2015, 12, 31), "GB-ENG") == 3
    names = dict(bank_holidays("GB-ENG", D(2015, 12, 24), D(2015, 12, 31)))
    assert set(names) == {D(2015, 12, 25), D(2015, 12, 26), D(2015, 12, 28)}


def test_welsh_bank_holidays_are_skipped() -> None:
    # Early May bank holiday, Monday 2 May 2016, in Wales.
    # Fri 29 Apr -> Fri 6 May: 3, 4, 5, 6 May.
    assert working_days_between(D(2016, 4, 29), D(2016, 5, 6), "GB-WLS") == 4
    assert D(2016, 5, 2) in dict(bank_holidays("GB-WLS", D(2016, 5, 1), D(2016, 5, 3)))


def test_a_day_that_is_no_holiday_elsewhere_counts() -> None:
    # 17 March (St Patrick's Day) is a bank holiday in Northern Ireland only.
    assert working_days_between(D(2016, 3, 16), D(2016, 3, 17), "GB-ENG") == 1
    assert working_days_between(D(2016, 3, 16), D(2016, 3, 17), "GB-NIR") == 0


def test_deadline_is_the_last_working_day_within_the_limit() -> None:
    # 10 working days from Thu 24 Dec 2015 in England: 29, 30, 31 Dec, 4-8 Jan, 11, 12 Jan.
    assert add_working_days(D(2015, 12, 24), 10, "GB-ENG") == D(2016, 1, 12)
    assert working_days_between(D(2015, 12, 24), D(2016, 1, 12), "GB-ENG") == 10


def test_no_working_days_when_end_is_not_later() -> None:
    assert working_days_between(D(2016, 1, 5), D(2016, 1, 5), "GB-ENG") == 0


EDITION = """
id = "timely"
title = "Timeliness fixture"
version = "1"
publisher = "tests"
published = "2026"
source = "tests"
licence = "CC0-1.0"
levels = ["view"]

[[sections]]
id = "V"
level = "view"
title = "View"

[[questions]]
id = "country"
kind = "information"
section = "V"
text = "Country"
domain = {{ type = "single_choice", options = ["England", "Wales", "Scotland"] }}
domain_basis = "stated: fixture"
[[questions]]
id = "order"
kind = "information"
section = "V"
text = "Order"
domain = {{ type = "single_choice", options = ["Short", "Long", "None"] }}
domain_basis = "stated: fixture"
[[questions]]
id = "from"
kind = "information"
section = "V"
text = "Start"
domain = {{ type = "date" }}
domain_basis = "stated: fixture"
[[questions]]
id = "to"
kind = "information"
section = "V"
text = "End"
domain = {{ type = "date" }}
domain_basis = "stated: fixture"
[[questions]]
id = "judged"
kind = "judgement"
section = "V"
text = "Timely?"
domain = {{ type = "yes_no" }}
domain_basis = "stated: fixture"

[[timeliness]]
id = "work"
title = "Work"
start = "{start}"
end = "to"
calendar_question = "country"
calendars = {{ England = "GB-ENG", Wales = "{wales}" }}
beside = ["judged"]
basis = "stated: fixture"
[[timeliness.limits]]
when = 'answer("order") == "Short"'
working_days = 3
label = "short order"
basis = "stated: fixture"
[[timeliness.limits]]
when = 'answer("order") == "Long"'
working_days = 10
basis = "stated: fixture"
"""


def _edition(tmp_path: Path, start: str = "from", wales: str = "GB-WLS") -> Edition:
    (tmp_path / "edition.toml").write_text(
        EDITION.format(start=start, wales=wales), encoding="utf-8"
    )
    return load_edition_folder(DataFolder.at(tmp_path)).edition


def _result(edition: Edition, **answers: str) -> Timeliness:
    case = case_from_data(
        {
            "format": "inspectcore-case/1",
            "edition": "timely",
            "edition_version": "1",
            "answers": answers,
        }
    )
    (result,) = timeliness(edition, case)
    return result


def test_limit_chosen_by_the_case_and_counted_in_its_country(tmp_path: Path) -> None:
    edition = _edition(tmp_path)
    # Fri 29 Apr 2016 -> Thu 5 May 2016 in Wales: 3, 4, 5 May (2 May is a bank holiday).
    result = _result(
        edition, country="Wales", order="Short", **{"from": "2016-04-29", "to": "2016-05-05"}
    )
    assert result.status == "within"
    assert result.working_days == 3
    assert result.deadline == D(2016, 5, 5)
    assert result.holidays == ((D(2016, 5, 2), "May Day"),)
    late = _result(
        edition, country="Wales", order="Short", **{"from": "2016-04-29", "to": "2016-05-06"}
    )
    assert late.status == "late"
    assert "limit 3 for short order" in late.describe()


def test_longer_limit_for_another_order(tmp_path: Path) -> None:
    result = _result(
        _edition(tmp_path),
        country="England",
        order="Long",
        **{"from": "2016-04-29", "to": "2016-05-06"},
    )
    assert (result.status, result.working_days) == ("within", 4)


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ({"country": "England", "order": "Short", "to": "2016-05-06"}, "from not answered"),
        (
            {"country": "Scotland", "order": "Short", "from": "2016-05-02", "to": "2016-05-06"},
            "country gives no calendar",
        ),
        (
            {"country": "England", "order": "None", "from": "2016-05-02", "to": "2016-05-06"},
            "no time limit is set",
        ),
        (
            {"country": "England", "order": "Short", "from": "2016-05-06", "to": "2016-05-02"},
            "to is before from",
        ),
    ],
)
def test_not_computed_says_why(tmp_path: Path, answers: dict[str, str], reason: str) -> None:
    result = _result(_edition(tmp_path), **answers)
    assert result.status == "not computed"
    assert reason in result.reason


def test_a_start_that_is_not_a_date_question_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(EditionDataError, match="'order' is not a date question") as caught:
        _edition(tmp_path, start="order")
    # Named by its place in the file, as every rule is.
    assert "edition.toml: timeliness[0]" in str(caught.value)


def test_a_malformed_calendar_code_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(EditionDataError, match="'Wales' is not a calendar code"):
        _edition(tmp_path, wales="Wales")
