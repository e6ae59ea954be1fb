"""Project search: one search for the list page, the header and «har noen gjort dette før?».

The index (kept current by `index_projects`, which the services call on every save):
- `Project.search_text`: every searchable word of the project, lower case, one space apart (both databases);
- `SearchEntry.vector` (PostgreSQL): the same text as a weighted Norwegian tsvector, GIN-indexed, in a narrow
  table of its own (a search that matches thousands then reads short rows, not the wide projects):
  A title; B summary, tags, service areas; C need, solution, what is new, benefits, innovation types,
  methods, actors, owner and co-owners; D lessons and the rest of the story;
- `SearchWord`: every word seen in any project, with a trigram index (PostgreSQL, pg_trgm).

A query is split into words (short ones such as «KI» and «NAV» are kept). Each word becomes a group of
alternatives: its Norwegian stem (and stem prefix), the indexed words that contain it («teknologi» →
«velferdsteknologi»), a split into two indexed words when it is a compound («næringsutvikling» →
«næring» & «utvikling»), and close spellings when it is not an indexed word («velferdsteknolgi»).
A project matches when any group matches; it ranks by how many groups match (so «transport for eldre»
puts projects about both first), then by the weighted ts_rank, then by date. Projects of an organisation
named in the query («Kommune A», «Bærum kommune») get one group's worth extra.

On SQLite the same groups are matched as substrings of `search_text` (stems by suffix stripping, close
spellings by difflib over the word list). The number of queries per search is fixed (a compiled query is reused).

Why a word list and pg_trgm rather than a Hunspell dictionary: measured on the relevance set (tests/relevance.py,
42 queries, PostgreSQL 15), Debian's hunspell-no (nb_NO) in a text search configuration gave hit@5 0.93 without
typo handling and 1.00 with the trigram look-up, the same as the Snowball stemmer with the word list (1.00,
MRR 0.95), but it needs a Debian package on every server, splits only compounds it knows («velferdsteknologi»
stays whole) and costs about 1.1 s per new database connection to load the dictionary.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

from django.db import connection, models
from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "norwegian"
MAX_WORDS = 8
MAX_EXPANSIONS = 25
TYPO_SIMILARITY = 0.4

# fmt: off
STOP_WORDS = {
    "og", "i", "på", "for", "til", "med", "av", "som", "er", "en", "et", "ei", "det", "den", "de", "å", "om",
    "fra", "har", "vi", "vår", "våre", "kan", "skal", "ved", "eller", "ikke", "der", "hvor", "hva", "hvordan",
    "noe", "noen", "mye", "mer", "sin", "sitt", "sine", "seg", "så", "at", "man", "jeg", "du", "oss", "dem",
    "the", "and", "of", "to", "in", "an", "on", "with", "is", "are",
}
COMMON_WORDS = {
    "kommune", "kommunen", "kommuner", "kommunene", "kommunens", "kommunal", "kommunale",
    "prosjekt", "prosjektet", "prosjekter", "prosjektene",
}
# Bokmål endings stripped on SQLite, longest first (PostgreSQL uses the Snowball stemmer).
ENDINGS = ("hetene", "heten", "ende", "erne", "ene", "ane", "ers", "er", "en", "et", "e", "a", "s")
# fmt: on
HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"  # private-use characters, never in escaped output
_TAG = re.compile(r"<[^>]*>")


def tokens(text: str) -> list[str]:
    """Lower-case words of `text` (letters and digits)."""
    return re.findall(r"\w+", (text or "").lower())


def words(text: str, limit: int = MAX_WORDS) -> list[str]:
    """The words of a query that carry meaning: no stop words, no repeats; short words and abbreviations kept.
    Words nearly every project has («kommune», «prosjekt») count only when the query has nothing else."""
    seen = []
    for word in tokens(text):
        word = word.strip("_")
        if word and word not in STOP_WORDS and word not in seen and not (word.isdigit() and len(word) < 3):
            seen.append(word)
    specific = [word for word in seen if word not in COMMON_WORDS]
    return (specific or seen)[:limit]


def crude_stem(word: str) -> str:
    """«svømmehaller» → «svømmehall»: a Bokmål ending off, keeping at least four letters (SQLite)."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def plain(text: str) -> str:
    """Rich text as plain text."""
    return html.unescape(_TAG.sub(" ", text or ""))


# The index


def _names(items) -> str:
    return " ".join(str(getattr(item, "name", item)) for item in items)


def document(project) -> dict[str, str]:
    """The searchable text of a project by weight (A–D). Uses prefetched relations when there are any."""
    organisations = [project.owner, *project.co_owners.all()]
    # «Bærum» is also found as «Bærum kommune», «Vestland» as «Vestland fylkeskommune».
    owners = [
        f"{o.name} {'fylkeskommune' if o.kind == 'county_authority' else 'kommune'}"
        if not o.name.lower().startswith("kommune ")
        else o.name
        for o in organisations
    ]
    return {
        "A": project.title,
        "B": " ".join([project.summary, _names(project.tags.all()), _names(project.service_areas.all())]),
        "C": " ".join(
            [
                plain(project.need),
                plain(project.solution),
                plain(project.novelty),
                " ".join(f"{b.indicator} {b.result} {b.unit}" for b in project.benefits.all()),
                _names(project.innovation_types.all()),
                _names(project.methods.all()),
                " ".join(pa.actor.name for pa in project.project_actors.all()),
                " ".join(owners),
            ]
        ),
        "D": " ".join(
            [
                plain(project.trigger),
                plain(project.lessons),
                plain(project.core),
                plain(project.adaptation),
                project.relative_advantage,
                project.observability,
                _names(project.drivers.all()),
                " ".join(p.arena for p in project.presentations.all()),
            ]
        ),
    }


PREFETCH = [
    "co_owners",
    "tags",
    "service_areas",
    "innovation_types",
    "methods",
    "drivers",
    "benefits",
    "presentations",
    "project_actors__actor",
]


def index_projects(queryset, *, batch_size: int = 500) -> None:
    """Refresh the search index of these projects: text, vector (PostgreSQL) and the word list."""
    from .models import Project, SearchWord

    _index(list(queryset.order_by().values_list("pk", flat=True)), Project, SearchWord, batch_size)


def rebuild_index(project_model=None, word_model=None, *, batch_size: int = 500) -> int:
    """Index every project again and rebuild the word list from scratch (also used by a migration, with the
    historical models). Returns the number of projects."""
    if project_model is None:
        from .models import Project as project_model
        from .models import SearchWord as word_model
    word_model.objects.all().delete()
    ids = list(project_model.objects.order_by("pk").values_list("pk", flat=True))
    _index(ids, project_model, word_model, batch_size)
    if connection.vendor == "postgresql":  # fresh statistics, so the planner uses the indexes
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE projects_project, projects_searchword")
    return len(ids)


def _index(ids: list[int], project_model, word_model, batch_size: int) -> None:
    for start in range(0, len(ids), batch_size):
        batch = (
            project_model.objects.filter(pk__in=ids[start : start + batch_size])
            .select_related("owner")
            .prefetch_related(*PREFETCH)
        )
        rows, seen = [], set()
        for project in batch:
            parts = document(project)
            found = tokens(" ".join(parts.values()))
            project.search_text = f" {' '.join(found)} "
            seen.update(w for w in found if len(w) <= 60 and not w.isdigit())
            rows.append((project, parts))
        project_model.objects.bulk_update([p for p, _ in rows], ["search_text"])
        word_model.objects.bulk_create([word_model(word=w) for w in sorted(seen)], ignore_conflicts=True)
        if connection.vendor == "postgresql" and rows:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""INSERT INTO projects_searchentry (project_id, vector)
                        SELECT d.id, setweight(to_tsvector('{CONFIG}', d.a), 'A')
                        || setweight(to_tsvector('{CONFIG}', d.b), 'B')
                        || setweight(to_tsvector('{CONFIG}', d.c), 'C') || setweight(to_tsvector('{CONFIG}', d.d), 'D')
                        FROM unnest(%s::int[], %s::text[], %s::text[], %s::text[], %s::text[]) AS d(id, a, b, c, d)
                        ON CONFLICT (project_id) DO UPDATE SET vector = excluded.vector""",
                    [[p.pk for p, _ in rows], *[[parts[w] for _, parts in rows] for w in "ABCD"]],
                )


def reindex_related(obj) -> None:
    """After a term, tag, actor or organisation changed its name: refresh the projects that show it."""
    from municipalities.models import Organisation

    from .models import Actor, Project, Tag, Term

    if isinstance(obj, Term):
        q = Q(service_areas=obj) | Q(innovation_types=obj) | Q(methods=obj) | Q(drivers=obj)
        ids = Project.objects.filter(q).values("pk")
    elif isinstance(obj, Tag):
        ids = Project.objects.filter(tags=obj).values("pk")
    elif isinstance(obj, Actor):
        ids = Project.objects.filter(project_actors__actor=obj).values("pk")
    elif isinstance(obj, Organisation):
        ids = Project.objects.filter(Q(owner=obj) | Q(co_owners=obj)).values("pk")
    else:
        raise TypeError(obj)
    index_projects(Project.objects.filter(pk__in=ids))


# Queries


@dataclass
class Group:
    """One word of the query and what may match it."""

    word: str
    stem: str
    contained_in: list[str] = field(default_factory=list)  # indexed words containing the stem
    split: tuple[str, str] | None = None  # a compound's two parts
    close: list[str] = field(default_factory=list)  # close spellings, when the word is not indexed
    known: bool = True

    def tsquery(self) -> str:
        prefix = ":*" if len(self.stem) >= 4 and len(self.word) >= 5 else ""
        alternatives = [f"'{self.word}'{prefix}", *(f"'{w}'" for w in self.contained_in + self.close)]
        if self.split:
            alternatives.append(f"('{self.split[0]}' & '{self.split[1]}')")
        return "(" + " | ".join(alternatives) + ")"

    def like_q(self) -> Q:
        """SQLite: substrings of search_text (short words as whole words)."""
        if len(self.word) < 4:
            q = Q(search_text__contains=f" {self.word} ")
        elif len(stem := crude_stem(self.word)) >= 6:  # long enough not to hide inside unrelated words
            q = Q(search_text__contains=stem)
        else:  # at the start of a word, or after a first part of at least four letters («foreldre» is no «eldre»)
            q = Q(search_text__regex=r"(?:\s|\w{4})" + re.escape(stem))
        if self.split:
            q |= Q(search_text__contains=self.split[0]) & Q(search_text__contains=self.split[1])
        for word in self.close:
            q |= Q(search_text__contains=f" {word} ")
        return q


@dataclass
class Compiled:
    text: str
    groups: list[Group]
    organisations: list[int] = field(default_factory=list)

    @property
    def suggestion(self) -> str | None:
        """The query with unknown words replaced by their closest spelling («Mente du …?»), if any."""
        replaced = {g.word: g.close[0] for g in self.groups if not g.known and g.close}
        if not replaced:
            return None
        return " ".join(replaced.get(w, w) for w in tokens(self.text))

    def tsquery(self) -> str:
        return " | ".join(g.tsquery() for g in self.groups)


def _stems(terms: list[str]) -> dict[str, str]:
    if connection.vendor != "postgresql":
        return {t: crude_stem(t) for t in terms}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT q, coalesce((ts_lexize('{CONFIG}_stem', q))[1], q) FROM unnest(%s::text[]) AS q", [terms]
        )
        return dict(cursor.fetchall())


def _splits(word: str) -> list[tuple[str, str]]:
    """The ways to cut a compound in two parts of at least four letters, a linking s or e dropped."""
    cuts = []
    for i in range(4, len(word) - 3):
        left, right = word[:i], word[i:]
        cuts.append((left, right))
        if left[-1] in "se" and len(left) > 4:
            cuts.append((left[:-1], right))
    return cuts


def compile_query(text: str, *, max_words: int = MAX_WORDS) -> Compiled:
    """Look up what the words of `text` may match: a fixed number of queries (at most four)."""
    from .models import SearchWord

    terms = words(text, max_words)
    compiled = Compiled(text=text, groups=[], organisations=_organisations_named(text))
    if not terms:
        return compiled
    stems = _stems(terms)
    groups = [Group(word=t, stem=stems.get(t, t)) for t in terms]
    splits = {g.word: _splits(g.word) for g in groups if len(g.word) >= 8}
    candidates = set(terms) | {part for cuts in splits.values() for cut in cuts for part in cut}
    known = set(SearchWord.objects.filter(word__in=candidates).values_list("word", flat=True))
    long_stems = [g.stem for g in groups if len(g.stem) >= 4]
    containing: dict[str, list[str]] = {}
    # Compounds that end in (or contain) the word after a first part of at least four letters:
    # «teknologi» → «velferdsteknologi», but «eldre» not → «foreldre». (SQLite: substrings do this.)
    if long_stems and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT s, w.word FROM unnest(%s::text[]) AS s, LATERAL (
                        SELECT word FROM projects_searchword WHERE word LIKE '%%' || s || '%%'
                        AND strpos(word, s) > 4 ORDER BY length(word), word LIMIT {MAX_EXPANSIONS}) AS w""",
                [long_stems],
            )
            for stem, word in cursor.fetchall():
                containing.setdefault(stem, []).append(word)
    for group in groups:
        group.contained_in = containing.get(group.stem, [])
        group.known = group.word in known or bool(group.contained_in)
        best = None
        for left, right in splits.get(group.word, []):
            if (
                left in known
                and right in known
                and (best is None or min(map(len, (left, right))) > min(map(len, best)))
            ):
                best = (left, right)
        group.split = best
    unknown = [g.word for g in groups if not g.known and g.split is None and len(g.word) >= 5]
    if unknown:
        close = _close_spellings(unknown)
        for group in groups:
            group.close = close.get(group.word, [])
    compiled.groups = groups
    return compiled


def _close_spellings(unknown: list[str]) -> dict[str, list[str]]:
    """Indexed words spelt like each unknown word: pg_trgm similarity on PostgreSQL; on SQLite difflib over the
    words with the same first two letters (one query)."""
    from .models import SearchWord

    close: dict[str, list[str]] = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT q, w.word FROM unnest(%s::text[]) AS q, LATERAL (
                        SELECT word FROM projects_searchword WHERE word %% q AND similarity(word, q) >= %s
                        ORDER BY similarity(word, q) DESC, word LIMIT 3) AS w""",
                [unknown, TYPO_SIMILARITY],
            )
            for word, match in cursor.fetchall():
                close.setdefault(word, []).append(match)
        return close
    starts = Q()
    for word in unknown:
        starts |= Q(word__startswith=word[:2])
    candidates = list(SearchWord.objects.filter(starts).values_list("word", flat=True)[:20000])
    for word in unknown:
        close[word] = difflib.get_close_matches(word, [c for c in candidates if c[:2] == word[:2]], n=3, cutoff=0.85)
    return close


def _organisations_named(text: str) -> list[int]:
    """Organisations whose name the query contains as words: «Kommune A», «Bærum kommune», «bærum»."""
    from municipalities.models import Organisation

    parts = tokens(text)
    names = set()
    for size in range(1, 4):
        for i in range(len(parts) - size + 1):
            phrase = " ".join(parts[i : i + size])
            if size > 1 or len(phrase) >= 3 and phrase not in STOP_WORDS and phrase != "kommune":
                names.add(phrase)
    for suffix in (" kommune", " fylkeskommune"):
        names |= {n[: -len(suffix)] for n in names if n.endswith(suffix)}
    if not names:
        return []
    q = Q()
    for name in names:
        q |= Q(name__iexact=name)
    return list(Organisation.objects.filter(q).values_list("pk", flat=True)[:5])


def _as_compiled(query) -> Compiled:
    return query if isinstance(query, Compiled) else compile_query(query)


def _match_q(compiled: Compiled) -> Q | None:
    if connection.vendor == "postgresql":
        return None
    q = Q()
    for group in compiled.groups:
        q |= group.like_q()
    return q


def _tsquery(text: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, config=CONFIG, search_type="raw")


def _as_int(q: Q):
    return Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField())


def filter_matches(queryset, query):
    """The projects of `queryset` that match the query (no ranking: for counts)."""
    from .models import SearchEntry

    compiled = _as_compiled(query)
    if not compiled.groups:
        return queryset.filter(owner_id__in=compiled.organisations) if compiled.organisations else queryset.none()
    owned = Q(owner_id__in=compiled.organisations) if compiled.organisations else Q(pk__in=[])
    if connection.vendor == "postgresql":
        # By a subquery on the search entries (their GIN index), not a join: joined, a match «or owned by a named
        # organisation» would scan every entry.
        matches = SearchEntry.objects.filter(vector=_tsquery(compiled.tsquery())).values("project_id")
        return queryset.filter(Q(pk__in=matches) | owned)
    return queryset.filter(_match_q(compiled) | owned)


def rank(queryset, query):
    """Annotate `score` (groups matched, plus one for a named organisation's projects) and `rank`."""
    from django.contrib.postgres.search import SearchRank

    compiled = _as_compiled(query)
    bonus = _as_int(Q(owner_id__in=compiled.organisations)) if compiled.organisations else Value(0)
    if not compiled.groups:
        coverage, weight = Value(0), Value(0.0)
    elif connection.vendor == "postgresql":
        coverage = (
            sum((_as_int(Q(search_entry__vector=_tsquery(g.tsquery()))) for g in compiled.groups), Value(0))
            if len(compiled.groups) > 1
            else Value(1)  # every match has the one word: no second look at each vector
        )
        weight = SearchRank(
            F("search_entry__vector"), _tsquery(compiled.tsquery()), weights=[0.1, 0.2, 0.4, 1.0], normalization=1
        )
    else:
        coverage = sum((_as_int(g.like_q()) for g in compiled.groups), Value(0))
        title = Q()
        for g in compiled.groups:
            title |= Q(title__icontains=g.word if len(g.word) < 4 else crude_stem(g.word))
        weight = Case(When(title, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    return queryset.annotate(
        score=ExpressionWrapper(coverage + bonus, output_field=IntegerField()), rank=weight
    ).order_by("-score", "-rank", "-updated_at")


def search(queryset, query):
    """Filter and rank `queryset` by `query` (text or a compiled query)."""
    compiled = _as_compiled(query)
    return rank(filter_matches(queryset, compiled), compiled)


# What the results page shows besides the projects


def snippets(projects, query, *, words_around: int = 18) -> dict[int, str]:
    """A short passage of each project's text with the matched words marked (<mark>), escaped HTML."""
    compiled = _as_compiled(query)
    texts = {}
    for project in projects:
        text = " ".join(filter(None, [project.summary, plain(project.need), plain(project.solution)]))
        texts[project.pk] = text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    if not texts or not compiled.groups:
        return {}
    if connection.vendor == "postgresql":
        options = (
            f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords={words_around * 2}, "
            f'MinWords={words_around}, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "'
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_headline('{CONFIG}', t, to_tsquery('{CONFIG}', %s), %s) "
                "FROM unnest(%s::int[], %s::text[]) AS d(id, t)",
                [compiled.tsquery(), options, list(texts), list(texts.values())],
            )
            marked = dict(cursor.fetchall())
    else:
        marked = {pk: _mark(text, compiled, words_around) for pk, text in texts.items()}
    result = {}
    for pk, text in marked.items():
        if HIGHLIGHT_START not in text:
            continue
        safe = escape(text).replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")
        result[pk] = mark_safe(safe)  # noqa: S308 (escaped above; only our markers become tags)
    return result


def _mark(text: str, compiled: Compiled, words_around: int) -> str:
    """SQLite: mark the words that start with a query word's stem (or contain it), around the first one."""
    stems = [g.word if len(g.word) < 4 else crude_stem(g.word) for g in compiled.groups]
    parts = text.split()
    hits = [
        i
        for i, w in enumerate(parts)
        if any(s in w.lower() for s in stems if len(s) >= 4 or w.lower().strip(".,:;!?()«»") == s)
    ]
    if not hits:
        return text
    start = max(0, hits[0] - words_around // 2)
    window = parts[start : start + words_around * 2]
    marked = [f"{HIGHLIGHT_START}{w}{HIGHLIGHT_END}" if start + i in hits else w for i, w in enumerate(window)]
    return ("… " if start else "") + " ".join(marked) + (" …" if start + len(window) < len(parts) else "")


def matching_organisations(query, *, limit: int = 3):
    """Organisations named in the query, with their number of published projects (owned or co-owned)."""
    from municipalities.models import Organisation

    from .models import Project

    compiled = _as_compiled(query)
    if not compiled.organisations:
        return []
    published = Project.objects.published()
    organisations = list(Organisation.objects.filter(pk__in=compiled.organisations).select_related("county")[:limit])
    counts = dict(
        published.filter(owner_id__in=[o.pk for o in organisations])
        .values_list("owner_id")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    for organisation in organisations:
        organisation.project_count = counts.get(organisation.pk, 0)
    return [o for o in organisations if o.project_count]


def matching_actors(query, *, limit: int = 3):
    """Actors whose name the query names (or contains the whole query), with their number of published projects."""
    from .models import Actor, Project

    text = " ".join(tokens(query if isinstance(query, str) else query.text))
    if len(text) < 3:
        return []
    phrases = {text} | set(words(text))
    q = Q(name__icontains=text) if len(text) >= 4 else Q(name__iexact=text)
    for phrase in phrases:
        if len(phrase) >= 3:
            q |= Q(name__iexact=phrase)
    # The state by a join (answered from an index), not `IN` every published project's id.
    published = Q(project_roles__project__state=Project.State.PUBLISHED)
    return list(
        Actor.objects.filter(q)
        .annotate(project_count=models.Count("project_roles__project", filter=published, distinct=True))
        .filter(project_count__gt=0)
        .order_by("-project_count", "name")[:limit]
    )


def similar_projects(title: str, summary: str = "", exclude=None, limit: int = 5):
    """«Har noen gjort dette før?»: published projects like a title and summary (at least two shared words)."""
    from .models import Project

    queryset = Project.objects.published().select_related("owner")
    if exclude is not None:
        queryset = queryset.exclude(pk=getattr(exclude, "pk", exclude))
    text = f"{title} {summary}"
    compiled = compile_query(text, max_words=12)
    compiled.organisations = []
    minimum = 2 if len(compiled.groups) > 3 else 1
    return list(search(queryset, compiled).filter(score__gte=minimum)[:limit])
