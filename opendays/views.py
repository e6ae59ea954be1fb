import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activity.models import Activity
from common.pagecache import public_page
from common.ratelimits import limit_posts
from projects.models import Project

from . import ics, services
from .filters import OpenDayFilter
from .forms import CancelForm, DigitalVisitForm, MessageForm, OpenDayForm, QuestionFormSet, SignUpForm
from .models import DigitalVisit, OpenDay, eligible_organisations


def get_open_day_for_view(request, pk: int) -> OpenDay:
    """The open day if the user may see its project, otherwise 404."""
    queryset = OpenDay.objects.visible_to(request.user).select_related("project__owner__county")
    return get_object_or_404(queryset, pk=pk)


def get_open_day_for_host(request, pk: int) -> OpenDay:
    """404 if invisible, 403 if the user may see it but is not among the project's editors."""
    open_day = get_open_day_for_view(request, pk)
    if not open_day.can_host(request.user):
        raise PermissionDenied
    return open_day


def get_project_for_host(request, slug: str) -> Project:
    project = get_object_or_404(Project.objects.visible_to(request.user).select_related("owner"), slug=slug)
    if not project.can_edit(request.user):
        raise PermissionDenied
    return project


def _upcoming():
    return (
        OpenDay.objects.listed()
        .upcoming()
        .with_taken()
        .select_related("project__owner__county")
        .order_by("starts_at", "pk")
    )


@public_page
def open_day_list(request):
    filterset = OpenDayFilter(request.GET, queryset=_upcoming())
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(request, "opendays/open_day_list.html", {"filter": filterset, "page": page})


@public_page
def open_day_detail(request, pk):
    open_day = get_open_day_for_view(request, pk)
    is_host = open_day.can_host(request.user)
    mine = open_day.sign_up_of(request.user)
    context = {
        "open_day": open_day,
        "project": open_day.project,
        "is_host": is_host,
        "mine": mine,
        "may_sign_up": request.user.is_authenticated
        and not mine
        and eligible_organisations(request.user, open_day.project).exists(),
    }
    if is_host:
        context["history"] = Activity.objects.about(open_day).select_related("user")[:20]
    return render(request, "opendays/open_day_detail.html", context)


@login_required
@limit_posts("30/h")
def open_day_create(request, slug):
    project = get_project_for_host(request, slug)
    form = OpenDayForm(request.POST or None, instance=OpenDay(project=project))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.FIELDS}
        try:
            open_day = services.publish_open_day(project=project, by=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The open day is published."))
            return redirect(open_day)
    return render(request, "opendays/open_day_form.html", {"form": form, "project": project})


@login_required
@limit_posts("60/h")
def open_day_edit(request, pk):
    open_day = get_open_day_for_host(request, pk)
    if open_day.is_cancelled:
        messages.error(request, _("A cancelled open day cannot be changed."))
        return redirect(open_day)
    form = OpenDayForm(request.POST or None, instance=open_day)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.FIELDS}
        try:
            changed = services.update_open_day(open_day=OpenDay.objects.get(pk=open_day.pk), by=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, _("The open day was saved. Those signed up are told of the change."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(open_day)
    context = {"form": form, "project": open_day.project, "open_day": open_day}
    return render(request, "opendays/open_day_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("30/h")
def open_day_cancel(request, pk):
    open_day = get_open_day_for_host(request, pk)
    if open_day.is_cancelled:
        return redirect(open_day)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cancel_open_day(open_day=open_day, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The open day is cancelled. Everyone signed up is told by email."))
        return redirect(open_day)
    return render(request, "opendays/open_day_cancel.html", {"form": form, "open_day": open_day})


@login_required
@limit_posts("30/h")
def sign_up(request, pk):
    open_day = get_open_day_for_view(request, pk)
    if open_day.sign_up_of(request.user):
        messages.info(request, _("You are already signed up."))
        return redirect(open_day)
    if not eligible_organisations(request.user, open_day.project).exists():
        return render(request, "opendays/sign_up_refused.html", {"open_day": open_day}, status=403)
    form = SignUpForm(request.POST or None, user=request.user, open_day=open_day)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(
                open_day=open_day,
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                note=form.cleaned_data["note"],
            )
        except services.SignUpRefused as error:
            messages.error(request, " ".join(error.messages))
            return redirect(open_day)
        messages.success(request, _("You are signed up. A confirmation is on its way by email."))
        return redirect(open_day)
    return render(request, "opendays/sign_up.html", {"form": form, "open_day": open_day})


@login_required
@require_POST
@limit_posts("30/h")
def sign_up_cancel(request, pk):
    open_day = get_open_day_for_view(request, pk)
    if services.cancel_sign_up(open_day=open_day, user=request.user):
        messages.success(request, _("Your sign-up is cancelled, and the place is free for others."))
    else:
        messages.info(request, _("You were not signed up."))
    return redirect(open_day)


@login_required
def participants(request, pk):
    open_day = get_open_day_for_host(request, pk)
    sign_ups = open_day.sign_ups.select_related("user", "organisation").order_by("created_at", "pk")
    page = Paginator(sign_ups, 50).get_page(request.GET.get("page"))
    return render(request, "opendays/participants.html", {"open_day": open_day, "page": page})


@login_required
def participants_csv(request, pk):
    open_day = get_open_day_for_host(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deltakere-{open_day.pk}.csv"'
    response.write("\ufeff")  # Excel reads the file as UTF-8 with this mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Name"), _("Email"), _("Organisation"), _("Note"), _("Signed up")])
    for row in open_day.sign_ups.select_related("user", "organisation").order_by("created_at", "pk"):
        writer.writerow(
            [
                _spreadsheet_safe(str(row.user)),
                _spreadsheet_safe(row.user.email),
                _spreadsheet_safe(str(row.organisation)),
                _spreadsheet_safe(row.note),
                format_date(timezone.localtime(row.created_at), "SHORT_DATETIME_FORMAT"),
            ]
        )
    return response


def _spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@limit_posts("10/h")
def message(request, pk):
    open_day = get_open_day_for_host(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.message_participants(open_day=open_day, by=request.user, **form.cleaned_data)
        messages.success(request, _("The message is sent to %(count)s participants.") % {"count": count})
        return redirect("opendays:participants", pk=open_day.pk)
    return render(request, "opendays/message_form.html", {"form": form, "open_day": open_day})


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def open_day_ics(request, pk):
    open_day = get_open_day_for_view(request, pk)
    return _ics_response(ics.calendar([open_day], name=open_day.title), f"visningsdag-{open_day.pk}.ics")


def calendar_feed(request):
    return _ics_response(ics.calendar(_upcoming()[:500], name=_("Open days in Spre")), "visningsdager.ics")


def digital_visit(request, slug):
    project = get_object_or_404(Project.objects.visible_to(request.user).select_related("owner"), slug=slug)
    visit = DigitalVisit.objects.filter(project=project).prefetch_related("questions").first()
    can_edit = project.can_edit(request.user)
    if visit is None and not can_edit:
        raise Http404
    return render(request, "opendays/digital_visit.html", {"project": project, "visit": visit, "can_edit": can_edit})


@login_required
@limit_posts("60/h")
def digital_visit_edit(request, slug):
    project = get_project_for_host(request, slug)
    visit = DigitalVisit.objects.filter(project=project).prefetch_related("questions").first()
    initial = {}
    questions = []
    if visit:
        initial = {name: getattr(visit, name) for name in ("introduction", "recording_url", "slides_url")}
        questions = [{"question": q.question, "answer": q.answer} for q in visit.questions.all()]
    form = DigitalVisitForm(request.POST or None, request.FILES or None, initial=initial)
    formset = QuestionFormSet(request.POST or None, initial=questions, prefix="questions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            {"question": f.cleaned_data["question"], "answer": f.cleaned_data["answer"]}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        data = form.cleaned_data
        try:
            services.save_digital_visit(
                project=project,
                by=request.user,
                introduction=data["introduction"],
                recording_url=data["recording_url"],
                slides_url=data["slides_url"],
                slides_file=data["slides_file"] or None,
                remove_slides=data["remove_slides"],
                questions=rows,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The digital visit is saved."))
            return redirect("opendays:visit", slug=project.slug)
    context = {"project": project, "visit": visit, "form": form, "formset": formset}
    return render(request, "opendays/digital_visit_form.html", context)


def slides_download(request, slug):
    project = get_object_or_404(Project.objects.visible_to(request.user), slug=slug)
    visit = get_object_or_404(DigitalVisit, project=project)
    if not visit.slides_file:
        raise Http404
    try:
        handle = visit.slides_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    extension = visit.slides_file.name.rsplit(".", 1)[-1]
    filename = visit.slides_name or f"{project.slug}-lysbilder.{extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=visit.slides_content_type or "application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
