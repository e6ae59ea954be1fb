"""«Har noen gjort dette før?»: projects that look like a title and summary.

PostgreSQL: Norwegian full-text search, terms OR'd, ranked. SQLite (development, tests): word overlap
with icontains, ranked by the number of matching words."""

import re

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from .models import Project

# fmt: off
STOP_WORDS = {
    "og", "i", "på", "for", "til", "med", "av", "som", "er", "en", "et", "ei", "det", "den", "de", "å", "om",
    "fra", "har", "vi", "vår", "våre", "kan", "skal", "ved", "eller", "ikke",
    "the", "and", "of", "to", "in", "a", "an", "on", "with", "is", "are",
}
# fmt: on


def words(text: str) -> list[str]:
    seen = []
    for word in re.findall(r"\w+", (text or "").lower()):
        if len(word) >= 3 and word not in STOP_WORDS and not word.isdigit() and word not in seen:
            seen.append(word)
    return seen[:20]


def _vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config="norwegian")
        + SearchVector("summary", weight="B", config="norwegian")
        + SearchVector("need", "solution", weight="C", config="norwegian")
    )


def index_projects(queryset) -> None:
    """Refresh the stored search vectors of these projects (PostgreSQL; a no-op elsewhere)."""
    if connection.vendor == "postgresql":
        queryset.update(search_vector=_vector())


def _postgres_search(queryset, text: str):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    terms = words(text)
    if not terms:
        return queryset.none()
    query = SearchQuery(" or ".join(terms), config="norwegian", search_type="websearch")
    # The @@ match uses the GIN index on the stored vector; only the matches are ranked.
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .filter(rank__gt=0.01)
        .order_by("-rank", "-updated_at")
    )


def _simple_search(queryset, text: str):
    terms = words(text)
    if not terms:
        return queryset.none()
    matches = [
        Q(title__icontains=t) | Q(summary__icontains=t) | Q(need__icontains=t) | Q(solution__icontains=t) for t in terms
    ]
    any_match = Q()
    for match in matches:
        any_match |= match
    score = sum(
        (Case(When(match, then=Value(1)), default=Value(0), output_field=IntegerField()) for match in matches),
        Value(0),
    )
    return queryset.filter(any_match).annotate(rank=Coalesce(score, 0)).order_by("-rank", "-updated_at")


def search(queryset, text: str):
    """Filter and rank `queryset` by similarity to `text`."""
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, text)
    return _simple_search(queryset, text)


def similar_projects(title: str, summary: str = "", exclude=None, limit: int = 5):
    queryset = Project.objects.published().select_related("owner")
    if exclude is not None:
        queryset = queryset.exclude(pk=getattr(exclude, "pk", exclude))
    results = search(queryset, f"{title} {summary}")
    if connection.vendor != "postgresql":
        # Needs at least two shared words unless the text is very short, so "kommune" alone is not a match.
        minimum = 2 if len(words(f"{title} {summary}")) > 3 else 1
        results = results.filter(rank__gte=minimum)
    return list(results[:limit])
