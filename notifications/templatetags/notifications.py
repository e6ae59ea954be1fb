"""Follow buttons and the list of what one follows, for pages of other apps (projects, municipalities, accounts),
which do not import notifications: the templates compose them (see ARCHITECTURE.md)."""

from django import template
from django.urls import reverse

from common.pagecache import cached_for_user
from municipalities.models import Organisation
from projects.models import Project, Term

from ..models import Follow
from ..services import normalise_search

register = template.Library()


def _target(obj) -> str:
    if isinstance(obj, Project):
        return Follow.Target.PROJECT
    if isinstance(obj, Organisation):
        return Follow.Target.ORGANISATION
    if isinstance(obj, Term) and obj.vocabulary == Term.Vocabulary.SERVICE_AREA:
        return Follow.Target.SERVICE_AREA
    raise TypeError(f"Cannot follow {obj!r}")


def followed(user) -> dict[str, set]:
    """What the user follows, by target: ids (searches: the normalised query). Cached for them until they follow
    or stop following something (`services.follow` and `unfollow` call `user_changed`)."""

    def read() -> dict[str, set]:
        found: dict[str, set] = {}
        for target, project, organisation, area, search in Follow.objects.filter(user=user).values_list(
            "target", "project_id", "organisation_id", "service_area_id", "search"
        ):
            value = {"project": project, "organisation": organisation, "service_area": area}.get(target, search)
            found.setdefault(target, set()).add(value)
        return found

    return cached_for_user("followed", user, [], read)


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context, obj):
    """Follow or stop following a project, an organisation or a service area: one button, a plain form."""
    request = context["request"]
    target = _target(obj)
    following = request.user.is_authenticated and obj.pk in followed(request.user).get(target, ())
    return {
        "request": request,
        "user": request.user,
        "obj": obj,
        "target": target,
        "following": following,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("notifications/_follow_search_form.html", takes_context=True)
def follow_search_form(context):
    """The (empty) form the follow-search button posts; it stands outside the project list's filter form."""
    return {"csrf_token": context.get("csrf_token"), "user": context["request"].user}


@register.inclusion_tag("notifications/_follow_search_button.html", takes_context=True)
def follow_search_button(context):
    """Follow the project list as filtered now. Its fields belong to the follow-search form (form="…"), so they
    sit inside the filter form, are re-rendered with it when htmx updates the results, and are never sent with it.
    A search that is exactly one service area is followed as that service area."""
    request = context["request"]
    search = normalise_search(request.GET.urlencode())
    area = None
    if search.startswith("service_area=") and "&" not in search:
        area = Term.objects.filter(
            vocabulary=Term.Vocabulary.SERVICE_AREA, slug=request.GET.get("service_area")
        ).first()
    following = False
    if request.user.is_authenticated and search:
        mine = followed(request.user)
        following = (
            area.pk in mine.get(Follow.Target.SERVICE_AREA, ())
            if area
            else search in mine.get(Follow.Target.SEARCH, ())
        )
    return {
        "user": request.user,
        "search": search,
        "area": area,
        "following": following,
        "next": f"{reverse('projects:list')}?{search}" if search else reverse("projects:list"),
    }


@register.inclusion_tag("notifications/_following.html", takes_context=True)
def following_list(context):
    """«Mine sider»: what the user follows, each with a button to stop."""
    request = context["request"]
    follows = Follow.objects.of(request.user).select_related("project", "organisation", "service_area")
    return {"follows": list(follows[:200]), "csrf_token": context.get("csrf_token"), "request": request}
