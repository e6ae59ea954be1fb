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
    from ..facets import listed_with
    from ..models import Project, attach_adoption_counts

    visible = Project.objects.visible_to(context["request"].user)
    order = ["-published_at", "-updated_at", "-pk"]
    # Owned and co-owned read apart, each from its own index and cut at `limit`, then merged: one query with
    # `owner_id = … OR id IN (…)` must sort all of a large organisation's projects to find the newest ten.
    # The co-owned ones as a short list of ids (none: no query for them), or by a subquery when there are many:
    # thousands of ids as parameters cost more to send than the subquery costs to run.
    through = Project.co_owners.through.objects.filter(organisation_id=organisation.pk)
    co_owned = list(through.values_list("project_id", flat=True)[: CO_OWNED_AS_LIST + 1])
    if len(co_owned) > CO_OWNED_AS_LIST:
        co_owned = through.values("project_id")
    owned = visible.filter(owner_id=organisation.pk)
    shared = visible.filter(pk__in=co_owned).exclude(owner_id=organisation.pk)
    rows = [*owned.for_cards().order_by(*order)[:limit], *shared.for_cards().order_by(*order)[:limit]]
    rows.sort(key=_newest_first)
    # Anyone's count is the tally's for a large catalogue (projects/facets.py); members also see their drafts.
    count = None if context["request"].user.is_authenticated else listed_with(f"owner:{organisation.pk}")
    if count is None:
        count = owned.count() + (shared.count() if co_owned else 0)
    return {"organisation": organisation, "projects": attach_adoption_counts(rows[:limit]), "project_count": count}


CO_OWNED_AS_LIST = 200


def _newest_first(project):
    """The list page's order (-published_at, -updated_at, -pk), nulls (drafts) first as PostgreSQL sorts them."""
    published = project.published_at.timestamp() if project.published_at else float("inf")
    return (-published, -project.updated_at.timestamp(), -project.pk)


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
