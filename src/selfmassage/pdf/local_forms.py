"""Dates and numbers on a PDF as the language in force writes them ("Nov 3, 2026" in
English, "03.11.2026" in German), so a handout or report made inside ``speaking`` reads
as one language throughout. Babel, loaded when a PDF is made, not at start-up."""

from __future__ import annotations

from datetime import date, datetime

from selfmassage.core.language import current_language


def _locale() -> str:
    from selfmassage.core.language import PSEUDO

    language = current_language()
    return "en" if language == PSEUDO else language


def day(value: date) -> str:
    """A day: "Nov 2, 2026", "02.11.2026", "2 nov. 2026"."""
    from babel.dates import format_date

    return format_date(value, format="medium", locale=_locale())


def weekday_and_day(value: date) -> str:
    """A day with its weekday: "Tue, Nov 3, 2026", "Di., 3. Nov. 2026"."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMEd", value, locale=_locale())


def month_and_day(value: date) -> str:
    """A day of a chart's axis, without its year: "11/2", "2.11."."""
    from babel.dates import format_skeleton

    return format_skeleton("Md", value, locale=_locale())


def time_of_day(value: datetime) -> str:
    """The time on the clock where it happened: "7:00 PM", "19:00"."""
    from babel.dates import format_time

    return format_time(value, format="short", tzinfo=value.tzinfo, locale=_locale())


def day_and_time(value: datetime, *, weekday: bool = False) -> str:
    """A day and its time, joined as the language joins them: "Nov 27, 2026, 6:00 PM"."""
    from babel import Locale

    when = weekday_and_day(value) if weekday else day(value)
    # CLDR's pattern for joining a date and a time: "{1}, {0}" (date, then time).
    joined = str(Locale.parse(_locale()).datetime_formats["medium"]).replace("'", "")
    return joined.replace("{1}", when).replace("{0}", time_of_day(value))


def decimal(value: float, places: int = 1) -> str:
    """A number with ``places`` decimals: "6.0", "6,0"."""
    from babel.numbers import format_decimal

    pattern = "0." + "0" * places if places else "0"
    return format_decimal(value, format=pattern, locale=_locale())
