"""Answer domains: which values they take, why others are refused, schemas, descriptions."""

from __future__ import annotations

import jsonschema
import pytest

from inspectcore import (
    UNRECORDED,
    Basis,
    Date,
    Domain,
    Integer,
    LocalText,
    MultipleChoice,
    Option,
    Provenance,
    SingleChoice,
    Text,
    YesNo,
)

# Test seam: the answer types of the edition data format, by name.
from inspectcore._model.domains import DOMAIN_TYPES


def options(*values: str) -> tuple[Option, ...]:
    return tuple(Option(v) for v in values)


def schema_accepts(domain: Domain, value: object) -> bool:
    """Whether the domain's JSON Schema accepts ``value`` (lists in JSON for tuples)."""
    as_json = list(value) if isinstance(value, tuple) else value
    try:
        jsonschema.validate(
            as_json, domain.json_schema(), format_checker=jsonschema.FormatChecker()
        )
    except jsonschema.ValidationError:
        return False
    return True


SENTENCE = Integer(min=1, sentinels=((999, "indeterminate sentence"),))
AGE = Integer(min=10, max=17)
FACTORS = MultipleChoice(options("Education", "Family", "Substance misuse", "Mental health"), 3)


def test_domain_types_by_name() -> None:
    assert {
        "yes_no": YesNo,
        "single_choice": SingleChoice,
        "multiple_choice": MultipleChoice,
        "integer": Integer,
        "text": Text,
        "date": Date,
    } == DOMAIN_TYPES


# --- yes/no ---------------------------------------------------------------------------


def test_yes_no_without_na() -> None:
    domain = YesNo.make()
    assert domain.values == ("Yes", "No")
    assert domain.na is False
    assert domain.check("Yes") is None
    assert domain.check("No") is None
    assert domain.check("N/A") == "'N/A' is not one of 'Yes', 'No'"
    assert domain.check("yes") == "'yes' is not one of 'Yes', 'No'"
    assert domain.check(True) == "True is not one of 'Yes', 'No'"
    assert domain.check(("Yes",)) == "['Yes'] is not one of 'Yes', 'No'"
    assert domain.json_schema() == {"enum": ["Yes", "No"]}
    assert domain.describe() == "Yes / No"


def test_yes_no_with_na() -> None:
    domain = YesNo.make(na=True)
    assert domain.values == ("Yes", "No", "N/A")
    assert domain.na is True
    assert domain.check("N/A") is None
    assert domain.check("n/a") == "'n/a' is not one of 'Yes', 'No', 'N/A'"
    assert domain.json_schema() == {"enum": ["Yes", "No", "N/A"]}
    assert domain.describe() == "Yes / No / N/A"
    assert domain.type == "yes_no"


def test_yes_no_accepts_scalar() -> None:
    domain = YesNo.make()
    assert domain.accepts_scalar("Yes") is True
    assert domain.accepts_scalar("Maybe") is False
    assert domain.accepts_scalar(1) is False


# --- single choice ----------------------------------------------------------------------


def test_single_choice() -> None:
    high = Option("High", LocalText.of("Serious harm is likely"), Provenance(Basis.DERIVED, "x"))
    domain = SingleChoice((Option("Low"), high))
    assert domain.values == ("Low", "High")
    assert domain.check("High") is None
    assert domain.check("Medium") == "'Medium' is not one of 'Low', 'High'"
    assert domain.check(1) == "1 is not one of 'Low', 'High'"
    assert domain.check(("Low",)) == "['Low'] is not one of 'Low', 'High'"
    assert domain.option("High") is high
    assert domain.option("Low") == Option("Low", None, UNRECORDED)
    assert domain.option("Medium") is None
    assert domain.accepts_scalar("Low") is True
    assert domain.accepts_scalar("low") is False
    assert domain.json_schema() == {"enum": ["Low", "High"]}
    assert domain.describe() == "one of: Low; High"
    assert domain.type == "single_choice"


# --- multiple choice --------------------------------------------------------------------


def test_multiple_choice_values() -> None:
    assert FACTORS.check(()) is None
    assert FACTORS.check(("Family",)) is None
    assert FACTORS.check(("Education", "Family", "Mental health")) is None


def test_multiple_choice_needs_a_list() -> None:
    assert FACTORS.check("Family") == "expected a list of options, got 'Family'"
    assert FACTORS.check(3) == "expected a list of options, got 3"


def test_multiple_choice_unknown_option() -> None:
    assert FACTORS.check(("Family", "Housing")) == (
        "'Housing' is not one of 'Education', 'Family', 'Substance misuse', 'Mental health'"
    )
    assert FACTORS.check((1,)).startswith("1 is not one of 'Education'")  # type: ignore[union-attr]


def test_multiple_choice_duplicates() -> None:
    assert FACTORS.check(("Family", "Family")) == "an option is chosen more than once"
    unlimited = MultipleChoice(options("a", "b"))
    assert unlimited.check(("a", "b", "a")) == "an option is chosen more than once"


def test_multiple_choice_max() -> None:
    assert FACTORS.check(("Education", "Family", "Substance misuse", "Mental health")) == (
        "4 options chosen, at most 3 allowed"
    )
    one = MultipleChoice(options("a", "b"), max=1)
    assert one.check(("a",)) is None
    assert one.check(("a", "b")) == "2 options chosen, at most 1 allowed"
    unlimited = MultipleChoice(options("a", "b", "c"))
    assert unlimited.max is None
    assert unlimited.check(("a", "b", "c")) is None


def test_multiple_choice_accepts_scalar_means_one_option() -> None:
    assert FACTORS.accepts_scalar("Family") is True
    assert FACTORS.accepts_scalar(("Family",)) is False
    assert FACTORS.accepts_scalar("Housing") is False


def test_multiple_choice_schema_and_description() -> None:
    assert FACTORS.json_schema() == {
        "type": "array",
        "items": {"enum": ["Education", "Family", "Substance misuse", "Mental health"]},
        "uniqueItems": True,
        "maxItems": 3,
    }
    assert FACTORS.describe() == (
        "any of (at most 3): Education; Family; Substance misuse; Mental health"
    )
    unlimited = MultipleChoice(options("a", "b"))
    assert "maxItems" not in unlimited.json_schema()
    assert unlimited.describe() == "any of: a; b"
    assert unlimited.type == "multiple_choice"


# --- integer ------------------------------------------------------------------------------


def test_integer_bounds_are_inclusive() -> None:
    assert AGE.check(10) is None
    assert AGE.check(17) is None
    assert AGE.check(9) == "9 is below the minimum 10"
    assert AGE.check(18) == "18 is above the maximum 17"
    assert AGE.check(-1) == "-1 is below the minimum 10"


def test_integer_needs_a_whole_number() -> None:
    assert AGE.check("12") == "expected a whole number, got '12'"
    assert AGE.check(12.0) == "expected a whole number, got 12.0"
    assert AGE.check(True) == "expected a whole number, got True"
    assert AGE.check(("12",)) == "expected a whole number, got ['12']"


def test_integer_without_bounds() -> None:
    domain = Integer()
    assert domain.check(-5) is None
    assert domain.check(10**9) is None
    assert domain.json_schema() == {"type": "integer"}
    assert domain.describe() == "whole number"


def test_integer_sentinels_are_allowed_outside_the_bounds() -> None:
    assert SENTENCE.check(999) is None
    assert SENTENCE.check(24) is None
    assert SENTENCE.check(0) == "0 is below the minimum 1"
    capped = Integer(min=0, max=120, sentinels=((999, "indeterminate"), (-1, "unknown")))
    assert capped.check(999) is None
    assert capped.check(-1) is None
    assert capped.check(998) == "998 is above the maximum 120"
    assert capped.check(-2) == "-2 is below the minimum 0"
    assert capped.accepts_scalar(999) is True
    assert capped.accepts_scalar(121) is False
    assert capped.accepts_scalar("999") is False


def test_integer_schema_and_description() -> None:
    assert AGE.json_schema() == {"type": "integer", "minimum": 10, "maximum": 17}
    assert AGE.describe() == "whole number 10..17"
    assert SENTENCE.json_schema() == {"anyOf": [{"type": "integer", "minimum": 1}, {"enum": [999]}]}
    assert SENTENCE.describe() == "whole number 1..; 999 = indeterminate sentence"
    assert Integer(max=5).describe() == "whole number ..5"
    assert Integer(max=5).json_schema() == {"type": "integer", "maximum": 5}
    assert AGE.type == "integer"


# --- text ------------------------------------------------------------------------------------


def test_text() -> None:
    domain = Text()
    assert domain.check("") is None
    assert domain.check("anything at all") is None
    assert domain.check(3) == "expected text, got 3"
    assert domain.check(("a",)) == "expected text, got ['a']"
    assert domain.accepts_scalar("x") is True
    assert domain.accepts_scalar(1) is False
    assert domain.json_schema() == {"type": "string"}
    assert domain.describe() == "free text"
    assert domain.type == "text"


# --- date ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2024-06-30", "2024-02-29", "2000-01-01", "1999-12-31"])
def test_date_accepts_iso_dates(value: str) -> None:
    assert Date().check(value) is None
    assert Date().accepts_scalar(value) is True


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",  # no such day
        "2023-02-29",  # not a leap year
        "2024-13-01",  # no such month
        "2024-2-3",  # digits missing
        "2024-06-3",
        "20240630",  # basic format
        "2024-W05-1",  # ISO week date, also ten characters
        "2024-001",  # ordinal date
        "2024-06",  # month only
        "2024-06-30T00:00",
        " 2024-06-30",
        "30/06/2024",
        "",
    ],
)
def test_date_refuses_anything_but_yyyy_mm_dd(value: str) -> None:
    assert Date().check(value) == f"expected a date as YYYY-MM-DD, got {value!r}"
    assert Date().accepts_scalar(value) is False


def test_date_refuses_non_strings() -> None:
    assert Date().check(20240630) == "expected a date as YYYY-MM-DD, got 20240630"
    assert Date().check(("2024-06-30",)) == "expected a date as YYYY-MM-DD, got ['2024-06-30']"


def test_date_schema_and_description() -> None:
    assert Date().json_schema() == {
        "type": "string",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
    }
    assert Date().describe() == "date (YYYY-MM-DD)"
    assert Date().type == "date"


# --- check() and json_schema() agree -------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "values"),
    [
        (YesNo.make(), ["Yes", "No", "N/A", "yes", 1, None]),
        (YesNo.make(na=True), ["Yes", "N/A", "n/a"]),
        (SingleChoice(options("Low", "High")), ["Low", "High", "Medium", 0]),
        (
            FACTORS,
            [
                (),
                ("Family",),
                ("Family", "Family"),
                ("Housing",),
                ("Education", "Family", "Substance misuse", "Mental health"),
                "Family",
            ],
        ),
        (AGE, [10, 17, 9, 18, "12", 12.5]),
        (SENTENCE, [1, 999, 0, 998, -3]),
        (Text(), ["", "x", 1, None]),
        (Date(), ["2024-06-30", "2024-02-30", "2024-2-3", "2024-W05-1", "20240630", 1]),
    ],
)
def test_check_and_json_schema_agree(domain: Domain, values: list[object]) -> None:
    for value in values:
        assert (domain.check(value) is None) == schema_accepts(domain, value), value
