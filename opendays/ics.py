"""iCalendar (RFC 5545) for open days, written by hand: it is a small format, and the rules that matter are
kept here in one place: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT
values escaped, a stable UID, DTSTAMP and the times in UTC."""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

PRODID = "-//KS//Spre//NO"


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, new lines as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, continuation lines starting with a space
    (RFC 5545 3.1), cutting only between characters."""
    out = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current)
            current = b" "
            limit = 75
        current += encoded
    out.append(current)
    return "\r\n".join(part.decode("utf-8") for part in out)


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(open_day, now: datetime) -> list[str]:
    url = settings.SITE_URL + open_day.get_absolute_url()
    description = open_day.description
    if open_day.is_digital:
        description = f"{description}\n\n{url}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:{open_day.uid}@spre",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(open_day.starts_at)}",
        f"DTEND:{utc(open_day.ends_at)}",
        f"SEQUENCE:{open_day.sequence}",
        f"LAST-MODIFIED:{utc(open_day.updated_at)}",
        f"SUMMARY:{escape(open_day.title)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if open_day.is_cancelled else 'CONFIRMED'}",
    ]
    if open_day.is_digital:
        lines.append(f"LOCATION:{escape('Digitalt')}")
    elif open_day.place:
        lines.append(f"LOCATION:{escape(open_day.place)}")
    lines.append(f"ORGANIZER;CN={_param(str(open_day.project.owner))}:mailto:{settings.CONTACT_EMAIL}")
    lines.append("END:VEVENT")
    return lines


def _param(value: str) -> str:
    """A parameter value: quoted, without the characters a quoted value may not hold."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def calendar(open_days, *, name: str = "Spre") -> str:
    """A VCALENDAR with one VEVENT per open day, as a string with CRLF line ends."""
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Europe/Oslo",
    ]
    for open_day in open_days:
        lines.extend(_event(open_day, now))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
