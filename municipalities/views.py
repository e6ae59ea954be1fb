from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from activity.models import Activity
from common.pagecache import fragment_version, public_page
from common.ratelimits import limit_posts

from . import services
from .filters import OrganisationFilter
from .forms import DecisionForm, EmailDomainForm, MembershipRequestForm, RoleForm, RoleRequestForm
from .models import County, EmailDomain, Membership, Organisation, visibility_key
from .registry import resolve


def get_organisation(kind: str, number: str) -> Organisation:
    """The organisation of that kind and number, or 404."""
    return get_object_or_404(Organisation.objects.select_related("county"), kind=kind, number=number)


def get_organisation_for_admin(request, kind: str, number: str) -> Organisation:
    """404 for an unknown organisation, 403 for those who may see it but not administer it."""
    organisation = get_organisation(kind, number)
    if not organisation.can_administer(request.user):
        raise PermissionDenied
    return organisation


def get_membership_for_change(request, pk: int) -> Membership:
    """A membership the user administers, or their own; any other is 404."""
    user = request.user
    scope = Membership.objects.filter(
        Q(user=user) | Q(organisation__in=Organisation.objects.administered_by(user))
    ).select_related("user", "organisation")
    return get_object_or_404(scope, pk=pk)


def _decision(request, pk: int):
    """A request the user may decide (404 if invisible, 403 if not theirs to decide) and the valid decision
    form, or None for the form with a message when no decision was chosen."""
    membership = get_membership_for_change(request, pk)
    if not membership.organisation.can_administer(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or reject the request."))
        return membership, None
    return membership, form


def _redirect_back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@vary_on_headers("HX-Request")  # the whole page, or the filtered groups for htmx
@public_page
def organisation_list(request):
    """All municipalities and county authorities, grouped by county, with a filter box."""
    organisations = Organisation.objects.registry().active().select_related("county").with_member_count()
    filterset = OrganisationFilter(request.GET or None, queryset=organisations)
    shown = filterset.qs.order_by("kind", "name")  # the county authority first, then its municipalities
    groups = [
        county
        for county in County.objects.prefetch_related(Prefetch("organisations", queryset=shown, to_attr="shown"))
        if county.shown
    ]
    query = filterset.form.cleaned_data.get("q", "") if filterset.is_bound and filterset.is_valid() else ""
    # A number or name that is no longer current (for example from 2018) is explained, not just "no hits".
    resolution = resolve(query) if query else None
    if resolution and not resolution.former:
        resolution = None
    context = {
        "filter": filterset,
        "groups": groups,
        "count": sum(len(county.shown) for county in groups),
        "resolution": resolution,
        "demo_organisations": Organisation.objects.filter(is_demo=True).order_by("name"),
    }
    if request.htmx:
        return render(request, "municipalities/_organisation_groups.html", context)
    return render(request, "municipalities/organisation_list.html", context)


def municipality_lookup(request, number):
    """/kommuner/1507/ or any number used since 2017: go to today's municipality, or explain a split."""
    resolution = resolve(number)
    if not resolution.found:
        raise Http404
    if len(resolution.organisations) == 1 and not resolution.is_split:
        return redirect(resolution.organisations[0], permanent=True)
    return render(request, "municipalities/municipality_resolution.html", {"resolution": resolution})


@public_page
def organisation_detail(request, kind, number, slug):
    try:
        organisation = get_organisation(kind, number)
    except Http404:
        if kind == Organisation.Kind.MUNICIPALITY:
            return municipality_lookup(request, number)
        raise
    if slug != organisation.slug:
        return redirect(organisation, permanent=True)
    # One query for both: how many members, and whether anyone of them decides on requests.
    counts = organisation.memberships.approved().aggregate(
        members=Count("pk"), admins=Count("pk", filter=Q(role=Membership.Role.ADMIN))
    )
    membership = organisation.membership_for(request.user)
    context = {
        "organisation": organisation,
        # The sections below the header (projects, diffusion, similar and neighbouring municipalities, former codes)
        # are the same for everyone who may see the same drafts: cached per visibility, read only when missing.
        "sections_cache": fragment_version([organisation.pk, *visibility_key(request.user)]),
        "membership": membership,
        "member_count": counts["members"],
        "can_administer": organisation.can_administer(request.user, membership=membership),
        "has_admin": counts["admins"] > 0,
        "former_codes": organisation.former_codes.all() if organisation.is_municipality else [],  # lazy querysets
        "county_municipalities": (
            None
            if organisation.is_municipality
            else organisation.county.organisations.municipalities().active().order_by("name")
        ),
    }
    return render(request, "municipalities/organisation_detail.html", context)


@login_required
@limit_posts("20/h")
def membership_request(request, kind, number, slug):
    organisation = get_organisation(kind, number)
    if not organisation.is_active:
        raise Http404
    existing = organisation.membership_for(request.user)
    if existing and not existing.is_refused:
        messages.info(request, _("You have already asked to join %(org)s.") % {"org": organisation})
        return redirect(organisation)
    form = MembershipRequestForm(request.POST or None)
    if form.is_valid():
        membership = services.request_membership(
            user=request.user,
            organisation=organisation,
            message=form.cleaned_data["message"],
            role=form.cleaned_data["role"],
        )
        if membership.is_approved:
            messages.success(request, _("Welcome! You are now a member of %(org)s.") % {"org": organisation})
        elif organisation.has_admin:
            messages.success(
                request,
                _(
                    "Your request to join %(org)s has been sent to its administrators. You will get an email when "
                    "it has been decided."
                )
                % {"org": organisation},
            )
        else:
            messages.success(
                request,
                _(
                    "Your request to join %(org)s has been sent to the curators of Spre, since the organisation has "
                    "no administrator. You will get an email when it has been decided."
                )
                % {"org": organisation},
            )
        return redirect("accounts:dashboard")
    context = {"organisation": organisation, "form": form, "has_admin": organisation.has_admin}
    return render(request, "municipalities/membership_request.html", context)


@login_required
@limit_posts("20/h")
def role_request(request, kind, number, slug):
    """An approved member asks for the editor or administrator role, with a reason."""
    organisation = get_organisation(kind, number)
    membership = organisation.membership_for(request.user)
    if membership is None or membership.is_refused:
        return redirect(organisation.join_url)
    if not membership.is_approved:
        messages.info(request, _("Your request to join %(org)s has not been decided yet.") % {"org": organisation})
        return redirect(organisation)
    if membership.role == Membership.Role.ADMIN:
        messages.info(request, _("You administer %(org)s and can change your own role.") % {"org": organisation})
        return redirect(organisation.members_url)
    form = RoleRequestForm(request.POST or None, membership=membership)
    if form.is_valid():
        try:
            services.request_role(
                membership=membership,
                role=form.cleaned_data["role"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your request for the role «%(role)s» has been sent. You will get an email when it has been decided.")
                % {"role": Membership.Role(membership.requested_role).label},
            )
            return redirect("accounts:dashboard")
    context = {
        "organisation": organisation,
        "membership": membership,
        "form": form,
        "has_admin": organisation.has_admin,
    }
    return render(request, "municipalities/role_request.html", context)


@login_required
@require_POST
def role_request_decide(request, pk):
    membership, form = _decision(request, pk)
    organisation = membership.organisation
    if form is None:
        return _redirect_back(request, organisation.members_url)
    approve = form.cleaned_data["decision"] == DecisionForm.APPROVE
    requested = membership.get_requested_role_display()
    try:
        services.decide_role_request(membership=membership, approve=approve, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if approve:
            messages.success(
                request,
                _("%(user)s now has the role «%(role)s».")
                % {"user": membership.user, "role": membership.get_role_display()},
            )
        else:
            messages.success(
                request,
                _("%(user)s did not get the role «%(role)s».") % {"user": membership.user, "role": requested},
            )
    return _redirect_back(request, organisation.members_url)


@login_required
@require_POST
def role_request_withdraw(request, pk):
    membership = get_object_or_404(request.user.memberships.select_related("organisation"), pk=pk)
    try:
        services.withdraw_role_request(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request for another role was withdrawn."))
    return _redirect_back(request, "accounts:dashboard")


def _member_list_context(organisation, domain_form=None, page_number=None):
    memberships = organisation.memberships.select_related("user", "decided_by")
    return {
        "organisation": organisation,
        "pending": memberships.pending().order_by("created_at"),
        "role_requests": memberships.role_requests().order_by("role_requested_at"),
        "page": Paginator(memberships.approved().order_by("user__full_name", "user__email"), 50).get_page(page_number),
        "refused": memberships.refused().order_by("-decided_at")[:20],
        "role_choices": Membership.Role.choices,
        "domains": organisation.email_domains.all(),
        "domain_form": domain_form or EmailDomainForm(),
    }


@login_required
def member_list(request, kind, number, slug):
    organisation = get_organisation_for_admin(request, kind, number)
    context = _member_list_context(organisation, page_number=request.GET.get("page"))
    return render(request, "municipalities/member_list.html", context)


@login_required
def organisation_activity(request, kind, number, slug):
    """The organisation's log, for its administrators and curators."""
    organisation = get_organisation_for_admin(request, kind, number)
    activities = Activity.objects.of_organisation(organisation).select_related("user")
    page = Paginator(activities, 50).get_page(request.GET.get("page"))
    return render(request, "municipalities/organisation_activity.html", {"organisation": organisation, "page": page})


@login_required
@require_POST
@limit_posts("30/h")
def email_domain_add(request, kind, number, slug):
    organisation = get_organisation_for_admin(request, kind, number)
    form = EmailDomainForm(request.POST, instance=EmailDomain(organisation=organisation))
    if form.is_valid():
        try:
            email_domain = services.add_email_domain(
                organisation=organisation, domain=form.cleaned_data["domain"], by=request.user
            )
        except ValidationError as error:
            form.add_error("domain", error)
        else:
            if email_domain.is_verified:
                messages.success(request, _("The domain %(domain)s was added.") % {"domain": email_domain.domain})
            else:
                messages.success(
                    request,
                    _(
                        "The domain %(domain)s was added. It approves members automatically once a curator has "
                        "confirmed that it is the organisation's."
                    )
                    % {"domain": email_domain.domain},
                )
            return redirect(organisation.members_url)
    context = _member_list_context(organisation, domain_form=form)
    return render(request, "municipalities/member_list.html", context, status=400)


@login_required
@require_POST
def email_domain_delete(request, kind, number, slug, pk):
    organisation = get_organisation_for_admin(request, kind, number)
    domain = get_object_or_404(organisation.email_domains, pk=pk)
    services.revoke_email_domain(email_domain=domain, by=request.user)
    messages.success(request, _("The domain %(domain)s was removed.") % {"domain": domain.domain})
    return redirect(organisation.members_url)


def require_curator(request) -> None:
    """403 for everyone but curators (the caller is already behind login_required)."""
    if not request.user.is_curator:
        raise PermissionDenied


@login_required
def curation(request):
    """The curators' queue: email domains waiting for confirmation, every verified domain, and
    organisations that have members or requests but no administrator."""
    require_curator(request)
    domains = EmailDomain.objects.select_related("organisation", "created_by").order_by("domain")
    context = {
        "pending_domains": domains.pending().order_by("created_at"),
        "verified_domains": Paginator(domains.verified(), 100).get_page(request.GET.get("page")),
        "without_admin": Organisation.objects.without_admin()
        .with_member_count()
        .annotate(pending_count=Count("memberships", filter=Q(memberships__status=Membership.Status.PENDING)))
        .order_by("name"),
        # Nobody else can decide these: requests to join, and members asking for a role (the first administrator).
        "pending_requests": Membership.objects.without_admin()
        .pending()
        .select_related("user", "organisation")
        .order_by("created_at")[:100],
        "role_requests": Membership.objects.without_admin()
        .role_requests()
        .select_related("user", "organisation")
        .order_by("role_requested_at")[:100],
        "role_choices": Membership.Role.choices,
    }
    return render(request, "municipalities/curation.html", context)


@login_required
@require_POST
def curation_domain_verify(request, pk):
    require_curator(request)
    email_domain = get_object_or_404(EmailDomain.objects.select_related("organisation"), pk=pk)
    try:
        services.verify_email_domain(email_domain=email_domain, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(domain)s is confirmed as %(org)s's domain.")
            % {"domain": email_domain.domain, "org": email_domain.organisation},
        )
    return redirect("municipalities:curation")


@login_required
@require_POST
def curation_domain_revoke(request, pk):
    require_curator(request)
    email_domain = get_object_or_404(EmailDomain.objects.select_related("organisation"), pk=pk)
    services.revoke_email_domain(email_domain=email_domain, by=request.user)
    messages.success(
        request,
        _("The domain %(domain)s was removed from %(org)s.")
        % {"domain": email_domain.domain, "org": email_domain.organisation},
    )
    return redirect("municipalities:curation")


@login_required
@require_POST
def membership_decide(request, pk):
    membership, form = _decision(request, pk)
    organisation = membership.organisation
    if form is None:
        return _redirect_back(request, organisation.members_url)
    approve = form.cleaned_data["decision"] == DecisionForm.APPROVE
    try:
        services.decide_membership(
            membership=membership, approve=approve, by=request.user, role=form.cleaned_data["role"] or None
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if approve:
            messages.success(request, _("%(user)s is now a member.") % {"user": membership.user})
        else:
            messages.success(request, _("The request from %(user)s was rejected.") % {"user": membership.user})
    return _redirect_back(request, organisation.members_url)


@login_required
@require_POST
def membership_role(request, pk):
    membership = get_membership_for_change(request, pk)
    if not membership.organisation.can_administer(request.user):
        raise PermissionDenied
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            services.change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(user)s now has the role «%(role)s».")
                % {"user": membership.user, "role": membership.get_role_display()},
            )
    return redirect(membership.organisation.members_url)


@login_required
@require_POST
def membership_remove(request, pk):
    membership = get_membership_for_change(request, pk)
    own = membership.user_id == request.user.pk
    try:
        services.remove_membership(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if own:
            messages.success(request, _("You have left %(org)s.") % {"org": membership.organisation})
        else:
            messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    return _redirect_back(request, "accounts:dashboard" if own else membership.organisation.members_url)
