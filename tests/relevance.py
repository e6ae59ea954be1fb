"""Relevance of the project search, measured on the demo data (the study's 22 cases + generated projects).

Each query is written the way a case worker would type it into the search box (lower case, short, the
words they use, some inflected, some misspelt, some naming an organisation), not copied from titles.
Each names the study cases (by number, demo/cases.py) a user would expect among the first five results;
a query counts as a hit when any of them is there. MRR: the mean of 1/rank of the first expected project
(0 when it is not in the first 20).

`make bench` reports the figures (tests/bench.py); tests/projects/test_search_relevance.py asserts a floor
on PostgreSQL.
"""

# (query, expected case numbers)
QUERIES: list[tuple[str, tuple[int, ...]]] = [
    # word forms
    ("svømmehaller energi", (8,)),
    ("energieffektive bygg", (8,)),
    ("transport for eldre", (17,)),
    ("helsestasjoner for gutter", (19,)),
    ("utviklingshemmede", (6,)),
    ("flyktninger arbeid og bolig", (11,)),
    ("medarbeidere med mye fravær", (13,)),
    # typos
    ("velferdsteknolgi", (6, 12, 21)),
    ("eksponeringsterapie", (5,)),
    ("arbeidslivkriminalitet", (18,)),
    ("barnehgae språk", (3,)),
    # compound words, both ways
    ("teknologi hjemmeboende", (21, 12)),
    ("næringsutvikling øykommune", (1,)),
    ("framtidens eldreomsorg", (14,)),
    ("språkmiljø", (3,)),
    ("boligsosialt arbeid", (4,)),
    ("kalender arrangementer", (22,)),
    # words only in benefits, methods, service areas, actors
    ("digitalisering", (2, 18, 20, 21, 22)),
    ("tjenestedesign bolig", (4, 9)),
    ("husbanken bolig", (4, 9)),
    ("sykefravær samtale", (13,)),
    ("energibruk", (8,)),
    ("bilkostnader", (5,)),
    ("NHO leverandørutvikling", (18,)),
    # short words and abbreviations
    ("NAV bolig", (4, 9, 11)),
    ("HMS bygg", (18,)),
    # organisations
    ("Kommune D", (8, 9, 10)),
    ("kommune g transport", (17,)),
    # needs, as people describe them
    ("rus og psykiatri", (5,)),
    ("innbyggere gir tilbakemelding på tjenestene", (2,)),
    ("tidlig innsats barnehage", (3,)),
    ("lavterskel tilbud gutter", (19,)),
    ("innovativ anskaffelse", (8, 18, 20)),
    ("gjenbruk av informasjon digitale tjenester", (20,)),
    ("trygghet hjemme teknologi eldre", (21, 12)),
    ("samskaping lokalsamfunnet", (10, 1, 14)),
    ("hjørnesteinsbedrift nedleggelse", (1,)),
    ("attraktiv arbeidsplass", (15,)),
    ("møteplass ansatte kunnskapsdeling", (16,)),
    ("familier helse utdanning bolig samtidig", (9,)),
    ("planarbeid barnehage praksis", (7,)),
    ("demokrati kommunikasjon nettsted", (22,)),
]


def case_projects() -> dict[int, int]:
    """Case number → project id of the demo case in the database."""
    from demo.cases import CASES
    from projects.models import Project

    ids = dict(Project.objects.filter(is_demo=True, title__in=[c.title for c in CASES]).values_list("title", "pk"))
    return {c.number: ids[c.title] for c in CASES if c.title in ids}


def ranked_ids(query: str, limit: int = 20) -> list[int]:
    """The ids of the first `limit` results of the project list's search for `query`."""
    from django.http import QueryDict

    from projects.filters import ProjectFilter
    from projects.models import Project

    filterset = ProjectFilter(QueryDict(mutable=True) | {"q": query}, queryset=Project.objects.listed())
    return list(filterset.qs.values_list("pk", flat=True)[:limit])


def evaluate(queries=QUERIES) -> dict:
    """hit@5 and MRR of the search over `queries`, with each query's rank of the first expected project."""
    cases = case_projects()
    rows = []
    for query, expected in queries:
        wanted = {cases[n] for n in expected if n in cases}
        ranking = ranked_ids(query)
        rank = next((i + 1 for i, pk in enumerate(ranking) if pk in wanted), None)
        rows.append({"query": query, "rank": rank, "results": len(ranking)})
    n = len(rows)
    return {
        "queries": n,
        "hit_at_5": round(sum(1 for r in rows if r["rank"] and r["rank"] <= 5) / n, 3),
        "mrr": round(sum(1 / r["rank"] for r in rows if r["rank"]) / n, 3),
        "misses": [r for r in rows if not r["rank"] or r["rank"] > 5],
        "rows": rows,
    }


def report(result: dict) -> str:
    lines = [f"search relevance: {result['queries']} queries, hit@5 {result['hit_at_5']}, MRR {result['mrr']}"]
    lines += [f"  miss: {r['query']!r} (rank {r['rank'] or '-'})" for r in result["misses"]]
    return "\n".join(lines)


if __name__ == "__main__":  # on the database of DATABASE_URL as it is (after load_demo)
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    print(report(evaluate()))
