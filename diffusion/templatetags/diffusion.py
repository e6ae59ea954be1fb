"""The diffusion sections of pages that belong to other apps: the project page (projects) and the organisation
page (municipalities). Those apps do not import diffusion; their templates compose it (see ARCHITECTURE.md)."""

import datetime
from collections import Counter

from django import template
from django.db.models import Q

from common.pagecache import cached_fragment
from municipalities.models import Organisation, visibility_key
from projects.models import CARD_FIELDS, Project, listed_condition

from ..models import Adoption
from ..spread import ROGERS_LABEL, ancestors, category, curve, lineage, population, ranked

register = template.Library()

ADOPTERS_SHOWN = 50
TYPICAL_FROM = 100


@register.inclusion_tag("diffusion/_project_diffusion.html", takes_context=True)
def project_diffusion(context, project):
    """Adopters by status, the adopter list, where it came from, the lineage tree, the curve, experiences, and
    the buttons to copy it or declare an adoption. A fixed number of queries, however many adopters."""
    request = context["request"]
    user = request.user
    adoptions = project.adoptions.select_related("organisation", "organisation__county")
    counted = adoptions.counted()

    def shared() -> dict:
        """What everyone sees: cached until the site changes (adoptions are logged)."""
        by_status = adoptions.status_counts()
        shown = list(counted.order_by("started_on", "pk")[:ADOPTERS_SHOWN])
        spread = curve(project) if project.is_listed else None
        categories = {p["adoption"].pk: p["adoption"].category_label for p in spread.points} if spread else {}
        for adoption in shown:
            adoption.category_label = categories.get(adoption.pk, "")
        reports = list(
            adoptions.exclude(changed="", learned="", reported_at__isnull=True)
            .prefetch_related("benefits")
            .order_by("-reported_at", "-pk")[:10]
        )
        count = counted.count()
        return {
            "count": count,
            "by_status": [(Adoption.Status(value).label, by_status.get(value, 0)) for value in Adoption.ACTIVE],
            "ended": by_status.get(Adoption.Status.ENDED, 0),
            "withdrawn": by_status.get(Adoption.Status.WITHDRAWN, 0),
            "adopters": shown,
            "more_adopters": max(count - len(shown), 0),
            "curve": spread,
            "reports": reports,
        }

    def family() -> tuple:
        parents = ancestors(project, user)
        return parents, lineage(project, user, parents=parents)

    # Where it came from and its copies: what the user may see of them, shared by everyone who sees the same drafts.
    parents, tree = cached_fragment("project-lineage", [project.pk, *visibility_key(user)], family)
    member_orgs = Organisation.objects.member_of(user) if user.is_authenticated else Organisation.objects.none()
    own_adoptions = list(adoptions.filter(organisation__in=member_orgs)) if user.is_authenticated else []
    is_owner_member = user.is_authenticated and member_orgs.filter(pk__in=project.owner_ids()).exists()
    can_confirm = project.can_edit(user)
    unconfirmed = counted.filter(confirmation=Adoption.Confirmation.PENDING).count() if can_confirm else 0
    return {
        "request": request,
        "user": user,
        "project": project,
        **cached_fragment("project-diffusion", [project.pk, project.state], shared),
        "parents": parents,
        "tree": tree,
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


def _most_adopted(counts: Counter, limit: int) -> list[Project]:
    """The `limit` projects with the most adoptions, the newest first among equals, each with `adoption_count`."""
    chosen = sorted(counts, key=lambda pk: (-counts[pk], -pk))[:limit]
    by_pk = Project.objects.select_related("owner").only(*CARD_FIELDS, "owner").in_bulk(chosen)
    projects = [by_pk[pk] for pk in chosen if pk in by_pk]
    for project in projects:
        project.adoption_count = counts[project.pk]
    return projects


@register.inclusion_tag("diffusion/_organisation_diffusion.html", takes_context=True)
def organisation_diffusion(context, organisation, limit: int = 10):
    """What the organisation has shared and others took into use, what it adopted and from whom, and its
    typical place among Rogers' adopter categories. One query when there is nothing to show."""
    empty = {"organisation": organisation, "shared": [], "adopted": [], "from_us": []}
    counted = Adoption.objects.counted()
    involved = Q(organisation=organisation) | Q(source__owner=organisation) | Q(source__co_owners=organisation)
    if not counted.filter(involved).exists():
        return empty
    user = context["request"].user
    # Visible sources as a condition on the joined project, not `IN` the ids of every listed project.
    if not user.is_authenticated:
        counted = counted.filter(listed_condition("source__"))
    elif not user.is_curator:
        own = Project.objects.of_user_organisations(user)
        counted = counted.filter(listed_condition("source__") | Q(source__in=own))
    adopted = counted.filter(organisation=organisation).select_related("source", "source__owner")
    adopted_list = list(adopted.order_by("-started_on", "-pk")[:limit])
    # The adoptions of its projects, read once as short rows: the latest, their number and the most adopted
    # projects come from them (a large organisation's thousands are then not joined and sorted three times).
    # Owned and co-owned apart: each condition then has an index (`owner_id = … OR id IN (…)` has none).
    co_owned = Project.co_owners.through.objects.filter(organisation_id=organisation.pk).values("project_id")
    fields = ("pk", "source_id", "started_on")
    rows = list(counted.filter(source__owner_id=organisation.pk).values_list(*fields))
    rows += counted.filter(source_id__in=co_owned).exclude(source__owner_id=organisation.pk).values_list(*fields)
    rows.sort(key=lambda row: (row[2] is None, row[2] or datetime.date.min, row[0]), reverse=True)  # nulls first
    latest = Adoption.objects.select_related("source", "organisation").in_bulk([row[0] for row in rows[:limit]])
    from_us_list = [latest[row[0]] for row in rows[:limit]]
    shared = _most_adopted(Counter(row[1] for row in rows), limit)
    typical = None
    if adopted_list:
        total = population()
        # Its usual place among the adopters, from its latest TYPICAL_FROM confirmed adoptions (bounded work).
        latest = adopted.confirmed().select_related(None).order_by("-started_on", "-pk")[:TYPICAL_FROM]
        positions = Counter(
            category(row.order, total) for row in ranked(latest).only("pk", "source", "started_on") if row.order
        )
        typical = ROGERS_LABEL[positions.most_common(1)[0][0]] if positions else None
    return {
        **empty,
        "adopted": adopted_list,
        "adopted_count": adopted.count() if len(adopted_list) == limit else len(adopted_list),
        "from_us": from_us_list,
        "from_us_count": len(rows),
        "shared": shared,
        "typical": typical,
    }
