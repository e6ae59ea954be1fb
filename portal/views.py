import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from municipalities.models import County, Organisation
from projects.models import Project

logger = logging.getLogger(__name__)


def home(request):
    published = Project.objects.published()
    context = {
        "municipality_count": Organisation.objects.registry().municipalities().active().count(),
        "county_count": County.objects.count(),
        "project_count": published.count(),
        "organisation_count": published.values("owner").distinct().count(),
        "recent_projects": published.select_related("owner")
        .prefetch_related("service_areas")
        .order_by("-published_at", "-pk")[:6],
        "can_register": request.user.is_authenticated and Organisation.objects.editable_by(request.user).exists(),
    }
    return render(request, "portal/home.html", context)


def about(request):
    return render(request, "portal/about.html")


def about_data(request):
    return render(request, "portal/about_data.html")


def accessibility(request):
    return render(request, "portal/accessibility.html")


def privacy(request):
    return render(request, "portal/privacy.html")


def contact(request):
    return render(request, "portal/contact.html", {"contact_email": settings.CONTACT_EMAIL})


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
