import csv
import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, OperationalError, connection, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from common.pagecache import cached_fragment, fragment_version, public_page
from curation.models import Collection, Feature
from municipalities.models import County, Organisation
from opendays.models import OpenDay
from projects.models import Project, can_create_projects, editor_role_offer

from . import stats

logger = logging.getLogger(__name__)


def _registry_counts() -> dict:
    return {
        "municipality_count": Organisation.objects.registry().municipalities().active().count(),
        "county_count": County.objects.count(),
    }


@public_page
def home(request):
    """The front page: a constant number of queries whatever the data (the counts are cached)."""
    published = Project.objects.published()
    features = (
        Feature.objects.current()
        .select_related("project__owner")
        .prefetch_related("project__service_areas", "project__awards")
        .order_by("position", "pk")
    )
    # Below the hero the page is the same for everyone: one cached fragment for signed-in users too; the querysets
    # and numbers are read only when it is missing.
    context = {
        "home_cache": fragment_version(["home"]),
        "registry": SimpleLazyObject(lambda: cached_fragment("home-registry-counts", [], _registry_counts)),
        "headline": SimpleLazyObject(stats.headline_numbers),
        "features": features[:6],
        "collections": Collection.objects.published()
        .annotate(project_count=Count("items", filter=Q(items__project__state=Project.State.PUBLISHED)))
        .order_by("position", "-published_at", "pk")[:4],
        "recent_projects": published.for_cards().order_by("-published_at", "-updated_at")[:6],  # one index
        "adoptions": stats.counted_adoptions()
        .select_related("source", "organisation")
        .order_by("-created_at", "-pk")[:5],
        "open_days": OpenDay.objects.listed()
        .upcoming()
        .select_related("project__owner")
        .order_by("starts_at", "pk")[:3],
        "can_register": can_create_projects(request.user),
        "editor_role_offer": editor_role_offer(request.user),
    }
    return render(request, "portal/home.html", context)


@public_page
def about(request):
    return render(request, "portal/about.html")


@public_page
def about_data(request):
    return render(request, "portal/about_data.html")


@public_page
def accessibility(request):
    return render(request, "portal/accessibility.html")


@public_page
def privacy(request):
    return render(request, "portal/privacy.html")


@public_page
def contact(request):
    return render(request, "portal/contact.html", {"contact_email": settings.CONTACT_EMAIL})


def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's)."""
    return HttpResponseRedirect(static("img/favicon.svg"))


def _database_answers() -> bool:
    """SELECT 1, cut short after HEALTHZ_DATABASE_TIMEOUT ms on PostgreSQL (a hanging database is down)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL statement_timeout = {int(settings.HEALTHZ_DATABASE_TIMEOUT)}")
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return False
    return True


def _static_files_in_order() -> bool:
    """With the manifest storage, pages need the manifest `collectstatic` writes (and loaded at start)."""
    if settings.DEBUG or not isinstance(staticfiles_storage, ManifestFilesMixin):
        return True
    if staticfiles_storage.hashed_files and staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return True
    logger.error("Health check: no static files manifest in %s; run collectstatic", settings.STATIC_ROOT)
    return False


@never_cache
def healthz(request):
    """200 when the database answers within a few seconds and the static files are collected, else 503."""
    if not _database_answers():
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    if not _static_files_in_order():
        return HttpResponse("static files missing: run collectstatic\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500. A database that is down or timed out gets the "unavailable, try again" page with 503.

    Rendered without the request's context processors, which could need the database themselves.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.get_template(template_name).render())


# The sector's statistics


@public_page
def statistics(request):
    """/statistikk/: the sector's numbers, for everyone."""
    return render(request, "portal/statistics.html", {"tables": stats.public_tables()})


@login_required
def statistics_curators(request):
    """The curators' fuller statistics: organisations with no activity, members per organisation."""
    if not request.user.is_curator:
        raise PermissionDenied
    return render(request, "portal/statistics_curators.html", {"tables": stats.curator_tables()})


def _csv(table: stats.Table) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spre-{table.key}.csv"'
    response.write("\ufeff")  # a byte order mark, so spreadsheet programs read the letters æøå right
    writer = csv.writer(response)
    writer.writerow([str(column) for column in table.columns])
    writer.writerows(table.rows)
    return response


def statistics_csv(request, key):
    table = stats.public_table(key)
    if table is None:
        raise Http404
    return _csv(table)


@login_required
def statistics_curators_csv(request, key):
    if not request.user.is_curator:
        raise PermissionDenied
    table = next((table for table in stats.curator_tables() if table.key == key), None)
    if table is None:
        raise Http404
    return _csv(table)
