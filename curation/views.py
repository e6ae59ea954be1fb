from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.pagecache import public_page
from common.ratelimits import limit_posts
from projects.models import Project

from . import services
from .forms import AddToCollectionForm, AwardForm, CollectionForm, CollectionItemForm, FeatureForm, SendBackForm
from .models import Award, Collection, CollectionItem, Feature


def curator_required(view):
    """Login first; then 403 for everyone but curators."""

    @login_required
    @limit_posts("300/h")
    def wrapped(request, *args, **kwargs):
        if not request.user.is_curator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _project_cards():
    return Project.objects.select_related("owner").prefetch_related("service_areas", "awards")


# Public pages


@public_page
def collection_list(request):
    collections = (
        Collection.objects.visible_to(request.user)
        .annotate(project_count=Count("items", filter=Q(items__project__state=Project.State.PUBLISHED)))
        .order_by("position", "-published_at", "pk")
    )
    page = Paginator(collections, 20).get_page(request.GET.get("page"))
    return render(request, "curation/collection_list.html", {"page": page})


@public_page
def collection_detail(request, slug):
    collection = get_object_or_404(Collection.objects.visible_to(request.user), slug=slug)
    items = (
        collection.items.filter(project__in=Project.objects.visible_to(request.user).published())
        .select_related("project__owner")
        .prefetch_related("project__service_areas", "project__awards")
        .order_by("position", "pk")
    )
    return render(request, "curation/collection_detail.html", {"collection": collection, "items": items})


# The front page


@curator_required
def front_page(request):
    """The featured projects in their order, with their notes and periods."""
    features = Feature.objects.select_related("project__owner").order_by("position", "pk")
    collections = Collection.objects.annotate(project_count=Count("items")).order_by("position", "pk")
    return render(request, "curation/front_page.html", {"features": features, "collections": collections})


@curator_required
@require_POST
def feature_move(request, pk):
    feature = get_object_or_404(Feature, pk=pk)
    services.move_feature(feature=feature, by=request.user, direction=request.POST.get("direction", ""))
    return redirect("curation:front_page")


@curator_required
@require_POST
def feature_remove(request, pk):
    feature = get_object_or_404(Feature.objects.select_related("project__owner"), pk=pk)
    services.unfeature_project(feature=feature, by=request.user)
    messages.success(request, _("«%(title)s» was taken off the front page.") % {"title": feature.project.title})
    if request.POST.get("next") == "project":
        return redirect("curation:project", slug=feature.project.slug)
    return redirect("curation:front_page")


# Collections


@curator_required
def collection_manage_list(request):
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collection = services.create_collection(by=request.user, **form.cleaned_data)
        messages.success(request, _("The collection was created. Add projects from their curation pages."))
        return redirect("curation:collection_edit", pk=collection.pk)
    collections = Collection.objects.annotate(project_count=Count("items")).order_by("position", "pk")
    return render(request, "curation/collection_manage_list.html", {"form": form, "collections": collections})


@curator_required
def collection_edit(request, pk):
    collection = get_object_or_404(Collection, pk=pk)
    form = CollectionForm(request.POST or None, instance=collection, prefix="collection")
    if request.method == "POST" and form.is_valid():
        services.update_collection(collection=collection, by=request.user, **form.cleaned_data)
        messages.success(request, _("The collection was saved."))
        return redirect("curation:collection_edit", pk=collection.pk)
    items = collection.items.select_related("project__owner").order_by("position", "pk")
    return render(request, "curation/collection_edit.html", {"collection": collection, "form": form, "items": items})


@curator_required
@require_POST
def collection_publish(request, pk):
    collection = get_object_or_404(Collection, pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.publish_collection(collection=collection, by=request.user, publish=publish)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request, _("The collection was published.") if publish else _("The collection was taken off the site.")
        )
    return redirect("curation:collection_edit", pk=collection.pk)


@curator_required
@require_POST
def collection_move(request, pk):
    collection = get_object_or_404(Collection, pk=pk)
    services.move_collection(collection=collection, by=request.user, direction=request.POST.get("direction", ""))
    return redirect("curation:collection_manage_list")


@curator_required
@require_POST
def collection_item(request, pk, item_pk):
    """One project in a collection: save its note, move it up or down, or remove it."""
    item = get_object_or_404(CollectionItem.objects.select_related("collection", "project"), pk=item_pk, collection=pk)
    action = request.POST.get("action")
    if action in (services.UP, services.DOWN):
        services.move_collection_item(item=item, by=request.user, direction=action)
    elif action == "remove":
        services.remove_from_collection(item=item, by=request.user)
        messages.success(request, _("«%(title)s» was removed from the collection.") % {"title": item.project.title})
    else:
        form = CollectionItemForm(request.POST, instance=item)
        if form.is_valid():
            services.update_collection_item(item=item, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The note was saved."))
        else:
            messages.error(request, " ".join(form.errors.get("note", [])))
    return redirect("curation:collection_edit", pk=item.collection_id)


# One project


def _project(slug) -> Project:
    return get_object_or_404(Project.objects.select_related("owner"), slug=slug)


def _project_page(request, project, status=200, **forms):
    feature = Feature.objects.filter(project=project).first()
    context = {
        "project": project,
        "feature": feature,
        "awards": project.awards.all(),
        "memberships": project.collection_items.select_related("collection").order_by("collection__title"),
        "award_names": Award.objects.values_list("name", flat=True).distinct().order_by("name")[:50],
        "feature_form": forms.get("feature_form") or FeatureForm(instance=feature, prefix="feature"),
        "award_form": forms.get("award_form") or AwardForm(project=project, prefix="award"),
        "collection_form": forms.get("collection_form") or AddToCollectionForm(project=project, prefix="collection"),
        "send_back_form": forms.get("send_back_form") or SendBackForm(prefix="send_back"),
    }
    return render(request, "curation/project.html", context, status=status)


@curator_required
def project(request, slug):
    """Everything a curator does to one project: the front page, awards, collections, sending back."""
    return _project_page(request, _project(slug))


@curator_required
@require_POST
def project_feature(request, slug):
    project = _project(slug)
    feature = Feature.objects.filter(project=project).first()
    form = FeatureForm(request.POST, instance=feature, prefix="feature")
    if not form.is_valid():
        return _project_page(request, project, status=400, feature_form=form)
    try:
        services.feature_project(project=project, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _project_page(request, project, status=400, feature_form=form)
    messages.success(request, _("«%(title)s» is featured on the front page.") % {"title": project.title})
    return redirect("curation:project", slug=project.slug)


@curator_required
@require_POST
def project_award(request, slug):
    project = _project(slug)
    form = AwardForm(request.POST, project=project, prefix="award")
    if not form.is_valid():
        return _project_page(request, project, status=400, award_form=form)
    services.give_award(project=project, by=request.user, **form.cleaned_data)
    messages.success(request, _("The award was recorded."))
    return redirect("curation:project", slug=project.slug)


@curator_required
@require_POST
def award_remove(request, slug, pk):
    project = _project(slug)
    award = get_object_or_404(project.awards, pk=pk)
    services.remove_award(award=award, by=request.user)
    messages.success(request, _("The award was removed."))
    return redirect("curation:project", slug=project.slug)


@curator_required
@require_POST
def project_collect(request, slug):
    project = _project(slug)
    form = AddToCollectionForm(request.POST, project=project, prefix="collection")
    if not form.is_valid():
        return _project_page(request, project, status=400, collection_form=form)
    try:
        services.add_to_collection(
            collection=form.cleaned_data["collection"], project=project, by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _project_page(request, project, status=400, collection_form=form)
    messages.success(
        request, _("The project was added to «%(collection)s».") % {"collection": form.cleaned_data["collection"]}
    )
    return redirect("curation:project", slug=project.slug)


@curator_required
@require_POST
def project_send_back(request, slug):
    project = _project(slug)
    form = SendBackForm(request.POST, prefix="send_back")
    if not form.is_valid():
        return _project_page(request, project, status=400, send_back_form=form)
    try:
        services.send_back(project=project, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error(None, error)
        return _project_page(request, project, status=400, send_back_form=form)
    messages.success(request, _("The project was sent back to draft, and its editors were told why."))
    return redirect("curation:project", slug=project.slug)


@curator_required
@require_POST
def project_reviewed(request, slug):
    project = _project(slug)
    services.mark_reviewed(project=project, by=request.user)
    messages.success(request, _("«%(title)s» is marked as reviewed.") % {"title": project.title})
    if request.POST.get("next") == "queue":
        return redirect("municipalities:curation")
    return redirect("curation:project", slug=project.slug)
