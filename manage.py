#!/usr/bin/env python
import os
import sys
from pathlib import Path

# Only these development commands read the local .env that `make run` writes (DEBUG=1). Commands that
# build or run a deployment (collectstatic, migrate, check, createcachetable, send_queued_mail, …) never
# do, so a leftover development .env on a server cannot switch production into debug mode.
DEVELOPMENT_COMMANDS = {
    "runserver",
    "shell",
    "dbshell",
    "makemigrations",
    "showmigrations",
    "sqlmigrate",
    "makemessages",
    "compilemessages",
    "createsuperuser",
    "load_demo",
    "generate_projects",
}


def reads_dotenv(argv: list[str]) -> bool:
    return len(argv) > 1 and argv[1] in DEVELOPMENT_COMMANDS


def load_dotenv(path: Path) -> None:
    """Development settings from a local .env (KEY=value lines); real environment variables win."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip().strip("'\""))


if __name__ == "__main__":
    if reads_dotenv(sys.argv):
        load_dotenv(Path(__file__).resolve().parent / ".env")
        # A fresh checkout has no .env until `make run` writes one. Without a SECRET_KEY there is no deployment
        # to protect (production settings refuse to start without one), so a development command runs in
        # development mode instead of failing with Django's "Models aren't loaded yet".
        if "SECRET_KEY" not in os.environ:
            os.environ.setdefault("DEBUG", "1")
    # Web requests cancel statements after 10 s (portal/settings.py); management commands (migrate, the
    # registry loader, the mail worker) may legitimately run longer: no statement timeout unless one is set.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
