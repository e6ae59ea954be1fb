"""Settings for Spre, read from environment variables.

Defaults are production-safe: DEBUG is off and there is no SECRET_KEY unless DEBUG
is switched on explicitly (the Makefile does that for `make run`). With no
DATABASE_URL the embedded SQLite file is used.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The test suite runs with production settings, except for HTTPS-only behaviour (tests talk plain HTTP).
TESTING = env_bool("TESTING", "pytest" in sys.modules)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",  # django.contrib.admin, logging in through allauth
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "django_htmx",
    "allauth",
    "allauth.account",
    "accounts",
    "municipalities",
    "activity",
    "outbox",
    "projects",
    "notifications",
    "opendays",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "api",  # open data: the read-only API, exports, feeds, DCAT, sitemap
    "diffusion",
    "conversation",
    "curation",
    "portal",
    "demo",  # development and benchmark data; depends on the product apps, never the other way
]

# Functions that react to the activity log after each commit (see activity/services.py).
# Sections other apps add to the curators' queue (/kurator/), included by curation's {% moderation_queue %}.
CURATION_QUEUE_SECTIONS = ["conversation/_curation_queue.html"]

# Upload folders of the apps above `projects` that `clean_uploads` also sweeps: {folder: the function naming the
# files in it that rows refer to}. Name only folders that hold nothing but the files that function knows of.
UPLOAD_FOLDERS = {"opendays/slides": "opendays.uploads.referenced_files"}

ACTIVITY_CONSUMERS = [
    "municipalities.notifications.on_activity",
    "opendays.notifications.on_activity",
    "diffusion.notifications.on_activity",
    "projects.facets.on_activity",  # the list's counts kept ahead: before the pages are invalidated
    "common.pagecache.on_activity",  # any logged change invalidates the cached public pages
    "notifications.consumers.on_activity",
    "conversation.notifications.on_activity",
    "curation.notifications.on_activity",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.AnonymousGZipMiddleware",  # gzip for visitors not signed in (BREACH: see the class)
    "corsheaders.middleware.CorsMiddleware",  # only /api/ (CORS_URLS_REGEX), only reading
    "common.pagecache.RequestMemoMiddleware",  # the cache's generations read once per request
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.NorwegianByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.middleware.CachedAuthenticationMiddleware",  # the signed-in user's row from the cache
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "notifications.context_processors.unread",
            ],
        },
    },
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite file by default, PostgreSQL (or anything dj-database-url knows) via DATABASE_URL.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A hanging database must fail fast (a 503 page), well before gunicorn's 30 s worker timeout:
        # give up connecting after DATABASE_CONNECT_TIMEOUT s, cancel statements after DATABASE_STATEMENT_TIMEOUT ms
        # (0: never; manage.py's default, for migrations), and drop connections whose packets go unanswered.
        # The test suite allows longer statements: on a loaded CI machine, creating and flushing the test
        # databases can take more than 10 s; a hanging query still fails the run.
        statement_timeout = int(env("DATABASE_STATEMENT_TIMEOUT", "60000" if TESTING else "10000"))
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c statement_timeout={statement_timeout}".strip()
        options.setdefault("connect_timeout", int(env("DATABASE_CONNECT_TIMEOUT", "5")))
        options.setdefault("tcp_user_timeout", 15000)
        options.setdefault("keepalives_idle", 30)
        options.setdefault("keepalives_interval", 10)
        options.setdefault("keepalives_count", 3)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
HEALTHZ_DATABASE_TIMEOUT = int(env("HEALTHZ_DATABASE_TIMEOUT", "2000"))  # ms: /healthz says 503 after this

# Caches. `default` holds the rate-limit and login-lockout counters, so it must be shared by every worker in
# production: Redis with REDIS_URL, otherwise the database (`manage.py createcachetable`). `pages` holds the page
# cache (common.pagecache: whole pages, fragments and the site's generation), apart, so that page entries never evict
# the counters: PAGE_CACHE_REDIS_URL (a Redis of its own) if set, else REDIS_URL's Redis under another key prefix,
# else a database cache table of its own. Only development and the test suite use per-process memory;
# `check --deploy` refuses that (portal.E001, portal.E003). Cache errors fail open (portal.cache).
REDIS_URL = env("REDIS_URL")
PAGE_CACHE_REDIS_URL = env("PAGE_CACHE_REDIS_URL")
REDIS_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": REDIS_URL, "OPTIONS": REDIS_OPTIONS}}
elif DEBUG or TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"}}
else:
    CACHES = {"default": {"BACKEND": "portal.cache.DatabaseCache", "LOCATION": "spre_cache"}}
if PAGE_CACHE_REDIS_URL or REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "portal.cache.RedisCache",
        "LOCATION": PAGE_CACHE_REDIS_URL or REDIS_URL,
        "KEY_PREFIX": "pages",
        "OPTIONS": REDIS_OPTIONS,
    }
elif DEBUG or TESTING:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
else:
    # Its own table, culled on its own: a full page table never pushes out a rate-limit counter.
    CACHES["pages"] = {
        "BACKEND": "portal.cache.DatabaseCache",
        "LOCATION": "spre_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
# Whole-page cache for anonymous visitors (common.pagecache); PAGE_CACHE=0 switches it off. Off in the test suite,
# whose tests read response.context (tests/portal/test_page_cache.py switches it on).
PAGE_CACHE = env_bool("PAGE_CACHE", not TESTING)
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "600"))  # seconds; changes invalidate at once (site_changed)
# From this many listed projects the project list reads its facet counts from the tally (projects/facets.py).
FACET_TABLE_FROM = int(env("FACET_TABLE_FROM", "2000"))
RATELIMIT_FAIL_OPEN = True  # django-ratelimit: a cache error lets the request through (see portal.cache)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.validators.NorwegianCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: email is the login; verification is mandatory; rate limits and lockout built in.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True  # a mail when the password or the email address changes
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Spre] "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {"signup": "accounts.signup.PortalSignupForm"}
ACCOUNT_RATE_LIMITS = {
    # allauth's format: "<count>/<period><unit>/<key>"; login_failed also locks the account out.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}

# Email: every message is queued in the database (the outbox app) in the same transaction as the change it
# tells about, and sent by `manage.py send_queued_mail --loop` (a worker; see README) with retries, so a mail
# server outage never turns into an error page and loses nothing. The worker sends through
# OUTBOX_DELIVERY_BACKEND: SMTP in production, the console in development, where the queue is also drained
# in-process right after each commit (OUTBOX_SEND_ON_COMMIT), so mail appears at once without a worker.
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
OUTBOX_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
OUTBOX_SEND_ON_COMMIT = env_bool("OUTBOX_SEND_ON_COMMIT", DEBUG)
OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "20"))  # 1, 2, 4 … minutes, then hourly: about 14 hours
OUTBOX_RETRY_DELAY = int(env("OUTBOX_RETRY_DELAY", "60"))  # seconds before the first retry, doubling
OUTBOX_MAX_RETRY_DELAY = int(env("OUTBOX_MAX_RETRY_DELAY", "3600"))
OUTBOX_KEEP_SENT_DAYS = int(env("OUTBOX_KEEP_SENT_DAYS", "14"))  # sent mail holds sign-in links: not kept long
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))  # seconds; a hanging mail server must not hang the worker
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Spre <ikke-svar@spre.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env("CONTACT_EMAIL", "spre@ks.no")

# Language: Norwegian Bokmål first, English second.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]  # Norwegian dates: "17. aug. 2019", "jan. 2019"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# Static files: our own in static/, Designsystemet straight from node_modules (installed by npm ci).
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/designsystemet-css", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist" / "src"),
    ("vendor/designsystemet-theme", NODE_MODULES / "@digdir" / "designsystemet-theme" / "src" / "themes"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The manifest storage also in development (in DEBUG it serves unhashed names and needs no manifest), so
    # `collectstatic` writes the manifest production needs whatever DEBUG says. Tests never run collectstatic.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

# Security: strict by default; relaxed only for local HTTP development and the test suite.
HTTPS = env_bool("HTTPS", not (DEBUG or TESTING))
SECURE_SSL_REDIRECT = HTTPS
# Behind a TLS-terminating proxy that sets (and overwrites) X-Forwarded-Proto, set TRUST_PROXY_HEADERS=1.
# Off by default: otherwise any client could claim HTTPS by sending the header itself.
TRUST_PROXY_HEADERS = env_bool("TRUST_PROXY_HEADERS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_PROXY_HEADERS else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
# Sessions are read from the cache (Redis) and written through to the database: a signed-in page costs no
# session query, and a session outlives a cache flush or outage (portal.cache fails open to the database).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The open-data API (api/): anonymous and read-only; any origin may read it (GET), nobody sends credentials.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NUM_PROXIES": 1 if TRUST_PROXY_HEADERS else 0,  # the client address behind the proxy, for throttling
}
API_THROTTLE_RATE = env("API_THROTTLE_RATE", "120/min")  # per client address; then 429 with Retry-After
SPECTACULAR_SETTINGS = {
    "TITLE": "Spre API",
    "DESCRIPTION": "Read-only open data from Spre: published innovation projects, organisations, vocabularies.",
    "VERSION": "1.0.0",
    "LICENSE": {"name": "NLOD 2.0", "url": "https://data.norge.no/nlod/no/2.0"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link", "Retry-After"]

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
