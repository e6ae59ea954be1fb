from functools import cache, partial
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from activity.models import Activity
from common.pagecache import cached_fragment, fragment_version, public_page
from common.pagination import FastPaginator
from common.ratelimits import limit_posts
from municipalities.models import Membership, Organisation

from . import declaration, search, services
from .display import key_facts, story
from .filters import ProjectFilter
from .forms import (
    FORMSETS,
    ProjectForm,
    ProjectStartForm,
    build_formsets,
    drop_used_uploads,
    form_parts,
    formset_rows,
    keep_uploads,
    new_row_form,
    quiet,
    rows_as_data,
    with_one_more_row,
)
from .models import (
    Actor,
    Document,
    Project,
    ProjectActor,
    ProjectImage,
    ProjectVersion,
    attach_adoption_counts,
    creation_offer,
    editor_role_offer,
    home_municipality_id,
)
from .search import similar_projects
from .versions import as_snapshot, differences, display, field_label, merge, snapshot


def get_project_for_view(request, slug: str) -> Project:
    """The project if the user may see it, otherwise 404. A former slug (the project was renamed) finds it too."""
    queryset = Project.objects.visible_to(request.user).select_related("owner", "owner__county")
    project = queryset.filter(slug=slug).first() or queryset.filter(former_slugs__slug=slug).first()
    if project is None:
        raise Http404
    return project


def get_project_for_edit(request, slug: str) -> Project:
    """404 if the user may not see the project, 403 if they may see but not change it."""
    project = get_project_for_view(request, slug)
    if not project.can_edit(request.user):
        raise PermissionDenied
    return project


@vary_on_headers("HX-Request")  # the whole page, or the filters and results for htmx
@public_page
def project_list(request):
    """The list with its filters. Anonymous visitors get the whole page from the cache (`public_page`); for a
    signed-in user the filters and results are the same HTML as for everyone with the same query (and the same
    home municipality, for «like mine»), cached as fragments, so only their own parts (the header, the buttons to
    register and to follow the search) are read for them. Nothing below is read unless a fragment is missing."""

    @cache
    def get_filterset() -> ProjectFilter:
        snippet_fields = ["need", "solution"] if request.GET.get("q", "").strip() else []  # search.snippets reads them
        projects = Project.objects.listed().for_cards(*snippet_fields).order_by("-published_at", "-updated_at", "-pk")
        return ProjectFilter(request.GET, queryset=projects, request=request)

    query = request.GET.copy()
    query.pop("page", None)
    # The count and the facet counts read every matching project: computed once per filter and change of the site.
    key = [sorted(query.lists()), home_municipality_id(request.user)]

    def get_count() -> int:
        return cached_fragment("project-count", key, lambda: get_filterset().count())

    @cache
    def results() -> dict:
        """What the filters and results show: read only when their HTML is not in the cache."""
        filterset = get_filterset()
        count = get_count()
        facets = cached_fragment("project-facets", key, filterset.facets)
        # The page's ids first, read from an index (or, for a search, from the short search entries), then the
        # twenty projects themselves: a deep page or a search matching thousands never reads thousands of wide rows.
        ids = filterset.qs.values_list("pk", flat=True)
        page = FastPaginator(ids, 20, count=count).get_page(request.GET.get("page"))
        by_pk = filterset.queryset.in_bulk(list(page.object_list))
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
        page.object_list = attach_adoption_counts(page.object_list)
        found = {
            "page": page,
            "facets": facets,
            "chips": filterset.chips(facets),
            "sort_options": filterset.sort_options(),
            "removable": filterset.removable() if not count else [],
            "matching_organisations": [],
            "matching_actors": [],
            "suggestion": "",
            "suggestion_query": "",
        }
        if filterset.searching:
            found.update(_search_context(request, filterset, page))
        return found

    context = {name: SimpleLazyObject(partial(lambda name: results()[name], name)) for name in RESULT_NAMES}
    context.update(
        filter=SimpleLazyObject(get_filterset),
        count=get_count() if request.htmx else None,  # the announcement of the number of results
        facets_cache=fragment_version(key),  # their HTML too: rendering every option takes most of the time
        browser_cache=fragment_version([*key, request.GET.get("page", "")]),
    )
    if request.htmx:
        return render(request, "projects/_project_browser.html", context)
    context.update(creation_offer(request.user))
    return render(request, "projects/project_list.html", context)


RESULT_NAMES = [
    "page",
    "facets",
    "chips",
    "sort_options",
    "removable",
    "matching_organisations",
    "matching_actors",
    "suggestion",
    "suggestion_query",
]


def _search_context(request, filterset, page) -> dict:
    """Besides the ranked projects: highlighted passages, organisations and actors the query names, and a
    spelling suggestion. A fixed number of queries, whatever the data."""
    compiled = filterset.compiled_query
    marked = search.snippets(page.object_list, compiled)
    for project in page.object_list:
        project.snippet = marked.get(project.pk)
    suggestion = compiled.suggestion
    query = request.GET.copy()
    query.pop("page", None)
    if suggestion:
        query["q"] = suggestion
    return {
        "matching_organisations": search.matching_organisations(compiled),
        "matching_actors": search.matching_actors(compiled),
        "suggestion": suggestion,
        "suggestion_query": query.urlencode() if suggestion else "",
    }


@login_required
def my_projects(request):
    """Projects of the user's organisations, drafts first."""
    state_order = Case(
        When(state=Project.State.DRAFT, then=Value(0)),
        When(state=Project.State.PUBLISHED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    projects = (
        Project.objects.of_user_organisations(request.user)
        .select_related("owner")
        .annotate(state_order=state_order)
        .order_by("state_order", "-updated_at")
    )
    page = Paginator(projects, 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "can_create": Organisation.objects.editable_by(request.user).exists(),
        "editor_role_offer": editor_role_offer(request.user),
    }
    return render(request, "projects/my_projects.html", context)


@login_required
@limit_posts("30/h")
def project_create(request):
    """Step 1: title, summary and owner. Similar published projects are shown before a draft is created."""
    if not Organisation.objects.editable_by(request.user).exists():
        # Still refused, but with a way on: which role it takes, and where to ask for it.
        memberships = request.user.memberships.exclude(status__in=Membership.REFUSED).select_related("organisation")
        context = {"memberships": memberships.order_by("organisation__name")}
        return render(request, "projects/project_create_refused.html", context, status=403)
    # «Register the need» from an empty search brings the words along as a first title.
    initial = {"title": request.GET.get("title", "")[:200]}
    form = ProjectStartForm(request.POST or None, user=request.user, initial=initial)
    similar = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        similar = similar_projects(data["title"], data["summary"])
        if not similar or "confirm" in request.POST:
            project = services.create_project(
                owner=data["owner"], by=request.user, title=data["title"], summary=data["summary"]
            )
            messages.success(request, _("The draft was created. Describe the project and publish it when ready."))
            return redirect("projects:edit", slug=project.slug)
    return render(request, "projects/project_start.html", {"form": form, "similar": similar})


@login_required
def similar(request):
    """htmx: similar published projects while typing a title and summary."""
    title, summary = request.GET.get("title", ""), request.GET.get("summary", "")
    results = similar_projects(title, summary) if len(title) + len(summary) >= 8 else None
    return render(request, "projects/_similar.html", {"similar": results, "live": True})


def _detail_queryset():
    return Project.objects.select_related("owner", "owner__county", "source_project").prefetch_related(
        "co_owners",
        "service_areas",
        "innovation_types",
        "drivers",
        "methods",
        "tags",
        Prefetch("project_actors", queryset=ProjectActor.objects.select_related("actor__organisation")),
        "benefits",
        "presentations",
        "documents",
        "images",
        "contacts",
    )


@public_page
def project_detail(request, slug):
    project = get_project_for_view(request, slug)
    if project.slug != slug:
        return redirect(project, permanent=True)  # renamed: old links keep working
    # The key facts and the story are the same for everyone who may see the project: cached as fragments, and the
    # project with everything they show is read only when they are missing.
    detail = SimpleLazyObject(lambda: _detail_queryset().get(pk=project.pk))

    def actor_groups():
        actors = sorted(
            detail.project_actors.all(),
            key=lambda pa: (list(Actor.Type.values).index(pa.actor.actor_type), pa.actor.name),
        )
        return [
            (Actor.Type(actor_type).label, list(rows))
            for actor_type, rows in groupby(actors, key=lambda pa: pa.actor.actor_type)
        ]

    can_edit = project.can_edit(request.user)
    activity = Activity.objects.about(project).select_related("user")
    if not can_edit:
        activity = activity.public()
    context = {
        "activity": activity[:8],
        "project": project,
        "detail": detail,
        "story_cache": fragment_version([project.pk, project.updated_at]),
        "meta_cache": fragment_version([project.pk, project.updated_at, request.scheme, request.get_host()]),
        "facts": SimpleLazyObject(lambda: key_facts(detail)),
        "story": SimpleLazyObject(lambda: story(detail)),
        "actor_groups": SimpleLazyObject(actor_groups),
        "can_edit": can_edit,
        "missing": project.missing_for_publication() if can_edit and project.is_draft else [],
        "recommended": project.recommended_for_publication() if can_edit and project.is_draft else [],
    }
    return render(request, "projects/project_detail.html", context)


def _posted_int(request, name: str) -> int | None:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None


def _pending_scope(request, project) -> str:
    """Kept uploads belong to one user editing one project."""
    return f"{request.user.pk}:{project.pk}"


@login_required
@limit_posts("120/h")
def project_edit(request, slug):
    """Edit a project. An editor whose form is older than the saved project has their own changes merged
    in; only fields that someone else changed differently since are shown side by side (409), and saving
    again then keeps this editor's values for those fields and nothing else of theirs.

    The form is in parts (the declared sections and row kinds). Every save button sends the whole form, so
    nothing typed in another part is lost; a part's own button comes back to that part. «Add a row» without
    JavaScript sends the form too and shows it again with one more row, saving nothing."""
    project = get_project_for_edit(request, slug)
    current = snapshot(project)
    scope = _pending_scope(request, project)
    base_number = _posted_int(request, "base_version") or _posted_int(request, "version")
    base = current
    if request.method == "POST" and base_number not in (None, project.version):
        started = project.versions.filter(number=base_number).first()
        base = started.snapshot if started else None  # None: a version from before the history began
    data = request.POST or None
    added_row = request.POST.get("add_row") if request.method == "POST" else None
    if added_row in FORMSETS:
        data = with_one_more_row(request.POST, added_row)
    form = ProjectForm(data, instance=project, base_version=base_number)
    formsets = build_formsets(data, request.FILES or None, initial=base or current, pending_scope=scope)
    conflict = None
    if added_row in FORMSETS:
        form.is_valid()
        for formset in formsets.values():
            formset.is_valid()
        keep_uploads(formsets)
        quiet(form, formsets)
        focus = formsets[added_row].forms[-1]  # the new row's first field takes the focus
        first = next(name for name in focus.fields if not focus[name].is_hidden)
        focus.fields[first].widget.attrs["autofocus"] = True
    elif request.method == "POST" and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        fields = form.service_fields()
        for key, formset in formsets.items():
            fields[key] = formset_rows(formset)
        seen = form.cleaned_data["version"]
        expected = seen
        if seen != project.version or base is not current:
            mine = as_snapshot(fields, base or current)
            changed, clashes = merge(base or current, current, mine)
            if base is None:
                clashes = changed  # nothing to merge against: every change of this editor is a clash
            if clashes and seen != project.version:
                conflict = _conflict(project, current, clashes, mine)
            else:
                fields = {key: fields[key] for key in changed}
                expected = project.version
                project = Project.objects.get(pk=project.pk)  # the form wrote its values into the old instance
        if conflict is None:
            try:
                services.update_project(project=project, by=request.user, expected_version=expected, **fields)
            except services.EditConflict as error:  # someone saved in the very same moment
                project = error.project
                conflict = {"rows": [], "by": None, "at": None}
            except ValidationError as error:
                form.add_error(None, error)
            else:
                drop_used_uploads(formsets)
                if expected != seen:
                    saved = _("The project was saved. Changes others made meanwhile were kept.")
                else:
                    saved = _("The project was saved.")
                if "publish" in request.POST:  # one message for both: "saved and published", or saved + what is missing
                    return _publish(request, project, expected=project.version, saved=saved)
                part = request.POST.get("section")
                if part in declaration.FORM_PARTS:  # a part's own button: back to that part, told there (once)
                    url = reverse("projects:edit", kwargs={"slug": project.slug})
                    if expected != seen:
                        messages.success(request, saved)
                        return redirect(f"{url}#part-{part}")
                    return redirect(f"{url}?lagret={part}#part-{part}")
                messages.success(request, saved)
                return redirect(project)
        if conflict is not None:
            # The form again with the user's input, now marked as having seen the saved version.
            data = request.POST.copy()
            data["version"] = project.version
            data["base_version"] = base_number
            keep_uploads(formsets)  # the files chosen are kept for the next save, as after an error
            for formset in formsets.values():
                for subform in formset.forms:
                    if getattr(subform, "pending", None):
                        data[subform.add_prefix("pending")] = subform.pending["token"]
            project = Project.objects.get(pk=project.pk)
            form = ProjectForm(data, instance=Project.objects.get(pk=project.pk), base_version=base_number)
            form.is_valid()
            formsets = build_formsets(data, None, initial=base or current, pending_scope=scope)
            for formset in formsets.values():
                formset.is_valid()
    saved_part = request.GET.get("lagret") if request.method == "GET" else None
    if request.method == "POST" and conflict is None and added_row not in FORMSETS and request.POST.get("section"):
        # A part's own button while another part has errors: that part is saved on its own when it is valid.
        saved = _save_part(request, project, form, formsets, base_number)
        if saved is not None:
            project, form, formsets, saved_part = saved
    if request.method == "POST" and conflict is None:
        if added_row not in FORMSETS:
            keep_uploads(formsets)  # chosen files survive an error elsewhere in the form
        project.refresh_from_db()
    if request.method == "GET" and not current["contacts"]:
        # A new project's first contact person is the one registering it, until they say otherwise.
        formsets["contacts"].forms[0].initial.update(name=request.user.get_full_name(), email=request.user.email)
    parts = form_parts(form, formsets, project)
    context = {
        "project": project,
        "form": form,
        "parts": parts,
        "formsets": [(key, FORMSETS[key][1], formset) for key, formset in formsets.items()],
        "missing": project.missing_for_publication() if project.is_draft else [],
        "recommended": project.recommended_for_publication() if project.is_draft else [],
        "ready": [part for part in parts if part["required"] and not part["missing"]],
        "requiring": [part for part in parts if part["required"]],
        "saved_part": saved_part,
        "partial": saved_part is not None and request.method == "POST",
        "conflict": conflict,
        "actor_names": Actor.objects.values_list("name", flat=True)[:2000],
    }
    status = 409 if conflict else 200
    return render(request, "projects/project_form.html", context, status=status)


@login_required
def project_row(request, slug, key):
    """htmx: one more empty row of a kind, added in place (the form posts «Add a row» without JavaScript)."""
    project = get_project_for_edit(request, slug)
    if key not in FORMSETS:
        raise Http404
    try:
        index = int(request.GET.get(f"{key}-TOTAL_FORMS", ""))
    except ValueError:
        return HttpResponseBadRequest()
    if not 0 <= index < FORMSETS[key][0].max_num:
        return HttpResponseBadRequest()
    subform = new_row_form(key, index, _pending_scope(request, project))
    first = next(name for name in subform.fields if not subform[name].is_hidden)
    subform.fields[first].widget.attrs["autofocus"] = True  # htmx focuses it after the swap
    context = {"subform": subform, "key": key, "rows": declaration.ROWS_BY_KEY[key], "number": index + 1, "oob": True}
    return render(request, "projects/_form_row.html", context)


def _save_part(request, project, form, formsets, base_number):
    """Save only the part whose button was pressed, when it is valid and the rest of the form is not. Nothing
    is merged here: the editor must have seen the saved version. Returns the project, the form and formsets
    shown again (the other parts as they were sent, with their errors), and the part; None when not saved."""
    part = request.POST.get("section")
    if part not in declaration.FORM_PARTS or base_number != project.version:
        return None
    if part in declaration.SECTIONS_BY_KEY:
        names = [f.name for f in declaration.SECTIONS_BY_KEY[part].fields if f.in_form]
        if form.non_field_errors() or any(name in form.errors for name in [*names, "version"]):
            return None
        fields = {name: form.cleaned_data[name] for name in names}
    else:
        if not formsets[part].is_valid():
            return None
        fields = {part: formset_rows(formsets[part])}
    try:
        project = services.update_project(
            project=Project.objects.get(pk=project.pk), by=request.user, expected_version=base_number, **fields
        )
    except (services.EditConflict, ValidationError):
        return None
    drop_used_uploads({part: formsets[part]} if part in formsets else {})
    current = snapshot(project)
    data = request.POST.copy()
    data["version"] = data["base_version"] = project.version
    files = request.FILES.copy()
    if part in FORMSETS:  # the saved rows as they are now stored (new rows have ids)
        for name in [name for name in data if name.startswith(f"{part}-")]:
            del data[name]
        for name in [name for name in files if name.startswith(f"{part}-")]:
            del files[name]
        data.update(rows_as_data(part, current[part]))
    scope = _pending_scope(request, project)
    form = ProjectForm(data, instance=Project.objects.get(pk=project.pk), base_version=project.version)
    formsets = build_formsets(data, files or None, initial=current, pending_scope=scope)
    form.is_valid()
    for formset in formsets.values():
        formset.is_valid()
    return project, form, formsets, part


def _conflict(project: Project, current: dict, clashes: list[str], mine: dict) -> dict:
    """The fields both editors changed: the saved value and the one this editor tried to save."""
    latest = project.versions.order_by("-number").first()
    rows = [
        {
            "name": name,
            "label": field_label(name),
            "new": display(name, current),
            "yours": display(name, mine),
            "many": isinstance(display(name, current), list),
        }
        for name in clashes
    ]
    return {"rows": rows, "by": latest.created_by if latest else None, "at": latest.created_at if latest else None}


def _edit_conflict(request, project):
    """Someone saved the project between this editor's page and their click: nothing was changed."""
    project.refresh_from_db()
    return render(request, "projects/project_conflict.html", {"project": project}, status=409)


def _change_state(
    request, project, service, success: str, failure_target=None, expected: int | None = None, saved: str = ""
):
    """Run a workflow service (publish, archive, restore) and tell the editor how it went, in one message. The
    version the editor saw (posted by the button's form) must still be the saved one, as for the edit form.
    `saved`: the edit form saved first; said only when the change of state then fails."""
    try:
        service(project=project, by=request.user, expected_version=expected)
    except services.EditConflict:
        return _edit_conflict(request, project)
    except ValidationError as error:
        if saved:
            messages.success(request, saved)
        messages.error(request, " ".join(error.messages))
        if failure_target:
            return redirect(failure_target, slug=project.slug)
    else:
        messages.success(request, success)
    return redirect(project)


def _publish(request, project, expected: int | None = None, saved: str = ""):
    # Publishing can fail on missing content: send the editor to the form that shows what is missing.
    return _change_state(
        request,
        project,
        services.publish_project,
        _("The project was saved and published.") if saved else _("The project is published."),
        failure_target="projects:edit",
        expected=expected,
        saved=saved,
    )


@login_required
@require_POST
def project_publish(request, slug):
    return _publish(request, get_project_for_edit(request, slug), expected=_posted_int(request, "version"))


@login_required
@require_http_methods(["GET", "POST"])
def project_archive(request, slug):
    """GET: what archiving means, and a button to confirm (works without JavaScript). POST: archive."""
    project = get_project_for_edit(request, slug)
    if request.method == "GET":
        if project.is_archived:
            return redirect(project)
        return render(request, "projects/project_archive.html", {"project": project})
    return _change_state(
        request,
        project,
        services.archive_project,
        _("The project is archived. It can still be read, and restored by an editor."),
        expected=_posted_int(request, "version"),
    )


@login_required
@require_POST
def project_unarchive(request, slug):
    return _change_state(
        request,
        get_project_for_edit(request, slug),
        services.restore_project,
        _("The project was restored from the archive."),
        expected=_posted_int(request, "version"),
    )


@login_required
def project_history(request, slug):
    project = get_project_for_edit(request, slug)
    versions = project.versions.select_related("created_by").order_by("-number")
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    # Each version is compared with the one before it; the page's oldest needs one more from the next page.
    before = versions.filter(number__lt=shown[-1].number).first() if shown else None
    chain = [*shown, before]
    rows = [
        {
            "version": version,
            "changes": differences(
                chain[index + 1].snapshot if chain[index + 1] else None, version.snapshot, version.changed_fields
            ),
        }
        for index, version in enumerate(shown)
    ]
    return render(
        request,
        "projects/project_history.html",
        {"project": project, "page": page, "rows": rows, "latest": versions.first()},
    )


@login_required
@require_POST
def project_restore_version(request, slug, number):
    project = get_project_for_edit(request, slug)
    version = get_object_or_404(ProjectVersion, project=project, number=number)
    try:
        services.restore_version(
            project=project, version=version, by=request.user, expected_version=_posted_int(request, "version")
        )
    except services.EditConflict:
        return _edit_conflict(request, project)
    messages.success(request, _("Version %(number)s was restored as a new version.") % {"number": number})
    return redirect("projects:history", slug=project.slug)


def _file_response(request, field_file, *, content_type: str, filename: str, attachment: bool):
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def document_download(request, slug, pk):
    project = get_project_for_view(request, slug)
    document = get_object_or_404(Document, project=project, pk=pk)
    if not document.file:
        raise Http404
    extension = document.file.name.rsplit(".", 1)[-1]
    filename = document.original_name or f"{project.slug}-{document.pk}.{extension}"
    if not filename.lower().endswith("." + extension):
        filename = f"{filename}.{extension}"
    return _file_response(
        request,
        document.file,
        content_type=document.content_type or "application/octet-stream",
        filename=filename,
        attachment=not document.content_type.startswith("image/"),
    )


def image_view(request, slug, pk, original=False):
    """The display version for pages (or the image itself when it is small), or the original size."""
    project = get_project_for_view(request, slug)
    image = get_object_or_404(ProjectImage, project=project, pk=pk)
    stored = image.image if original or not image.display else image.display
    extension = stored.name.rsplit(".", 1)[-1]
    return _file_response(
        request,
        stored,
        content_type=image.content_type or "application/octet-stream",
        filename=f"{project.slug}-{image.pk}.{extension}",
        attachment=False,
    )
