from django import template
from django.utils.safestring import mark_safe

from ..richtext import sanitize

register = template.Library()


@register.filter
def richtext(value):
    """Render a rich text field: sanitised again on the way out, whatever is stored."""
    return mark_safe(sanitize(value))  # noqa: S308 - sanitize() leaves only the safe subset


@register.inclusion_tag("projects/_organisation_projects.html", takes_context=True)
def organisation_projects(context, organisation, limit: int = 10):
    """The projects section of an organisation's page. The page belongs to municipalities, which does not
    import projects: the template composes the two (see ARCHITECTURE.md)."""
    from ..models import Project

    projects = (
        Project.objects.visible_to(context["request"].user)
        .owned_by_organisations([organisation.pk])
        .select_related("owner")
        .prefetch_related("service_areas", "awards")  # awards: the curation app's badges on the cards
        .order_by("-published_at", "-updated_at")
    )
    return {"organisation": organisation, "projects": list(projects[:limit]), "project_count": projects.count()}


@register.inclusion_tag("projects/_similar_municipalities.html")
def similar_municipalities(organisation, limit: int = 6):
    """«Kommuner som ligner»: municipalities like this one and how many projects each has shared (two queries)."""
    from django.db.models import Count

    from municipalities.similarity import similar_municipalities as similar

    from ..models import Project

    municipalities = similar(organisation, limit=limit)
    counts = dict(
        Project.objects.published()
        .filter(owner__in=municipalities)
        .values_list("owner_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for municipality in municipalities:
        municipality.project_count = counts.get(municipality.pk, 0)
    sharing = [m for m in municipalities if m.project_count]
    return {"organisation": organisation, "municipalities": municipalities, "sharing": sharing}
