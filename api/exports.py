"""«Last ned»: the project list's current result set (same filters and search) as CSV or XLSX, one row per
project, Norwegian column headings. Both stream: rows are read in chunks and written as they come, so a
hundred thousand projects do not fill the memory."""

import csv
import tempfile
from datetime import date

from django.db import connection, transaction
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from projects.declaration import FIELDS
from projects.filters import ProjectFilter

from .licence import NLOD_NAME, NLOD_URL, link_header
from .records import READABLE_ROWS, content, for_records, public_field_names
from .views import published_projects

CHUNK = 500
FIRST_CHUNK = 20
ROW_LABELS = {
    "actors": "Aktører",
    "benefits": "Gevinster",
    "presentations": "Spredningskanaler",
}


def columns() -> list[str]:
    """The headings, in Norwegian whatever the visitor's language (the data are Norwegian)."""
    with translation.override("nb"):
        fixed = [_("title"), "Lenke", "Eierorganisasjon", "Organisasjonsnummer", "Fylke", "Publisert", "Oppdatert"]
        fields = [
            ROW_LABELS[name] if name in READABLE_ROWS else str(FIELDS[name].label).capitalize()
            for name in public_field_names()
            if name not in ("title", "owner")
        ]
        return [str(h).capitalize() for h in fixed] + fields


def _text(name: str, value) -> str:
    """One cell: lists joined with «; », choices by their label, rows as short text."""
    if value is None:
        return ""
    if name == "actors":
        return "; ".join(f"{a['actor']} ({a['actor_type']['label']}, {a['role']['label']})" for a in value)
    if name == "benefits":
        return "; ".join(
            f"{b['indicator']}: {b['baseline'] or '–'} → {b['result'] or '–'} {b['unit']}".strip() for b in value
        )
    if name == "presentations":
        return "; ".join(", ".join(filter(None, [p["channel"]["label"], p["arena"], p["date"] or ""])) for p in value)
    if isinstance(value, list):
        return "; ".join(_text(name, item) for item in value)
    if isinstance(value, dict):
        return value.get("label") or value.get("name") or ""
    return str(value)


def _projects(queryset):
    """The projects in chunks, the first one small so that the download starts at once (a chunk of CHUNK rows
    with their related rows takes a few hundred milliseconds to read)."""
    yield from queryset[:FIRST_CHUNK].iterator(chunk_size=FIRST_CHUNK)
    yield from queryset[FIRST_CHUNK:].iterator(chunk_size=CHUNK)


def rows(queryset, absolute):
    # In a transaction: on PostgreSQL the rows come from a server-side cursor, and outside a transaction Django
    # declares it WITH HOLD, which makes PostgreSQL compute the whole result before the first row is sent. The
    # two reads of _projects() see one snapshot (repeatable read), so a change between them moves no row.
    outermost = not connection.in_atomic_block
    with translation.override("nb"), transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for project in _projects(for_records(queryset)):
            data = content(project, absolute)
            owner = project.owner
            fixed = [
                project.title,
                absolute(project.get_absolute_url()),
                owner.name,
                owner.number,
                owner.county.name,
                project.published_at.date().isoformat() if project.published_at else "",
                project.updated_at.date().isoformat(),
            ]
            yield fixed + [_text(name, data[name]) for name in data if name not in ("title", "owner")]


def result_set(request):
    """The list page's result set: the same filter set on the same projects, in the same order."""
    return ProjectFilter(request.GET, queryset=published_projects()).qs


def _filename(extension: str) -> str:
    return f"spre-prosjekter-{date.today().isoformat()}.{extension}"


class _Echo:
    def write(self, value):
        return value


def export_csv(request):
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # so that Excel reads UTF-8
        yield writer.writerow(columns())
        for row in rows(result_set(request), request.build_absolute_uri):
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response["Link"] = link_header()
    return response


def export_xlsx(request):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)  # rows go to a temporary file as they are appended
    sheet = workbook.create_sheet(_("Projects")[:31])
    sheet.append(columns())
    for row in rows(result_set(request), request.build_absolute_uri):
        sheet.append(row)
    info = workbook.create_sheet("Lisens")
    info.append([NLOD_NAME, NLOD_URL, "Kilde: Spre (KS)"])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Link"] = link_header()
    return response
