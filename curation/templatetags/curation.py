from django import template
from django.conf import settings

from municipalities.models import Membership

from ..models import Collection
from ..moderation import projects_to_review, stale_requests

register = template.Library()

SHOWN = 50


@register.inclusion_tag("curation/_moderation.html", takes_context=True)
def moderation_queue(context):
    """The curation app's sections of the curators' page (municipalities' template composes them).

    Other apps add sections of their own (the conversation app: reported comments) by listing a partial in
    settings.CURATION_QUEUE_SECTIONS; each is included with this context (request, user, csrf_token) and can
    load its own inclusion tag, so curation does not import them."""
    requests, projects = stale_requests(), projects_to_review()
    return {
        "request": context["request"],
        "user": context["request"].user,
        "csrf_token": context.get("csrf_token"),
        "stale_requests": list(requests[:SHOWN]),
        "stale_count": requests.count(),
        "to_review": list(projects[:SHOWN]),
        "review_count": projects.count(),
        "role_choices": Membership.Role.choices,
        "extra_sections": getattr(settings, "CURATION_QUEUE_SECTIONS", []),
    }


@register.simple_tag
def published_collections(project):
    """The published collections a project is in (one query), for its page."""
    return list(Collection.objects.published().filter(items__project=project).order_by("title"))
