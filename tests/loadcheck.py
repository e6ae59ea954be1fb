"""The load part of `make bench`: gunicorn with the production settings, many clients at once.

Started by tests/bench.py on its throw-away database. gunicorn runs with DEBUG off, a random
SECRET_KEY, the manifest static files collected into a temporary directory and the database cache
(or Redis with REDIS_URL), i.e. as deployed; BENCH_CLIENTS threads (default 20) then request a mix
of pages for BENCH_LOAD_SECONDS (default 30) over keep-alive HTTP connections. Reported: requests/s,
p50/p99 latency, errors (anything but 200, or a failed connection: must be 0) and the gunicorn
workers' resident memory before and after.
"""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_environment(settings_dict: dict) -> dict:
    """The environment that points the production settings at the bench's database."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return {"SQLITE_PATH": str(settings_dict["NAME"])}
    credentials = quote(settings_dict["USER"] or "", safe="")
    if settings_dict.get("PASSWORD"):
        credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or "5432"
    return {"DATABASE_URL": f"postgres://{credentials}@{host}:{port}/{settings_dict['NAME']}"}


def production_environment(database_env: dict, static_root: str, port: int) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL", "SQLITE_PATH"}}
    env.update(
        database_env,
        DJANGO_SETTINGS_MODULE="portal.settings",
        TESTING="0",
        DEBUG="0",
        HTTPS="0",  # plain HTTP on localhost; everything else as in production
        SECRET_KEY=os.environ["SECRET_KEY"],  # the bench's, so its session cookies are valid
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        STATIC_ROOT=static_root,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True)


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return sorted(children)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def workers_memory(master: int) -> dict:
    rss = [_rss_mb(pid) for pid in _children(master)]
    return {"workers": len(rss), "rss_mb": rss, "total_mb": round(sum(rss), 1)}


def _wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            body = response.read()
            connection.close()
            if response.status == 200:
                return
            raise RuntimeError(f"/healthz answered {response.status}: {body!r}")
        except OSError:  # not listening yet, or no worker booted yet
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start in time")


class Client(threading.Thread):
    def __init__(self, port, paths, cookie, stop, offset):
        super().__init__(daemon=True)
        self.port, self.paths, self.cookie, self.stop, self.offset = port, paths, cookie, stop, offset
        self.timings, self.errors = [], []

    def run(self):
        connection = None
        index = self.offset
        while not self.stop.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            headers = {"Cookie": self.cookie} if self.cookie else {}
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(f"{path}: {type(error).__name__}: {error}")
                if connection is not None:
                    connection.close()
                connection = None
                continue
            self.timings.append((time.perf_counter() - start) * 1000)
            if status != 200:  # every page in the mix answers 200 (a 302 would mean a lost login)
                self.errors.append(f"{path}: HTTP {status}")
        if connection is not None:
            connection.close()


def run(*, settings_dict: dict, anonymous_paths: list[str], member_paths: list[str], member_cookie: str) -> dict:
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
    clients = int(os.environ.get("BENCH_CLIENTS", "20"))
    workers = int(os.environ.get("BENCH_WORKERS", "3"))
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="spre-bench-static-") as static_root:
        env = production_environment(database_environment(settings_dict), static_root, port)
        _manage(env, "collectstatic", "--noinput")
        _manage(env, "createcachetable")
        _manage(env, "check", "--deploy", "--fail-level", "ERROR")
        command = [str(VENV_BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", str(workers), "--timeout", "30", "--log-level", "warning"]
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
        try:
            _wait_until_up(port, process)
            time.sleep(1)  # every worker has booted
            memory_before = workers_memory(process.pid)
            stop = threading.Event()
            threads = [
                Client(
                    port, member_paths if n % 4 == 3 else anonymous_paths, member_cookie if n % 4 == 3 else "", stop, n
                )
                for n in range(clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            time.sleep(seconds)
            stop.set()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            memory_after = workers_memory(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    timings = sorted(t for thread in threads for t in thread.timings)
    errors = [e for thread in threads for e in thread.errors]
    return {
        "server": f"gunicorn, {workers} sync workers, production settings (DEBUG off, manifest static files)",
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "p50_ms": round(statistics.median(timings), 1) if timings else None,
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 1) if timings else None,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:10],
        "paths": {"anonymous": anonymous_paths, "logged_in": member_paths},
        "memory_before": memory_before,
        "memory_after": memory_after,
    }
