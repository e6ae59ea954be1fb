"""The calendar files follow RFC 5545: CRLF line ends, lines of at most 75 octets folded without cutting
a character, TEXT escaped, UID, DTSTAMP and times in UTC. Parsed back here by the RFC's own rules."""

import re
from datetime import UTC, datetime

from opendays import ics

from .conftest import make_open_day

LONG_TITLE = "Visningsdag: Trygghetsalarm, sensorer; og «velferdsteknologi» på Ærøy – " + "æøå " * 20


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "a bare LF or CR"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    return text[:-2].replace("\r\n ", "").split("\r\n")


def properties(text: str) -> list[tuple[str, str]]:
    result = []
    for line in unfold(text):
        name, value = re.match(r"^([A-Z-]+(?:;[^:]*)?):(.*)$", line).groups()
        result.append((name, value))
    return result


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_fold_keeps_characters_whole_and_lines_short():
    folded = ics.fold("SUMMARY:" + "ø" * 100)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "ø" * 100


def test_escape():
    assert ics.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_an_open_days_calendar_file_is_valid(client, project, editor):
    open_day = make_open_day(project=project, by=editor, title=LONG_TITLE, description="Linje 1\nLinje 2, med komma")
    response = client.get(f"/visningsdager/{open_day.pk}/kalender.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode("utf-8")
    props = properties(text)
    names = [name for name, _value in props]
    assert names[0] == "BEGIN" and props[0][1] == "VCALENDAR" and props[-1] == ("END", "VCALENDAR")
    assert {"VERSION", "PRODID"} <= set(names)
    event = dict(props[names.index("BEGIN", 1) : names.index("END")])
    assert event["UID"] == f"{open_day.uid}@spre"
    assert unescape(event["SUMMARY"]) == LONG_TITLE
    assert unescape(event["DESCRIPTION"]) == "Linje 1\nLinje 2, med komma"
    assert unescape(event["LOCATION"]) == open_day.place
    start = datetime.strptime(event["DTSTART"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert start == open_day.starts_at
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    assert event["STATUS"] == "CONFIRMED"
    assert any(len(line.encode()) == 75 for line in text.split("\r\n")), "the long title was folded"


def test_a_cancelled_or_changed_open_day_updates_the_calendar_entry(client, project, editor):
    from opendays import services

    open_day = make_open_day(project=project, by=editor)
    services.cancel_open_day(open_day=open_day, by=editor, reason="")
    event = dict(properties(client.get(f"/visningsdager/{open_day.pk}/kalender.ics").content.decode()))
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == "1"


def test_the_calendar_feed_holds_every_upcoming_open_day(client, project, editor):
    days = [make_open_day(project=project, by=editor, title=f"Visning {n}") for n in range(3)]
    text = client.get("/visningsdager/kalender.ics").content.decode()
    uids = [value for name, value in properties(text) if name == "UID"]
    assert sorted(uids) == sorted(f"{day.uid}@spre" for day in days)
