"""`make bench`: how fast each page is, as a share of `/healthz` in the same run, at 1 000, 10 000 and 100 000
projects (issue 14). Figures only: the suite asserts behaviour and query counts, never timings.

For each size in BENCH_SIZES (default `1000,10000,100000`) a PostgreSQL database `spre_bench_<size>` (1k, 10k,
100k) on the server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/) is generated once
(registry, demo users, `generate_projects`) and reused by later runs (migrated first). Then:

1. In this process, with the page cache off: each page BENCH_REPEAT (20) times from one client — p95 and the
   number of queries. This is the "without cache" figure (< 100 ms p95 at 100 000 projects is the goal).
2. gunicorn with the production settings (BENCH_WORKERS=2 sync workers, DEBUG off, manifest static files, the
   Redis cache of BENCH_REDIS_URL, or the database cache if Redis does not answer; plain HTTP on localhost):
   each page alone for BENCH_SECONDS (5) with BENCH_CLIENTS (8) concurrent keep-alive clients — requests/s,
   p50/p99, errors and the workers' memory after the page. `/healthz` is measured first and last; each page's
   rate is reported as a share of their mean (the "floor" of the framework on this machine, in this run).

Written to var/bench.json (everything) and var/bench.md (the table the README shows). The bench fails if any
request fails. Also the search's relevance set (tests/relevance.py: hit@5, MRR) on each size's data.
A quick run: `BENCH_SIZES=1000 BENCH_SECONDS=2 BENCH_REPEAT=5 make bench`.
"""

import gc
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # shared with gunicorn, so the session cookie works

BASE_DIR = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/").rstrip("/")
os.environ["DATABASE_URL"] = f"{SERVER}/postgres"  # this process: the maintenance database until a size is chosen
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from tests import loadcheck  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",") if s.strip()]
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
UNCACHED_SECONDS = float(os.environ.get("BENCH_UNCACHED_SECONDS", "10"))  # per page, at least 3 requests
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
OUT_DIR = Path(os.environ.get("BENCH_OUT", BASE_DIR / "var"))
MEMBER_EMAIL = "admin@kommune-a.example"
# The README's recommended PostgreSQL settings that can be set per database (shared_buffers cannot).
DATABASE_SETTINGS = {
    "work_mem": "'32MB'",
    "jit": "off",
    "random_page_cost": "1.1",
    "max_parallel_workers_per_gather": "0",
}


def label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def database_name(size: int) -> str:
    return f"spre_bench_{label(size)}"


def _env(database: str, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG"}}
    env.update(DATABASE_URL=f"{SERVER}/{database}", DEBUG="1", **extra)
    return env


def _manage(database: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=_env(database), check=True, capture_output=True
    )
    return done.stdout.decode()


def prepare(size: int) -> dict:
    """The database for `size` projects: created and filled once, migrated every time. Returns timings."""
    name = database_name(size)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
    with connection.cursor() as cursor:
        for setting, value in DATABASE_SETTINGS.items():
            cursor.execute(f'ALTER DATABASE "{name}" SET {setting} = {value}')
    started = time.perf_counter()
    _manage(name, "migrate", "--noinput")
    # New tables and indexes get their statistics and visibility map (index-only scans) as autovacuum would.
    _manage(name, "shell", "-c", "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')")
    timings = {"migrate_s": round(time.perf_counter() - started, 1)}
    if _marker(name) != f"generated {size}":
        started = time.perf_counter()
        _manage(name, "load_registry")
        _manage(name, "load_demo")
        timings["demo_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        _manage(name, "generate_projects", "--size", str(size), "--replace")
        timings["generate_s"] = round(time.perf_counter() - started, 1)
        _manage(name, "shell", "-c", "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')")
        with connection.cursor() as cursor:  # done: the next run reuses the database
            cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS 'generated {size}'")
    return timings


def _marker(name: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name])
        row = cursor.fetchone()
    return row[0] if row else None


def use_database(name: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = name


def pages() -> list[tuple[str, str, bool]]:
    """(label, path, signed in) for the pages of issue 14, read from the current database."""
    from municipalities.models import Organisation
    from projects.models import Project

    published = Project.objects.published()
    last = max(1, (published.count() + 19) // 20)
    project = published.order_by("-published_at", "-updated_at").first()
    municipality = Organisation.objects.get(number="9901", kind=Organisation.Kind.MUNICIPALITY)
    filters = "service_area=helse-og-omsorg&phase=innovation&status=ongoing"
    rows = [
        ("`/healthz` (the floor)", "/healthz", False),
        ("front page", "/", False),
        ("`/prosjekter/`", "/prosjekter/", False),
        ("`/prosjekter/` with 3 filters", f"/prosjekter/?{filters}", False),
        ("`/prosjekter/?page=<last>`", f"/prosjekter/?page={last}", False),
        ("a municipality's page (Kommune A)", municipality.get_absolute_url(), False),
        ("`/kommuner/`", "/kommuner/", False),
        ("project page", project.get_absolute_url(), False),
        ('search "velferdsteknologi"', "/prosjekter/?q=velferdsteknologi", False),
        ('search "ungdom"', "/prosjekter/?q=ungdom", False),
        ("signed in: `/prosjekter/`", "/prosjekter/", True),
        ("signed in: Mine sider", "/mine-sider/", True),
    ]
    return rows + open_data_pages()


def open_data_pages() -> list[tuple[str, str, bool]]:
    """The other public pages: spreading, statistics, collections, open days, feeds, sitemap, API (the exports
    stream every row, so they are left to tests/bench_api.py)."""
    from curation.models import Collection
    from opendays.models import OpenDay
    from projects.models import Project

    sitemap_pages = max(1, (Project.objects.published().count() + 999) // 1000)
    rows = [
        ("`/spredning/`", "/spredning/"),
        ("`/spredning/atom/`", "/spredning/atom/"),
        ("`/statistikk/`", "/statistikk/"),
        ("a statistics CSV", "/statistikk/projects-by-phase.csv"),
        ("`/samlinger/`", "/samlinger/"),
        ("`/visningsdager/`", "/visningsdager/"),
        ("feed of new projects", "/feeder/prosjekter/"),
        ("`sitemap.xml`", "/sitemap.xml"),
        ("sitemap, last page", f"/sitemap-projects.xml?p={sitemap_pages}"),
        ("`/api/v1/projects/`", "/api/v1/projects/"),
        ("`/api/v1/organisations/`", "/api/v1/organisations/"),
        ("API docs", "/api/"),
        ("`robots.txt`", "/robots.txt"),
    ]
    collection = Collection.objects.published().order_by("pk").first()
    if collection:
        rows.insert(5, ("a collection", collection.get_absolute_url()))
    open_day = OpenDay.objects.listed().order_by("pk").first()
    if open_day:
        rows.append(("an open day", open_day.get_absolute_url()))
    return [(label, path, False) for label, path in rows]


def single_client(rows, member: Client) -> dict:
    """Per page: p95 of REPEAT requests from one client and the number of queries, page cache off."""
    anonymous = Client()
    results = {}
    with override_settings(PAGE_CACHE=False, API_THROTTLE_RATE="1000000/min"):
        for _label, path, signed_in in rows:
            client = member if signed_in else anonymous
            client.get(path)  # warm-up
            timings = []
            deadline = time.perf_counter() + UNCACHED_SECONDS
            for _ in range(REPEAT):
                if len(timings) >= 3 and time.perf_counter() > deadline:
                    break  # a slow page: enough samples for its p95 to say so
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            query_count = len(queries)  # now: the next request's request_started empties the log
            # The memory one request of this page allocates at its peak (Python objects, not the process's size).
            tracemalloc.start()
            client.get(path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            timings.sort()
            results[(path, signed_in)] = {
                "status": response.status_code,
                "bytes": len(response.content),
                "queries": query_count,
                "peak_kb_per_request": round(peak / 1024),
                "p50_ms_uncached": round(statistics.median(timings), 1),
                "p95_ms_uncached": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 1),
                "uncached_requests": len(timings),
            }
    return results


def _redis_answers(url: str) -> bool:
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.flushdb()  # the bench's own database number: nothing of another size or run survives
        return True
    except Exception:  # noqa: BLE001 - no Redis: the database cache, as production without REDIS_URL
        return False


def drive(port: int, path: str, cookie: str, seconds: float, clients: int) -> dict:
    stop = threading.Event()
    threads = [loadcheck.Client(port, [path], cookie, stop, n) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    timings = sorted(t for thread in threads for t in thread.timings)
    errors = [e for thread in threads for e in thread.errors]
    return {
        "requests_per_second": round(len(timings) / elapsed, 1),
        "p50_ms": round(statistics.median(timings), 1) if timings else None,
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 1) if timings else None,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
    }


def under_load(name: str, rows, cookie: str, static_root: str) -> dict:
    port = loadcheck._free_port()
    db = {"DATABASE_URL": f"{SERVER}/{name}"}
    env = loadcheck.production_environment(db, static_root, port)
    env.pop("REDIS_URL", None)
    env.pop("PAGE_CACHE_REDIS_URL", None)  # pages share BENCH_REDIS_URL's Redis (another key prefix)
    if _redis_answers(REDIS_URL):
        env["REDIS_URL"] = REDIS_URL
    env["PAGE_CACHE"] = os.environ.get("BENCH_PAGE_CACHE", "1")
    env["DATABASE_STATEMENT_TIMEOUT"] = "10000"
    env["API_THROTTLE_RATE"] = "1000000/min"  # the API pages are driven like the others, not throttled
    if "REDIS_URL" not in env:
        loadcheck._manage(env, "createcachetable")
    command = [str(loadcheck.VENV_BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--timeout", "30", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    results = {}
    try:
        loadcheck._wait_until_up(port, process)
        time.sleep(1)
        results["memory_start"] = loadcheck.workers_memory(process.pid)
        order = [*rows, rows[0]]  # /healthz again at the end: the floor is the mean of both
        for index, (_label, path, signed_in) in enumerate(order):
            cookie_header = cookie if signed_in else ""
            drive(port, path, cookie_header, min(1.0, SECONDS), 2)  # warm-up (and fills the page cache)
            measured = drive(port, path, cookie_header, SECONDS, CLIENTS)
            measured["memory_mb"] = loadcheck.workers_memory(process.pid)["total_mb"]
            key = ("healthz_end" if index == len(rows) else path, signed_in)
            results[key] = measured
        results["cache"] = "redis" if "REDIS_URL" in env else "database"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return results


def bench_size(size: int, static_root: str) -> dict:
    timings = prepare(size)
    name = database_name(size)
    use_database(name)
    from accounts.models import User

    rows = pages()
    member = Client()
    member.force_login(User.objects.get(email=MEMBER_EMAIL))
    cookie = f"{settings.SESSION_COOKIE_NAME}={member.cookies[settings.SESSION_COOKIE_NAME].value}"
    # As portal/wsgi.py does in the gunicorn workers: what is loaded lives as long as the process, out of the
    # collector's reach (else a full collection lands in some requests and makes the tail).
    gc.collect()
    gc.freeze()
    single = single_client(rows, member)
    from tests import relevance  # the search's relevance set (hit@5, MRR) on this size's data

    found = relevance.evaluate()
    ranking = {key: found[key] for key in ("queries", "hit_at_5", "mrr", "misses")}
    load = under_load(name, rows, cookie, static_root)
    floor = statistics.mean(
        [load[("/healthz", False)]["requests_per_second"], load[("healthz_end", False)]["requests_per_second"]]
    )
    report = []
    for row_label, path, signed_in in rows:
        entry = {"page": row_label, "path": path, "signed_in": signed_in}
        entry.update(single[(path, signed_in)])
        entry.update(load[(path, signed_in)])
        entry["share_of_floor"] = round(entry["requests_per_second"] / floor, 3) if floor else None
        report.append(entry)
    return {
        "size": size,
        "database": name,
        "preparation": timings,
        "floor_requests_per_second": round(floor, 1),
        "healthz_end": load[("healthz_end", False)],
        "cache": load["cache"],
        "memory_start_mb": load["memory_start"]["total_mb"],
        "search_relevance": ranking,
        "pages": report,
    }


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %" if share >= 0.1 else f"{share * 100:.1f} %"


def markdown(runs: list[dict]) -> str:
    sizes = [run["size"] for run in runs]
    lines = [
        f"`make bench` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: gunicorn, {WORKERS} sync workers, "
        f"production settings, {runs[0]['cache']} cache, PostgreSQL; {CLIENTS} concurrent clients per page for "
        f"{SECONDS:g} s. Each cell: share of the `/healthz` rate in the same run (p50 / p99 under load); then "
        "without page cache, one client: p95, queries and the peak memory one request allocates (tracemalloc).",
        "",
        "| page | " + " | ".join(f"{size:,} projects".replace(",", " ") for size in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for index, page in enumerate(runs[0]["pages"]):
        cells = []
        for run in runs:
            entry = run["pages"][index]
            if index == 0:
                cells.append(f"≈ {run['floor_requests_per_second']:,.0f} req/s".replace(",", " "))
                continue
            cells.append(
                f"{_percent(entry['share_of_floor'])} ({entry['p50_ms']:.0f} / {entry['p99_ms']:.0f} ms); "
                f"uncached p95 {entry['p95_ms_uncached']:.0f} ms, {entry['queries']} q, "
                f"{entry['peak_kb_per_request']:,} kB"
            )
        lines.append(f"| {page['page']} | " + " | ".join(cells) + " |")
    lines += ["", *goals(runs)]
    memory = ", ".join(
        f"{label(run['size'])}: {run['memory_start_mb']:g} → {max(p['memory_mb'] for p in run['pages']):g} MB"
        for run in runs
    )
    lines += ["", f"Workers' resident memory (both workers, start → highest after a page): {memory}."]
    ranking = "; ".join(
        f"{label(run['size'])}: hit@5 {found['hit_at_5']:.2f}, MRR {found['mrr']:.2f}"
        for run in runs
        if (found := run.get("search_relevance"))
    )
    lines.append(f"Search relevance set (tests/relevance.py) on each size's data: {ranking}.")
    prepared = "; ".join(f"{label(run['size'])}: {run['preparation']}" for run in runs)
    lines.append(f"Database preparation (seconds; only migrate when the database already existed): {prepared}.")
    return "\n".join(lines) + "\n"


def goals(runs: list[dict]) -> list[str]:
    """Issue 14's goals, page by page: what this run met and what it did not."""
    by_size = {run["size"]: {(p["path"], p["signed_in"]): p for p in run["pages"]} for run in runs}
    missed = []
    checked = 0
    for run in runs:
        for page in run["pages"][1:]:
            name = f"{page['page']} at {label(run['size'])}"
            floor = 0.10 if page["signed_in"] else 0.25
            if run["size"] >= 10000:
                checked += 1
                if page["share_of_floor"] < floor:
                    missed.append(f"{name}: {_percent(page['share_of_floor'])} of `/healthz` (goal {floor:.0%})")
            if run["size"] >= 100000:
                checked += 2
                if page["p95_ms_uncached"] >= 100:
                    missed.append(f"{name}: uncached p95 {page['p95_ms_uncached']:.0f} ms (goal < 100 ms)")
                small = by_size.get(1000, {}).get((page["path"], page["signed_in"]))
                if small and small["share_of_floor"] and page["share_of_floor"] < 0.8 * small["share_of_floor"]:
                    missed.append(
                        f"{name}: {_percent(page['share_of_floor'])} against {_percent(small['share_of_floor'])} "
                        "at 1k (goal: at least 80 % of it)"
                    )
    if not checked:
        return ["Goals of issue 14: none applies at these sizes (they are set at 10 000 and 100 000 projects)."]
    if not missed:
        return [f"Goals of issue 14: all {checked} checks met in this run."]
    return [f"Goals of issue 14: {checked - len(missed)} of {checked} checks met in this run; not met:"] + [
        f"- {line}" for line in missed
    ]


def write(runs: list[dict]) -> str:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "bench.json").write_text(json.dumps(runs, indent=2, ensure_ascii=False))
    table = markdown(runs)
    (OUT_DIR / "bench.md").write_text(table)
    return table


def main() -> int:
    setup_test_environment()
    if urlsplit(SERVER).scheme not in {"postgres", "postgresql"}:
        print("The bench needs PostgreSQL (BENCH_DATABASE_URL).", file=sys.stderr)
        return 2
    runs = []
    with tempfile.TemporaryDirectory(prefix="spre-bench-static-") as static_root:
        env = loadcheck.production_environment({"DATABASE_URL": f"{SERVER}/postgres"}, static_root, 8000)
        loadcheck._manage(env, "collectstatic", "--noinput")
        for size in SIZES:
            print(f"{size} projects …", flush=True)
            runs.append(bench_size(size, static_root))
            use_database("postgres")
            write(runs)  # after each size: a long run that is stopped keeps what it measured
    print(write(runs))
    errors = [f"{run['size']} {p['path']}: {p['error_samples']}" for run in runs for p in run["pages"] if p["errors"]]
    errors += [
        f"{run['size']}: status {p['status']} for {p['path']}"
        for run in runs
        for p in run["pages"]
        if p["status"] != 200
    ]
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
