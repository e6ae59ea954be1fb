"""Loading the official registry of counties and municipalities, and resolving old codes.

The data files live in municipalities/data/ (sources and licences in its README). Loading is
idempotent: rows are matched by their official number, and a municipality renumbered in the data
keeps its database row (and so every project and membership that points to it).
"""

import csv
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import County, FormerCode, MunicipalityChange, Organisation, slugify_name

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    renumbered: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.renumbered or self.deactivated)


def _read(data_dir: Path, name: str) -> list[dict]:
    with open(data_dir / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _apply(obj, values: dict, report: LoadReport) -> None:
    """Set values on obj and save only when something differs."""
    if obj.pk is None:
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save()
        report.created += 1
        return
    dirty = [key for key, value in values.items() if getattr(obj, key) != value]
    if dirty:
        for key in dirty:
            setattr(obj, key, values[key])
        obj.save(update_fields=dirty + (["updated_at"] if hasattr(obj, "updated_at") else []))
        report.updated += 1
    else:
        report.unchanged += 1


def _date(value: str):
    return datetime.date.fromisoformat(value) if value else None


def _decimal(value: str):
    return Decimal(value) if value else None


def _population(value: str):
    return int(value) if value else None


def _delete_stale(model, existing: dict, seen: set) -> None:
    """Delete the rows of `existing` (keyed like the data file's rows) whose key is no longer in the data."""
    stale = [obj.pk for key, obj in existing.items() if key not in seen]
    if stale:
        model.objects.filter(pk__in=stale).delete()


@transaction.atomic
def load_registry(data_dir: Path = DATA_DIR) -> LoadReport:
    """Load every registry file in order: counties before municipalities, municipalities before the codes."""
    report = LoadReport()
    counties = load_counties(data_dir, report)
    load_municipalities(data_dir, counties, report)
    load_changes(data_dir, report)
    load_code_crosswalk(data_dir, report)
    return report


def load_counties(data_dir: Path, report: LoadReport) -> dict[str, County]:
    """fylker.csv: the counties, and one county authority (fylkeskommune) per county."""
    rows = _read(data_dir, "fylker.csv")
    counties = {c.number: c for c in County.objects.all()}
    for row in rows:
        county = counties.get(row["fylkesnummer"]) or County(number=row["fylkesnummer"])
        _apply(
            county,
            {
                "name": row["fylkesnavn"],
                "official_label": row["fylkesnavn_ssb"],
                "sami_name": row["samisk_navn"],
                "sami_language": row["samisk_sprak"],
                "kven_name": row["kvensk_navn"],
                "population": _population(row["folketall"]),
                "former_numbers": row["fylkesnummer_2020_2023"],
            },
            report,
        )
        counties[county.number] = county
    _load_county_authorities(rows, counties, report)
    return counties


def _load_county_authorities(rows: list[dict], counties: dict[str, County], report: LoadReport) -> None:
    authorities = {o.number: o for o in Organisation.objects.registry().county_authorities()}
    for row in rows:
        number = row["fylkesnummer"]
        org = authorities.get(number) or Organisation(kind=Organisation.Kind.COUNTY_AUTHORITY, number=number)
        _apply(
            org,
            {
                "name": row["fylkesnavn"],
                "slug": slugify_name(row["fylkesnavn"]),
                "official_label": row["fylkesnavn_ssb"],
                "sami_name": row["samisk_navn"],
                "sami_language": row["samisk_sprak"],
                "kven_name": row["kvensk_navn"],
                "county": counties[number],
                "population": _population(row["folketall"]),
                "population_date": _date(row["folketall_dato"]),
                "is_active": True,
            },
            report,
        )


def load_municipalities(data_dir: Path, counties: dict[str, County], report: LoadReport) -> None:
    """kommuner.csv: today's municipalities, matched by number. A municipality renumbered one-to-one
    (according to kommune_endringer.csv) keeps its row, so its projects and memberships stay linked;
    one no longer in the file is deactivated, never deleted."""
    rows = _read(data_dir, "kommuner.csv")
    listed = {row["kommunenummer"] for row in rows}
    renumbered_from = _renumbered_from(data_dir)
    existing = {o.number: o for o in Organisation.objects.registry().municipalities()}
    for row in rows:
        number = row["kommunenummer"]
        org = existing.get(number)
        if org is None:
            for old in renumbered_from.get(number, []):
                if old in existing and old not in listed:
                    org = existing.pop(old)
                    report.renumbered.append(f"{old} → {number}")
                    break
        org = org or Organisation(kind=Organisation.Kind.MUNICIPALITY)
        _apply(
            org,
            {
                "number": number,
                "name": row["kommunenavn"],
                "slug": slugify_name(row["kommunenavn"]),
                "official_label": row["kommunenavn_ssb"],
                "sami_name": row["samisk_navn"],
                "sami_language": row["samisk_sprak"],
                "kven_name": row["kvensk_navn"],
                "county": counties[row["fylkesnummer"]],
                "population": _population(row["folketall"]),
                "population_date": _date(row["folketall_dato"]),
                "latitude": _decimal(row["lat"]),
                "longitude": _decimal(row["lon"]),
                "is_active": True,
            },
            report,
        )
        existing[number] = org
    _deactivate_unlisted(existing, listed, report)


def _deactivate_unlisted(municipalities: dict[str, Organisation], listed: set[str], report: LoadReport) -> None:
    for number, org in municipalities.items():
        if number not in listed and org.is_active:
            org.is_active = False
            org.save(update_fields=["is_active", "updated_at"])
            report.deactivated.append(f"{number} {org.name}")


def _renumbered_from(data_dir: Path) -> dict[str, list[str]]:
    """New number → the old numbers renumbered to it, from the change history."""
    result = {}
    for row in _read(data_dir, "kommune_endringer.csv"):
        if row["change_type"] == MunicipalityChange.ChangeType.RENUMBER:
            result.setdefault(row["new_number"], []).append(row["old_number"])
    return result


def load_changes(data_dir: Path, report: LoadReport) -> None:
    """kommune_endringer.csv: SSB's change history (mergers, splits, renumbering)."""
    changes = {(c.old_number, c.new_number, c.valid_from): c for c in MunicipalityChange.objects.all()}
    seen = set()
    for row in _read(data_dir, "kommune_endringer.csv"):
        key = (row["old_number"], row["new_number"], _date(row["valid_from"]))
        seen.add(key)
        change = changes.get(key) or MunicipalityChange(old_number=key[0], new_number=key[1], valid_from=key[2])
        _apply(
            change,
            {
                "old_name": row["old_name"],
                "new_name": row["new_name"],
                "change_type": row["change_type"],
                "note": row["note"],
            },
            report,
        )
    _delete_stale(MunicipalityChange, changes, seen)


def load_code_crosswalk(data_dir: Path, report: LoadReport) -> None:
    """kommune_kodeoversetting.csv: codes valid 2017–2023 and today's municipality for each.
    Runs after load_municipalities, since every code points to an active municipality."""
    by_number = {o.number: o for o in Organisation.objects.registry().municipalities().active()}
    codes = {(f.old_number, f.old_name, f.valid_from_year, f.organisation_id): f for f in FormerCode.objects.all()}
    seen = set()
    for row in _read(data_dir, "kommune_kodeoversetting.csv"):
        org = by_number[row["nytt_nummer"]]
        key = (row["gammelt_nummer"], row["gammelt_navn"], int(row["gyldig_fra_aar"]), org.pk)
        seen.add(key)
        code = codes.get(key) or FormerCode(
            old_number=key[0], old_name=key[1], valid_from_year=key[2], organisation=org
        )
        _apply(
            code,
            {
                "valid_to_year": int(row["gyldig_til_aar"]),
                "unambiguous": row["entydig"] == "true",
                "remark": row["merknad"],
            },
            report,
        )
    _delete_stale(FormerCode, codes, seen)


@dataclass
class Resolution:
    """What an old (or current) number or name means today."""

    query: str
    organisations: list
    former: list

    @property
    def is_split(self) -> bool:
        """The old unit was divided between several of today's municipalities."""
        return any(not code.unambiguous for code in self.former)

    @property
    def found(self) -> bool:
        return bool(self.organisations)


def resolve(query: str) -> Resolution:
    """Resolve a municipality number or name, current or from 2017 onward, to today's municipality(ies)."""
    query = (query or "").strip()
    if not query:
        return Resolution(query, [], [])
    current = Organisation.objects.registry().municipalities().active().select_related("county")
    if query.isdigit():
        direct = list(current.filter(number=query.zfill(4)))
    else:
        direct = list(current.filter(name__iexact=query))
    if direct:
        return Resolution(query, direct, [])
    former = list(FormerCode.objects.matching(query).select_related("organisation__county"))
    organisations = []
    for code in former:
        if code.organisation not in organisations:
            organisations.append(code.organisation)
    return Resolution(query, organisations, former)
