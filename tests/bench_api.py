"""`make bench-api`: the bench from before issue 14's `make bench`, kept for the open-data API, exports and feeds:
response times, queries and memory for the main pages, written to var/bench-api.json.

Runs against a throw-away test database (SQLite by default, PostgreSQL with DATABASE_URL) filled
with the real registry, the demo users and BENCH_PROJECTS generated projects. Figures only: the
suite asserts behaviour and query counts, never timings.

Before the generated projects are added: the search relevance set (tests/relevance.py), hit@5 and MRR.

Then the load check (tests/loadcheck.py): gunicorn with the production settings on the same database,
BENCH_CLIENTS (20) concurrent clients for BENCH_LOAD_SECONDS (30; 0 skips it) on a mix of the same pages:
requests/s, p50/p99, errors (the bench fails unless 0) and the workers' memory before and after.
For a quick run: `BENCH_PROJECTS=100 BENCH_REPEAT=3 BENCH_LOAD_SECONDS=5 make bench`.
The streamed CSV export is measured on the generated projects, and with BENCH_EXPORT_ROWS=100000 again after
bulk-creating plain projects up to that number (rows, time, queries, peak memory allocated while streaming).
"""

import io
import json
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # shared with the load check's gunicorn

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
PROJECTS = int(os.environ.get("BENCH_PROJECTS", "2000"))
EXPORT_ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "0"))  # e.g. 100000: the CSV export's memory at that size
OUT = Path(os.environ.get("BENCH_OUT", Path(__file__).resolve().parent.parent / "var" / "bench-api.json"))


def measure(client: Client, url: str) -> dict:
    client.get(url)  # warm-up (templates, caches)
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "url": url,
        "status": response.status_code,
        "median_ms": round(statistics.median(timings), 1),
        "p90_ms": round(sorted(timings)[int(len(timings) * 0.9) - 1], 1),
        "queries": len(queries),
        "bytes": len(response.content),
    }


def search_relevance() -> dict | None:
    """hit@5 and MRR of the search over the relevance set (tests/relevance.py), on the demo as load_demo makes it."""
    from django.apps import apps

    if not apps.is_installed("projects"):
        return None
    from tests import relevance

    result = relevance.evaluate()
    return {key: result[key] for key in ("queries", "hit_at_5", "mrr", "misses")}


def _add_plain_projects(total: int) -> None:
    """Bare published projects (bulk-created, no versions) until there are `total`, for the export's memory."""
    from django.utils import timezone

    from municipalities.models import Organisation
    from projects.models import Project

    owner = Organisation.objects.order_by("pk").first()
    missing = total - Project.objects.listed().count()
    now = timezone.now()
    for start in range(0, max(missing, 0), 5000):
        Project.objects.bulk_create(
            Project(
                title=f"Eksportprosjekt {n}",
                slug=f"eksportprosjekt-{n}",
                summary="Et enkelt prosjekt for å måle eksporten.",
                owner=owner,
                state=Project.State.PUBLISHED,
                published_at=now,
            )
            for n in range(start, min(start + 5000, missing))
        )


def measure_export(client: Client, url: str) -> dict:
    """A streamed export read chunk by chunk, as a client would: rows, time, queries, and the peak of memory
    allocated while streaming (tracemalloc), which must stay flat however many rows there are."""
    import tracemalloc

    tracemalloc.start()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "url": url,
        "status": response.status_code,
        "rows": max(lines - 1, 0),
        "seconds": round(seconds, 2),
        "queries": len(queries),
        "bytes": size,
        "peak_mb": round(peak / 1024 / 1024, 1),
    }


def main() -> int:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    scratch = tempfile.TemporaryDirectory(prefix="spre-bench-")
    if connection.vendor == "sqlite":  # a file, not memory, so that gunicorn's workers see it too
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(Path(scratch.name) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    load = None
    exports = []
    try:
        call_command("load_registry", stdout=io.StringIO())
        call_command("load_demo", stdout=io.StringIO())
        relevance = search_relevance()
        from django.apps import apps

        urls = [
            "/",
            "/kommuner/",
            "/kommuner/?q=1507",
            "/kommuner/3201-baerum/",
            "/fylkeskommuner/32-akershus/",
            "/healthz",
        ]
        if apps.is_installed("projects"):
            try:
                call_command("generate_projects", size=PROJECTS, stdout=io.StringIO())
            except Exception as error:  # the generator is optional for the foundation pages
                print(f"generate_projects failed: {error}", file=sys.stderr)
            from projects.models import Project

            urls += ["/prosjekter/", "/prosjekter/?q=velferdsteknologi", "/prosjekter/?q=velferdsteknolgi"]
            first = Project.objects.filter(state=Project.State.PUBLISHED).order_by("pk").first()
            if first:
                urls.append(first.get_absolute_url())
        anonymous = Client()
        results = [measure(anonymous, url) for url in urls]
        if apps.is_installed("api"):
            # The open-data API, measured here but kept out of the load check (its clients are throttled).
            settings.API_THROTTLE_RATE = "1000000/min"
            api_urls = [
                "/api/v1/projects/",
                "/api/v1/projects/?page_size=200",
                "/api/v1/projects/?page_size=200&service_area=helse-og-omsorg",
                "/api/v1/organisations/?page_size=200",
                "/api/v1/vocabularies/",
                "/feeder/prosjekter/",
                "/sitemap.xml",
            ]
            results += [measure(anonymous, url) for url in api_urls]
            exports = [measure_export(anonymous, "/prosjekter/eksport.csv?archived=on")]
            if EXPORT_ROWS:
                _add_plain_projects(EXPORT_ROWS)
                exports.append(measure_export(anonymous, "/prosjekter/eksport.csv?archived=on"))
        member = Client()
        from accounts.models import User

        member.force_login(User.objects.get(email="admin@kommune-a.example"))
        member_urls = ["/mine-sider/", "/kommuner/9901-kommune-a/medlemmer/"]
        results += [measure(member, url) for url in member_urls]
        if float(os.environ.get("BENCH_LOAD_SECONDS", "30")) > 0:
            from tests import loadcheck

            load = loadcheck.run(
                settings_dict=connection.settings_dict,
                anonymous_paths=urls,
                member_paths=member_urls,
                member_cookie=f"{settings.SESSION_COOKIE_NAME}={member.cookies[settings.SESSION_COOKIE_NAME].value}",
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        scratch.cleanup()
    report = {
        "database": connection.vendor,
        "repeat": REPEAT,
        "generated_projects": PROJECTS,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "pages": results,
        "search_relevance": relevance,
        "exports": exports,
        "load": load,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    width = max(len(r["url"]) for r in results)
    for r in results:
        print(f"{r['url']:<{width}}  {r['status']}  {r['median_ms']:>7} ms  {r['queries']:>3} queries")
    for e in exports:
        print(
            f"{e['url']}: {e['rows']} rows streamed in {e['seconds']} s, {e['queries']} queries, "
            f"peak {e['peak_mb']} MB allocated while streaming"
        )
    print(f"max RSS {report['max_rss_mb']} MB; written to {OUT}")
    if relevance:
        from tests import relevance as relevance_set

        print(relevance_set.report(relevance))
    if load:
        print(
            f"load: {load['clients']} clients for {load['seconds']} s: {load['requests_per_second']} requests/s, "
            f"p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, {load['errors']} errors; workers' RSS "
            f"{load['memory_before']['total_mb']} MB before, {load['memory_after']['total_mb']} MB after"
        )
        for sample in load["error_samples"]:
            print(f"  error: {sample}")
        if load["errors"]:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
