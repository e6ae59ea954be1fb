"""The diffusion sections of pages that belong to other apps: the project page (projects) and the organisation
page (municipalities). Those apps do not import diffusion; their templates compose it (see ARCHITECTURE.md)."""

from collections import Counter

from django import template
from django.db.models import Q

from municipalities.models import Organisation
from projects.models import Project

from ..models import Adoption
from ..spread import ROGERS_LABEL, ancestors, category, curve, lineage, population, ranked

register = template.Library()

ADOPTERS_SHOWN = 50


@register.inclusion_tag("diffusion/_project_diffusion.html", takes_context=True)
def project_diffusion(context, project):
    """Adopters by status, the adopter list, where it came from, the lineage tree, the curve, experiences, and
    the buttons to copy it or declare an adoption. A fixed number of queries, however many adopters."""
    request = context["request"]
    user = request.user
    adoptions = project.adoptions.select_related("organisation", "organisation__county")
    counted = adoptions.counted()
    by_status = adoptions.status_counts()
    parents = ancestors(project, user)
    tree = lineage(project, user, parents=parents)
    shown = list(counted.order_by("started_on", "pk")[:ADOPTERS_SHOWN])
    spread = curve(project) if project.is_listed else None
    categories = {point["adoption"].pk: point["adoption"].category_label for point in spread.points} if spread else {}
    for adoption in shown:
        adoption.category_label = categories.get(adoption.pk, "")
    reports = list(
        adoptions.exclude(changed="", learned="", reported_at__isnull=True)
        .prefetch_related("benefits")
        .order_by("-reported_at", "-pk")[:10]
    )
    member_orgs = Organisation.objects.member_of(user) if user.is_authenticated else Organisation.objects.none()
    own_adoptions = list(adoptions.filter(organisation__in=member_orgs)) if user.is_authenticated else []
    is_owner_member = user.is_authenticated and member_orgs.filter(pk__in=project.owner_ids()).exists()
    can_confirm = project.can_edit(user)
    unconfirmed = counted.filter(confirmation=Adoption.Confirmation.PENDING).count() if can_confirm else 0
    return {
        "request": request,
        "user": user,
        "project": project,
        "count": counted.count(),
        "by_status": [(Adoption.Status(value).label, by_status.get(value, 0)) for value in Adoption.ACTIVE],
        "ended": by_status.get(Adoption.Status.ENDED, 0),
        "withdrawn": by_status.get(Adoption.Status.WITHDRAWN, 0),
        "adopters": shown,
        "more_adopters": max(counted.count() - len(shown), 0),
        "parents": parents,
        "tree": tree,
        "curve": spread,
        "reports": reports,
        "own_adoptions": own_adoptions,
        "can_copy": project.is_published and user.is_authenticated and not is_owner_member,
        "can_declare": project.is_published and not is_owner_member,
        "can_confirm": can_confirm,
        "unconfirmed": unconfirmed,
    }


@register.inclusion_tag("diffusion/_lineage_node.html")
def lineage_node(node):
    """One node of the lineage tree and, recursively, its copies (nested lists)."""
    return {"node": node}


@register.inclusion_tag("diffusion/_organisation_diffusion.html", takes_context=True)
def organisation_diffusion(context, organisation, limit: int = 10):
    """What the organisation has shared and others took into use, what it adopted and from whom, and its
    typical place among Rogers' adopter categories. One query when there is nothing to show."""
    empty = {"organisation": organisation, "shared": [], "adopted": [], "from_us": []}
    counted = Adoption.objects.counted()
    involved = Q(organisation=organisation) | Q(source__owner=organisation) | Q(source__co_owners=organisation)
    if not counted.filter(involved).exists():
        return empty
    owned = Project.objects.owned_by_organisations([organisation.pk])
    visible = Project.objects.visible_to(context["request"].user)
    counted = counted.filter(source__in=visible)
    adopted = counted.filter(organisation=organisation).select_related("source", "source__owner")
    from_us = counted.filter(source__in=owned).select_related("source", "organisation").order_by("-started_on", "-pk")
    shared = owned.listed().with_adoption_count().filter(adoption_count__gt=0).order_by("-adoption_count", "title")
    adopted_list = list(adopted.order_by("-started_on", "-pk")[:limit])
    from_us_list = list(from_us[:limit])
    typical = None
    if adopted_list:
        total = population()
        positions = Counter(
            category(row.order, total)
            for row in ranked(adopted.confirmed()).only("pk", "source", "started_on")
            if row.order
        )
        typical = ROGERS_LABEL[positions.most_common(1)[0][0]] if positions else None
    return {
        **empty,
        "adopted": adopted_list,
        "adopted_count": adopted.count() if len(adopted_list) == limit else len(adopted_list),
        "from_us": from_us_list,
        "from_us_count": from_us.count() if len(from_us_list) == limit else len(from_us_list),
        "shared": list(shared[:limit]),
        "typical": typical,
    }
