"""Dates the Norwegian way (Språkrådet): "17. aug. 2019", "jan. 2019–mai 2020", month abbreviations lowercase
with a period. Django's own nb formats are kept for the rest (input formats, numbers). Templates use these
names (`|date:"SHORT_DATE_FORMAT"`), never a format string of their own."""

from django.conf.locale.nb.formats import *  # noqa: F403

DATE_FORMAT = "j. F Y"  # 17. august 2019
DATETIME_FORMAT = "j. F Y H:i"
YEAR_MONTH_FORMAT = "N Y"  # aug. 2019; mai 2020
SHORT_DATE_FORMAT = "j. N Y"  # 17. aug. 2019
SHORT_DATETIME_FORMAT = "j. N Y H:i"
