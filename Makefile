# Spre: the Makefile targets are the onboarding doc.
#   make run    set everything up and serve the portal with demo data on http://127.0.0.1:8000 (SQLite);
#               another port: make run PORT=8101 (HOST= for another address)
#   make test   run the whole suite in 2 processes (set DATABASE_URL to run it on PostgreSQL;
#               PYTEST_ARGS replaces the pytest options, e.g. PYTEST_ARGS="-n 0 -x tests/projects")
#   make bench  every page under gunicorn at 1k/10k/100k projects on PostgreSQL, as a share of /healthz
#               (BENCH_SIZES=1000,10000 for fewer; see tests/bench.py); writes var/bench.md and var/bench.json
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEV_ENV := DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist: each worker has its own test database and live server. loadfile runs each test module on
# one worker, so module-scoped data (the permission matrix's world, the demo) is built once per module;
# --no-loadscope-reorder keeps pytest-django's order (transactional tests, which empty the database, last).
# More workers than cores is slower. (loadgroup would do, but xdist 3.8 cannot group under pytest 9.)
PYTEST_ARGS ?= -n 2 --dist loadfile --no-loadscope-reorder

.PHONY: run test setup deps npm browser-deps migrate demo lint fmt check messages bench bench-api clean

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

# Local development settings (git-ignored), read by manage.py's development commands only (runserver, shell,
# makemigrations, makemessages …; see manage.py), never by collectstatic, migrate or check. Production: .env.example.
.env:
	printf '# Development settings for manage.py (make run writes this; not committed).\nDEBUG=1\n' > $@

# load_demo and generate_projects come from the demo/ app (demo data only, not the product).
setup: deps .env
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_registry
	$(DEV_ENV) $(PY) manage.py load_demo

# Links in mail point at SITE_URL: the address the development server really runs on.
run: setup
	@echo "Spre runs on http://$(HOST):$(PORT)/  (demo logins above; another port: make run PORT=8101)"
	$(DEV_ENV) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

demo: setup

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; no browser download).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext >/dev/null; fi; \
	fi

test: deps browser-deps
	TESTING=1 $(PY) -m pytest $(PYTEST_ARGS)

check: deps
	$(DEV_ENV) $(PY) manage.py check
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Update the Norwegian catalogue after changing user-facing strings, then translate and compile.
messages: deps
	$(DEV_ENV) $(PY) manage.py makemessages -l nb -l en --ignore=node_modules --ignore=.venv --ignore=staticfiles --no-obsolete
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

bench: deps
	$(PY) -m tests.bench

# The API, exports and feeds on a throw-away database (and the earlier mixed load check): tests/bench_api.py.
bench-api: deps
	$(PY) -m tests.bench_api

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
