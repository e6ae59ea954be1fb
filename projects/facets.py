"""The project list's facet counts, kept ahead for a large catalogue.

Counting how many projects each filter option holds reads every matching project: 16 grouped queries over
the projects and their relations. At 100 000 projects that is seconds, and every scan of the wide projects
table costs about 200 ms. So each listed (published or archived) project's filter options are stored as short
keys ("phase:innovation", "service_area:helse-og-omsorg", "owner:12", "adopted:on") in `ProjectFacet`, and
their running totals per state in `FacetCount`:

- the list without filters reads its counts (and its total) from `FacetCount`: one small query;
- a filtered list counts the keys of its matching projects: one query for all the filters that are not chosen,
  and one for each chosen one (its options are counted without it); from the bit strings on PostgreSQL (below),
  from `ProjectFacet` on SQLite;
- `refresh(ids)` recomputes a project's keys after a change and moves the totals by the difference, under a
  lock on the project, so concurrent changes cannot lose a step. It runs after every logged action about a
  project (`on_activity`, an ACTIVITY_CONSUMER) and every change made in the Django admin;
- `rebuild()` recomputes everything (bulk loads, `load_registry`: a new population moves a municipality's
  projects to another size band; the `rebuild_facets` command, which can also run nightly). Projects are
  archived, never deleted (the admin refuses it); one deleted from a shell needs `rebuild_facets`.

On PostgreSQL each (state, key) also has its projects as a bit string, bit n for the project with id n
(`projects_facetbitmap`, made by a migration): a filtered list's counts are then the bits its chosen options
have in common with each key's (`bit_count(a & b)`), a few milliseconds for all options at 100 000 projects,
where counting rows takes hundreds. `refresh` and `rebuild` keep the bits with the rows.

Below FACET_TABLE_FROM listed projects (by the tally itself) the list counts live with `ProjectFilter._counts`:
that is fast enough, and needs no tally. Which option a project matches is thus said twice, here in `keys()` and
there in SQL; tests/projects/test_facet_tally.py holds the two to the same answer on both databases.
"""

import logging
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count

from .models import FacetCount, ProjectFacet

logger = logging.getLogger(__name__)

BATCH = 2000
LISTED = ("published", "archived")  # the states of listed projects (some archived ones are not: `listed()`)
BITMAPS = "projects_facetbitmap"
BITMAP_STEP = 65536  # the bit strings grow by this many projects at a time


def bitmaps() -> bool:
    """Whether the bit strings are kept (PostgreSQL)."""
    return connection.vendor == "postgresql"


def _capacity(cursor) -> int:
    cursor.execute(f"SELECT length(bits) FROM {BITMAPS} LIMIT 1")
    row = cursor.fetchone()
    return row[0] if row else 0


def _grow(cursor, needed: int) -> int:
    """Make every bit string at least `needed` bits long (all have the same length, for `&`)."""
    capacity = _capacity(cursor)
    if needed <= capacity:
        return capacity
    longer = -(-needed // BITMAP_STEP) * BITMAP_STEP
    if capacity:
        cursor.execute(f"UPDATE {BITMAPS} SET bits = bits || repeat('0', %s)::varbit", [longer - capacity])
    return longer


def _set_bits(changes: dict[tuple[str, str], list[tuple[int, int]]]) -> None:
    """Set (1) or clear (0) project bits: {(state, key): [(project id, 0 or 1)]}."""
    if not changes:
        return
    with connection.cursor() as cursor:
        capacity = _grow(cursor, max(pk for bits in changes.values() for pk, _v in bits) + 1)
        for (state, key), bits in sorted(changes.items()):
            expression = "repeat('0', %s)::varbit"
            params: list = [capacity]
            for pk, value in bits:
                expression = f"set_bit({expression}, %s, %s)"
                params += [pk, value]
            update = f"{BITMAPS}.bits"
            update_params: list = []
            for pk, value in bits:
                update = f"set_bit({update}, %s, %s)"
                update_params += [pk, value]
            cursor.execute(
                f"INSERT INTO {BITMAPS} (state, key, bits) VALUES (%s, %s, {expression}) "
                f"ON CONFLICT (state, key) DO UPDATE SET bits = {update}",
                [state, key, *params, *update_params],
            )


def _as_bits(ids, capacity: int) -> str:
    """A bit string literal of `capacity` bits with the bits of `ids` set."""
    buffer = bytearray(capacity // 8)  # capacity is a multiple of BITMAP_STEP
    for pk in ids:
        buffer[pk >> 3] |= 0x80 >> (pk & 7)
    return bin(int.from_bytes(buffer, "big"))[2:].zfill(capacity)


def _write_bitmaps(members: dict[tuple[str, str], list[int]]) -> None:
    """Replace every bit string with these ({(state, key): project ids})."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {BITMAPS}")
        if not members:
            return
        top = max((max(ids) for ids in members.values() if ids), default=0)
        capacity = -(-(top + 1) // BITMAP_STEP) * BITMAP_STEP
        for (state, key), ids in members.items():
            cursor.execute(
                f"INSERT INTO {BITMAPS} (state, key, bits) VALUES (%s, %s, %s::varbit)",
                [state, key, _as_bits(ids, capacity)],
            )


def bitmap_counts(states, chosen: dict[str, list[str]], ids=None, prefix: str | None = None):
    """({key: count}, total) over the listed projects in `states` that hold, for each filter in `chosen`, one
    of its values, and are among `ids` if given (the search's matches). One query (two with `ids`)."""
    masks = ["(SELECT bit_or(bits) FROM {t} WHERE state = ANY(%s) AND key = ANY(%s))"]
    params: list = [list(states), [f"state:{state}" for state in states]]
    for name, values in chosen.items():
        masks.append("(SELECT bit_or(bits) FROM {t} WHERE state = ANY(%s) AND key = ANY(%s))")
        params += [list(states), [f"{name}:{value}" for value in values]]
    with connection.cursor() as cursor:
        if ids is not None:
            capacity = _capacity(cursor)
            masks.append("%s::varbit")
            params.append(_as_bits([pk for pk in ids if pk < capacity], capacity) if capacity else "")
        mask = " & ".join(masks).format(t=BITMAPS)
        where = "state = ANY(%s)"
        where_params: list = [list(states)]
        if prefix:
            where += " AND key LIKE %s"
            where_params.append(f"{prefix}:%")
        cursor.execute(
            f"WITH chosen AS (SELECT {mask} AS m) "
            f"SELECT key, bit_count(bit_or(bits) & (SELECT m FROM chosen)), (SELECT bit_count(m) FROM chosen) "
            f"FROM {BITMAPS} WHERE {where} GROUP BY key",
            [*params, *where_params],
        )
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    return {key: n for key, n, _total in rows if n}, total or 0


def _size_band(population):
    from .filters import SIZE_BANDS

    if population is None:
        return None
    for band, _label, low, high in SIZE_BANDS:
        if (low is None or population >= low) and (high is None or population < high):
            return band
    return None


def keys(project_ids) -> dict[int, set[str]]:
    """The facet keys of each of these projects, in a fixed number of queries. Only listed projects (`listed()`)
    have keys;
    the first key of each is its state ("state:published")."""
    from .filters import TERM_FACETS
    from .models import Presentation, Project, ProjectActor

    ids = list(project_ids)
    found: dict[int, set[str]] = {}
    rows = (
        Project.objects.filter(pk__in=ids)
        .listed()
        .values_list(
            "pk", "state", "phase", "status", "start_date", "owner_id", "owner__county_id", "owner__population"
        )
    )
    for pk, state, phase, status, start, owner, county, population in rows:
        found[pk] = {f"state:{state}", f"status:{status}", f"owner:{owner}"}
        if phase:
            found[pk].add(f"phase:{phase}")
        if start:
            found[pk].add(f"start_year:{start.year}")
        if county:
            found[pk].add(f"county:{county}")
        if band := _size_band(population):
            found[pk].add(f"size:{band}")
    listed = list(found)
    if not listed:
        return found

    def add(name, pairs):
        for pk, value in pairs:
            found[pk].add(f"{name}:{value}")

    for name, (field, _vocabulary) in TERM_FACETS.items():
        through = getattr(Project, field).through
        add(name, through.objects.filter(project_id__in=listed).values_list("project_id", "term__slug"))
    add("tag", Project.tags.through.objects.filter(project_id__in=listed).values_list("project_id", "tag__slug"))
    co_owners = Project.co_owners.through.objects.filter(project_id__in=listed)
    add("owner", co_owners.values_list("project_id", "organisation_id"))
    add(
        "actor_type",
        ProjectActor.objects.filter(project_id__in=listed).values_list("project_id", "actor__actor_type").distinct(),
    )
    add("channel", Presentation.objects.filter(project_id__in=listed).values_list("project_id", "channel").distinct())
    # Yes/no options. Adoptions and awards belong to apps above this one: reached by the reverse relations' names.
    with_benefits = Project.objects.filter(pk__in=listed, benefits__isnull=False)
    adopted = Project.objects.filter(pk__in=listed, adoptions__is_counted=True)
    awarded = Project.objects.filter(pk__in=listed, awards__isnull=False)
    for name, queryset in (("benefits", with_benefits), ("adopted", adopted), ("award", awarded)):
        add(name, ((pk, "on") for pk in queryset.values_list("pk", flat=True).distinct()))
    return found


def _state(project_keys: set[str]) -> str | None:
    return next((k[6:] for k in project_keys if k.startswith("state:")), None)


def _move(deltas: Counter) -> None:
    """Add each (state, key) → n to the totals: one statement for all of them (insert or add)."""
    deltas = {pair: n for pair, n in deltas.items() if n}
    if not deltas:
        return
    table = connection.ops.quote_name(FacetCount._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(deltas))
    params = [p for (state, key), n in deltas.items() for p in (state, key, n)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (state, key, count) VALUES {values} "
            f"ON CONFLICT (state, key) DO UPDATE SET count = {table}.count + excluded.count",
            params,
        )


def refresh(project_ids) -> None:
    """Recompute these projects' keys and move the totals by the difference."""
    from .models import Project

    ids = sorted(set(project_ids))
    if not ids:
        return
    with transaction.atomic():
        # The lock orders concurrent refreshes of one project: each diffs against what the last one stored.
        list(Project.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        old: dict[int, set[str]] = defaultdict(set)
        for pk, key in ProjectFacet.objects.filter(project_id__in=ids).values_list("project_id", "key"):
            old[pk].add(key)
        new = keys(ids)
        deltas: Counter = Counter()
        gone, added = [], []
        bits: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for pk in ids:
            before, after = old.get(pk, set()), new.get(pk, set())
            if before == after:
                continue
            was = {(_state(before), key) for key in before}
            now = {(_state(after), key) for key in after}
            for pair in was - now:
                deltas[pair] -= 1
                bits[pair].append((pk, 0))
            for pair in now - was:
                deltas[pair] += 1
                bits[pair].append((pk, 1))
            gone += [(pk, key) for key in before - after]
            added += [ProjectFacet(project_id=pk, key=key) for key in after - before]
        if gone:
            by_project = defaultdict(list)
            for pk, key in gone:
                by_project[pk].append(key)
            for pk, stale in by_project.items():
                ProjectFacet.objects.filter(project_id=pk, key__in=stale).delete()
        ProjectFacet.objects.bulk_create(added)
        _move(deltas)
        if bitmaps():
            _set_bits(bits)


def rebuild() -> int:
    """Every listed project's keys and the totals, from scratch. Returns the number of projects."""
    from .models import Project

    with transaction.atomic():
        ProjectFacet.objects.all().delete()
        FacetCount.objects.all().delete()
        ids = list(Project.objects.listed().order_by("pk").values_list("pk", flat=True))
        members: dict[tuple[str, str], list[int]] = defaultdict(list)
        for start in range(0, len(ids), BATCH):
            found = keys(ids[start : start + BATCH])
            rows = []
            for pk, project_keys in found.items():
                state = _state(project_keys)
                for key in project_keys:
                    members[(state, key)].append(pk)
                    rows.append(ProjectFacet(project_id=pk, key=key))
            ProjectFacet.objects.bulk_create(rows, batch_size=5000)
        FacetCount.objects.bulk_create(
            [FacetCount(state=state, key=key, count=len(pks)) for (state, key), pks in members.items()],
            batch_size=5000,
        )
        if bitmaps():
            _write_bitmaps(members)
    return len(ids)


# Reading


def tally() -> dict[str, dict[str, int]] | None:
    """{state: {key: count}} when the catalogue is large enough to count ahead, else None (count live)."""
    rows = FacetCount.objects.filter(count__gt=0).values_list("state", "key", "count")
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for state, key, n in rows:
        found[state][key] = n
    listed = sum(states.get(f"state:{state}", 0) for state, states in found.items())
    if listed < settings.FACET_TABLE_FROM:
        return None
    return found


def listed_with(key: str) -> int | None:
    """How many listed projects hold `key` ("owner:12"), from the tally; None while the list counts live."""
    rows = FacetCount.objects.filter(key__in=[key, *(f"state:{s}" for s in LISTED)]).values_list("key", "count")
    listed = sum(n for k, n in rows if k.startswith("state:"))
    if listed < settings.FACET_TABLE_FROM:
        return None
    return sum(n for k, n in rows if k == key)


def present(prefix: str) -> list[str]:
    """The values of `prefix` ("owner", "tag", "start_year") that some listed project holds."""
    rows = FacetCount.objects.filter(key__startswith=f"{prefix}:", count__gt=0).values_list("key", flat=True)
    return sorted({key.split(":", 1)[1] for key in rows})


def count_keys(project_ids, prefix: str | None = None) -> dict[str, int]:
    """How many of these projects (a subquery of ids) hold each key (of `prefix` only, if given)."""
    rows = ProjectFacet.objects.filter(project_id__in=project_ids)
    if prefix:
        rows = rows.filter(key__startswith=f"{prefix}:")
    return dict(rows.values_list("key").annotate(n=Count("pk")).order_by())


# Keeping them current


def _projects_of(model, pk) -> list[int]:
    """The projects an object of `model` concerns: itself, or the projects its foreign keys name."""
    from .models import Project

    if model is None or pk is None:
        return []
    if issubclass(model, Project):
        return [int(pk)]
    fields = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is Project]
    if not fields:
        return []
    row = model._default_manager.filter(pk=pk).values_list(*fields).first()
    return [value for value in (row or []) if value is not None]


def on_activity(activity) -> None:
    """ACTIVITY_CONSUMER: a logged action about a project (or about something of a project's: an adoption,
    an award) may change its options. Runs before the page cache is invalidated."""
    if activity.subject_type_id is None:
        return
    model = ContentType.objects.get_for_id(activity.subject_type_id).model_class()
    refresh(_projects_of(model, activity.subject_id))


def on_admin_change(sender, instance, created, **kwargs) -> None:
    """post_save of the admin's LogEntry: a change made in the Django admin."""
    if not created or instance.content_type_id is None:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    try:
        refresh(_projects_of(model, instance.object_id))
    except Exception:  # the admin's save has happened; a failed tally is repaired by rebuild_facets
        logger.exception("Facet refresh after an admin change failed")


def values_of(found: dict[str, int], prefix: str) -> dict[str, int]:
    """{value: count} of one filter from a {key: count} mapping."""
    start = len(prefix) + 1
    return {key[start:]: n for key, n in found.items() if key.startswith(f"{prefix}:")}


def sum_states(found: dict[str, dict[str, int]], states) -> dict[str, int]:
    total: Counter = Counter()
    for state in states:
        total.update(found.get(state, {}))
    return dict(total)
