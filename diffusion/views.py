from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.pagecache import public_page
from common.ratelimits import limit_posts
from municipalities.models import Organisation
from projects.models import Project, Term

from . import services
from .filters import NetworkFilter
from .forms import (
    BenefitFormSet,
    ChangeForm,
    ConfirmForm,
    CopyForm,
    DeclareForm,
    ReportForm,
    apply_errors,
    benefit_rows,
)
from .models import Adoption
from .network import network
from .spread import ROGERS_SHARE, population


def _source(request, slug) -> Project:
    """The project if the user may see it, otherwise 404."""
    queryset = Project.objects.visible_to(request.user).select_related("owner", "owner__county")
    return get_object_or_404(queryset, slug=slug)


def _adoption(request, pk) -> Adoption:
    """The adoption if the user may see its source project, otherwise 404."""
    queryset = Adoption.objects.filter(source__in=Project.objects.visible_to(request.user)).select_related(
        "source", "source__owner", "organisation", "organisation__county", "own_project", "confirmed_by"
    )
    return get_object_or_404(queryset, pk=pk)


def _adoption_for_change(request, pk) -> Adoption:
    adoption = _adoption(request, pk)
    if not adoption.can_change(request.user):
        raise PermissionDenied
    return adoption


# Copy


@login_required
@limit_posts("30/h")
def copy(request, slug):
    """«Kopier til min kommune»: choose the organisation (when there are several), then a draft to adapt."""
    source = _source(request, slug)
    own = Organisation.objects.member_of(request.user).filter(pk__in=source.owner_ids()).exists()
    form = CopyForm(request.POST or None, user=request.user, source=source)
    refusal = None
    if not source.is_published:
        refusal = _("Only published projects can be copied.")
    elif not form.fields["organisation"].queryset.exists():
        if own and not Organisation.objects.editable_by(request.user).exclude(pk__in=source.owner_ids()).exists():
            refusal = _(
                "This project is your own organisation's. Change it, or register a new version as a new "
                "project, instead of copying it."
            )
        else:
            refusal = _(
                "Copying needs the editor or administrator role in a municipality or county authority. "
                "You can still declare that your organisation has taken it into use."
            )
    if refusal:
        context = {"source": source, "refusal": refusal, "own": own, "can_edit": source.can_edit(request.user)}
        return render(request, "diffusion/copy_refused.html", context, status=403)
    existing = None
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        existing = services.existing_copies(source=source, into=organisation).first()
        if existing is None or form.cleaned_data["again"]:
            try:
                project = services.copy_project(
                    source=source,
                    into=organisation,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    channel=form.cleaned_data["channel"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The copy is a draft of %(organisation)s. Start by saying how you adapt it, then publish it.")
                    % {"organisation": organisation},
                )
                return redirect(reverse("projects:edit", kwargs={"slug": project.slug}) + "#part-tilpasning")
        form.data = form.data.copy()
        form.data["again"] = "on"
    elif request.method == "GET" and form.fields["organisation"].queryset.count() == 1:
        # One organisation to copy into: say at once if it has a copy already.
        existing = services.existing_copies(source=source, into=form.fields["organisation"].initial).first()
        if existing is not None:
            form.initial["again"] = True
    context = {"source": source, "form": form, "existing": existing}
    return render(request, "diffusion/copy_form.html", context)


# Adoptions


@login_required
@limit_posts("30/h")
def declare(request, slug):
    """«Vi har tatt i bruk denne» / «Vi vurderer denne», without a project of one's own."""
    source = _source(request, slug)
    form = DeclareForm(request.POST or None, user=request.user, source=source)
    if not form.fields["organisation"].queryset.exists() or not source.is_published:
        context = {"source": source, "own": Organisation.objects.member_of(request.user).exists()}
        return render(request, "diffusion/declare_refused.html", context, status=403)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        existing = Adoption.objects.filter(source=source, organisation=data["organisation"]).first()
        if existing is not None and existing.is_active:
            messages.info(
                request,
                _("%(organisation)s has already declared this. Change it here.")
                % {"organisation": data["organisation"]},
            )
            return redirect("diffusion:adoption_edit", pk=existing.pk)
        try:
            adoption = services.declare_adoption(
                source=source,
                organisation=data["organisation"],
                by=request.user,
                kind=data["kind"],
                status=data["status"],
                channel=data["channel"],
                started_on=data["started_on"],
                ended_reason=data.get("ended_reason") or "",
                own_project=data.get("own_project"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you. The project's editors are told, and can confirm it."))
            return redirect(adoption)
    return render(request, "diffusion/declare_form.html", {"source": source, "form": form})


@public_page
def adoption_detail(request, pk):
    adoption = _adoption(request, pk)
    can_confirm = adoption.can_confirm(request.user)
    context = {
        "adoption": adoption,
        "source": adoption.source,
        "events": adoption.events.select_related("by", "on_behalf_of")[:50],
        "benefits": adoption.benefits.all(),
        "can_change": adoption.can_change(request.user),
        "can_confirm": can_confirm,
        "confirm_form": ConfirmForm() if can_confirm else None,
        "own_project_visible": adoption.own_project_id
        and Project.objects.visible_to(request.user).filter(pk=adoption.own_project_id).exists(),
    }
    return render(request, "diffusion/adoption_detail.html", context)


@login_required
@limit_posts("60/h")
def adoption_edit(request, pk):
    adoption = _adoption_for_change(request, pk)
    form = ChangeForm(request.POST or None, instance=adoption)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_adoption(
                adoption=adoption,
                by=request.user,
                status=data["status"],
                kind=data["kind"],
                channel=data["channel"],
                status_since=data.get("status_since"),
                started_on=data.get("started_on"),
                ended_reason=data.get("ended_reason") or "",
                own_project=data.get("own_project"),
                note=data.get("note") or "",
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The adoption was changed. The change is kept in its history."))
            return redirect("diffusion:adoption", pk=adoption.pk)
    return render(request, "diffusion/adoption_form.html", {"adoption": adoption, "form": form})


@login_required
@require_POST
@limit_posts("60/h")
def adoption_withdraw(request, pk):
    adoption = _adoption_for_change(request, pk)
    try:
        services.withdraw_adoption(adoption=adoption, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The adoption was withdrawn. It no longer counts, but stays in the history."))
    return redirect("diffusion:adoption", pk=adoption.pk)


@login_required
@require_POST
@limit_posts("60/h")
def adoption_confirm(request, pk):
    adoption = _adoption(request, pk)
    if not adoption.can_confirm(request.user):
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    if form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        services.confirm_adoption(
            adoption=adoption, by=request.user, confirm=confirm, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("Thank you. The adoption is confirmed.") if confirm else _("The adoption is disputed.")
        )
        return redirect("diffusion:adoption", pk=adoption.pk)
    context = {
        "adoption": adoption,
        "source": adoption.source,
        "events": adoption.events.select_related("by", "on_behalf_of")[:50],
        "benefits": adoption.benefits.all(),
        "can_change": adoption.can_change(request.user),
        "can_confirm": True,
        "confirm_form": form,
    }
    return render(request, "diffusion/adoption_detail.html", context, status=400)


@login_required
@limit_posts("60/h")
def adoption_report(request, pk):
    """Experiences back to the source: what we changed, what we learned, what it gave."""
    adoption = _adoption_for_change(request, pk)
    initial = {"changed": adoption.changed, "learned": adoption.learned}
    form = ReportForm(request.POST or None, initial=initial)
    rows = [
        {name: getattr(benefit, name) for name in ("id", *services.BENEFIT_FIELDS)}
        for benefit in adoption.benefits.all()
    ]
    formset = BenefitFormSet(request.POST or None, initial=rows, prefix="benefits")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.report_experiences(
                adoption=adoption,
                by=request.user,
                changed=form.cleaned_data["changed"],
                learned=form.cleaned_data["learned"],
                benefits=benefit_rows(formset),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your experiences are shown on the source project."))
            return redirect("diffusion:adoption", pk=adoption.pk)
    return render(request, "diffusion/report_form.html", {"adoption": adoption, "form": form, "formset": formset})


@public_page
def project_adoptions(request, slug):
    """Every adoption of a project, paginated, ended and withdrawn ones included (the history)."""
    source = _source(request, slug)
    adoptions = source.adoptions.select_related("organisation", "organisation__county").order_by("started_on", "pk")
    page = Paginator(adoptions, 50).get_page(request.GET.get("page"))
    return render(request, "diffusion/project_adoptions.html", {"source": source, "page": page})


# The sector-wide picture


@public_page
def overview(request):
    """/spredning/: most adopted projects, newest adoptions, by county, service area and channel, and the
    who-adopted-from-whom network. Only adoptions of published and archived projects, counted the one way."""
    counted = Adoption.objects.counted().of_listed_sources()
    top = list(counted.order_by().values("source").annotate(n=Count("pk")).order_by("-n", "source")[:10])
    projects = Project.objects.select_related("owner").in_bulk([row["source"] for row in top])
    most_adopted = [{"project": projects[row["source"]], "count": row["n"]} for row in top if row["source"] in projects]
    newest = counted.select_related("source", "source__owner", "organisation").order_by("-created_at", "-pk")[:10]
    by_county = list(
        counted.order_by()
        .values("organisation__county__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__county__name")
    )
    by_area = list(
        counted.filter(source__service_areas__vocabulary=Term.Vocabulary.SERVICE_AREA)
        .order_by()
        .values("source__service_areas__name")
        .annotate(n=Count("pk"))  # an adoption has one source, which has each term once: no DISTINCT needed
        .order_by("-n", "source__service_areas__name")
    )
    channels = dict(Adoption.Channel.choices)
    by_channel = [
        {"label": channels.get(row["channel"], row["channel"]), "n": row["n"]}
        for row in counted.order_by().values("channel").annotate(n=Count("pk")).order_by("-n", "channel")
    ]
    filterset = NetworkFilter(request.GET, queryset=counted)
    graph = network(filterset.qs)
    edges = Paginator(graph.edges, 25).get_page(request.GET.get("page"))
    totals = counted.aggregate(
        adoptions=Count("pk"),
        organisations=Count("organisation", distinct=True),
        projects=Count("source", distinct=True),
        confirmed=Count("pk", filter=Q(confirmation=Adoption.Confirmation.CONFIRMED)),
    )
    context = {
        "totals": totals,
        "confirmed": totals["confirmed"],
        "population": population(),
        "most_adopted": most_adopted,
        "newest": newest,
        "by_county": by_county,
        "by_area": by_area,
        "by_channel": by_channel,
        "filter": filterset,
        "graph": graph,
        "edges": edges,
        "rogers": ROGERS_SHARE,
    }
    return render(request, "diffusion/overview.html", context)
