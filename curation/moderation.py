"""The curators' moderation queue: which rows need a curator's eye. Shown on the curators' page (/kurator/,
owned by municipalities) through the {% moderation_queue %} tag, so municipalities does not import curation."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from municipalities.models import Membership, Organisation
from projects.models import Project

from .models import Review

STALE_AFTER = datetime.timedelta(days=7)
NEW_FOR = datetime.timedelta(days=30)


def stale_requests(now=None):
    """Requests to join that have waited more than a week in organisations that do have an administrator
    (those without one are already in the queue of their own)."""
    now = now or timezone.now()
    return (
        Membership.objects.pending()
        .filter(created_at__lt=now - STALE_AFTER)
        .exclude(organisation__in=Organisation.objects.without_admin())
        .select_related("user", "organisation")
        .order_by("created_at")
    )


def projects_to_review(now=None):
    """Published in the last 30 days and not looked at by a curator since it was published."""
    now = now or timezone.now()
    reviewed = Review.objects.filter(project=OuterRef("pk"), reviewed_at__gte=OuterRef("published_at"))
    return (
        Project.objects.published()
        .filter(published_at__gte=now - NEW_FOR)
        .exclude(Exists(reviewed))
        .select_related("owner")
        .order_by("published_at", "pk")
    )
