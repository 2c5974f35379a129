"""Partial dates: a date is kept at the precision its source gives.

Accepted forms: ``2023``, ``2023-08``, ``2023-08-22``, ``2024-H2`` (half year) and
``2024-Q3`` (quarter). Each parses to its text, its precision and the earliest and latest
day it may denote, so that partial dates can be compared and filtered without inventing a day.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    year = "year"
    half = "half"
    quarter = "quarter"
    month = "month"
    day = "day"


_PATTERN = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?:(?P<half>H[12])|(?P<quarter>Q[1-4])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$"
)


# The same set as a single regular expression, for the OpenAPI document (JSON Schema cannot
# call parse_partial_date): a year from 0001, then a half, a quarter, a month, or a day that
# exists (29 February in leap years only).
_YEAR = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = f"(?:{_MONTH}-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
PARTIAL_DATE_PATTERN = f"^(?:{_YEAR}(?:-(?:H[12]|Q[1-4]|{_MONTH}|{_DAY}))?|{_LEAP_YEAR}-02-29)$"


@dataclass(frozen=True)
class PartialDate:
    text: str
    precision: Precision
    earliest: date
    latest: date

    def __str__(self) -> str:
        return self.text


def _month_span(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def parse_partial_date(text: str) -> PartialDate:
    """Parse `text`; raise ValueError with a readable reason when it is not a partial date."""
    match = _PATTERN.match(text)
    if match is None:
        raise ValueError(
            f"{text!r} is not a date: use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1/H2 or YYYY-Q1..Q4"
        )
    year = int(match["year"])
    if year < 1:
        raise ValueError(f"{text!r}: year must be 0001 or later")
    if match["half"]:
        half = int(match["half"][1])
        first, last = _month_span(year, 6 * half - 5, 6 * half)
        return PartialDate(text, Precision.half, first, last)
    if match["quarter"]:
        quarter = int(match["quarter"][1])
        first, last = _month_span(year, 3 * quarter - 2, 3 * quarter)
        return PartialDate(text, Precision.quarter, first, last)
    if match["month"] is None:
        return PartialDate(text, Precision.year, date(year, 1, 1), date(year, 12, 31))
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month {month} does not exist")
    if match["day"] is None:
        first, last = _month_span(year, month, month)
        return PartialDate(text, Precision.month, first, last)
    day = int(match["day"])
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise ValueError(f"{text!r}: {calendar.month_name[month]} {year} has {days_in_month} days")
    exact = date(year, month, day)
    return PartialDate(text, Precision.day, exact, exact)
