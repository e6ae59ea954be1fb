from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from common.pagecache import fresh_form_tokens, site_changed, user_fragment_version
from common.ratelimits import limit_posts
from municipalities.models import Membership, Organisation

from .forms import DeleteAccountForm, ProfileForm
from .services import delete_account, organisations_losing_their_admin


@login_required
@fresh_form_tokens
def dashboard(request):
    """Mine sider: my organisations, and requests waiting for my decision. Cached for this user until the site
    changes (memberships and reports are logged) or they do (follows); the forms get this browser's token."""
    user = request.user
    memberships = user.memberships.select_related("organisation__county").order_by("organisation__name")
    context = {
        "memberships": memberships,  # querysets: read only when the cached HTML is missing
        "awaiting": Membership.objects.awaiting_decision_by(user)
        .select_related("user", "organisation")
        .order_by("created_at")[:50],
        "awaiting_roles": Membership.objects.role_requests_awaiting_decision_by(user)
        .select_related("user", "organisation")
        .order_by("role_requested_at")[:50],
        "administered": SimpleLazyObject(
            lambda: (
                Organisation.objects.administered_by(user).order_by("name")
                if not user.is_curator
                else Organisation.objects.none()
            )
        ),
        "role_choices": Membership.Role.choices,
        "dashboard_cache": user_fragment_version(request, []),
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if form.is_valid():
        form.save()
        site_changed()  # the name shows on pages cached for others (members, comments, requests)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    memberships = request.user.memberships.approved().select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})


@login_required
@limit_posts("5/15m")  # the password check must not be a way to guess passwords
def account_delete(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if form.is_valid():
        delete_account(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    context = {"form": form, "successions": organisations_losing_their_admin(request.user)}
    return render(request, "accounts/account_delete.html", context)
