from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.pagecache import fresh_form_tokens, user_fragment_version
from common.ratelimits import limit_posts
from municipalities.models import Organisation
from projects.models import Project, Term

from . import services
from .context_processors import unread_count
from .forms import PreferencesForm, defaults_text
from .models import Follow, Kind, Notification
from .services import mark_read


@login_required
@fresh_form_tokens
def notification_list(request):
    """The user's notifications, newest first. Cached for them until one is created or read (`user_changed`); the
    page of rows is read only when the cached HTML is missing, and the forms get this browser's token."""
    rows = Notification.objects.for_user(request.user).select_related("actor").order_by("-created_at", "-pk")
    context = {
        "page": SimpleLazyObject(lambda: Paginator(rows, 30).get_page(request.GET.get("page"))),
        "unread": unread_count(request.user),
        "list_cache": user_fragment_version(request, [request.GET.get("page", "")]),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def mark_all_read(request):
    count = mark_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
@require_POST
def open_notification(request, pk):
    """Mark one notification read and go to what it is about (a POST, so reading state changes only by intent)."""
    notification = Notification.objects.for_user(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(target)


@login_required
def preferences(request):
    """How often each kind of notification is emailed: immediately, daily or weekly digest, or off."""
    form = PreferencesForm(request.POST or None, initial_choices=services.preferences_of(request.user))
    if form.is_valid():
        services.set_preferences(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "defaults": defaults_text()})


@csrf_exempt  # the signed token is the authority; mail clients post here without a session (RFC 8058)
@limit_posts("30/h")
def unsubscribe(request, token):
    """One-click unsubscribe from the kinds in a signed link, without logging in. GET asks (link checkers in
    mail systems open links); POST, from the page or from the mail client's one-click button, does it."""
    found = services.read_unsubscribe_token(token)
    if found is None:
        raise Http404
    user, kinds = found
    labels = [Kind(kind).label for kind in kinds]
    if request.method == "POST":
        services.unsubscribe(user=user, kinds=kinds)
        return render(request, "notifications/unsubscribe.html", {"labels": labels, "done": True})
    return render(request, "notifications/unsubscribe.html", {"labels": labels, "done": False})


def _posted_id(request) -> int:
    try:
        return int(request.POST.get("id", ""))
    except ValueError:
        raise Http404 from None


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
@limit_posts("120/h")
def follow(request):
    """Follow (or, with unfollow, stop following) a project, an organisation, a service area or a search."""
    target = request.POST.get("target", "")
    user = request.user
    obj, search = None, ""
    if target == Follow.Target.PROJECT:
        obj = get_object_or_404(Project.objects.visible_to(user), pk=_posted_id(request))
        fallback = obj.get_absolute_url()
    elif target == Follow.Target.ORGANISATION:
        obj = get_object_or_404(Organisation, pk=_posted_id(request))
        fallback = obj.get_absolute_url()
    elif target == Follow.Target.SERVICE_AREA:
        obj = get_object_or_404(Term, vocabulary=Term.Vocabulary.SERVICE_AREA, pk=_posted_id(request))
        fallback = f"{reverse('projects:list')}?service_area={obj.slug}"
    elif target == Follow.Target.SEARCH:
        search = services.normalise_search(request.POST.get("search", ""))
        fallback = f"{reverse('projects:list')}?{search}"
        if not search:
            messages.error(request, _("Choose at least one filter or search word before you follow the search."))
            return redirect("projects:list")
    else:
        raise Http404
    label = services.describe_follow(target, obj, search)
    if "unfollow" in request.POST:
        services.unfollow_target(user=user, target=target, obj=obj, search=search)
        messages.success(request, _("You no longer follow %(what)s.") % {"what": label})
    else:
        services.follow(user=user, target=target, obj=obj, search=search)
        messages.success(
            request,
            _("You follow %(what)s. You get a weekly digest unless you choose otherwise under notifications.")
            % {"what": label},
        )
    return _back(request, fallback)


@login_required
@require_POST
def unfollow(request, pk):
    follow = get_object_or_404(Follow.objects.of(request.user), pk=pk)
    label = follow.label
    services.unfollow(follow=follow)
    messages.success(request, _("You no longer follow %(what)s.") % {"what": label})
    return _back(request, "accounts:dashboard")
