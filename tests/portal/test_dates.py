"""Dates the Norwegian way: "17. aug. 2019" and "jan. 2019–mai 2020", not "17. Aug 2019" or "Jan 2019"."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format

AUGUST_17 = datetime.date(2019, 8, 17)


@pytest.mark.parametrize(
    ("value", "format_name", "norwegian"),
    [
        (AUGUST_17, "SHORT_DATE_FORMAT", "17. aug. 2019"),
        (datetime.date(2019, 1, 1), "YEAR_MONTH_FORMAT", "jan. 2019"),
        (datetime.date(2020, 5, 1), "YEAR_MONTH_FORMAT", "mai 2020"),
        (AUGUST_17, "DATE_FORMAT", "17. august 2019"),
        (datetime.datetime(2019, 8, 17, 9, 5), "SHORT_DATETIME_FORMAT", "17. aug. 2019 09:05"),
    ],
)
def test_dates_read_the_norwegian_way(value, format_name, norwegian):
    with translation.override("nb"):
        assert date_format(value, format_name) == norwegian


def test_english_dates_put_the_day_first():
    with translation.override("en"):
        assert date_format(AUGUST_17, "SHORT_DATE_FORMAT") == "17 Aug. 2019"


def test_a_project_date_shows_month_and_year_in_lowercase_with_a_period():
    item = {"kind": "date", "value": datetime.date(2019, 1, 15)}
    with translation.override("nb"):
        assert render_to_string("projects/_page_value.html", {"item": item}).strip() == "jan. 2019"


def test_templates_use_named_date_formats_only():
    # A format string of its own ("M Y" gave "Jan 2019", "Mai 2020") bypasses portal/formats.
    literal = re.compile(r"""\|date:["'](?![A-Z_]+_FORMAT["']|c["'])""")
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert offenders == []
