"""Writes of the curators: featuring projects, collections, awards, reviews and sending back. Keyword-only,
one transaction each, logged to the activity log (verbs declared in activity.models)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Activity
from activity.services import log_action
from common.pagecache import site_changed
from municipalities.models import slugify_name
from projects import services as project_services
from projects.models import Project

from .models import Award, Collection, CollectionItem, Feature, Review

UP, DOWN = "up", "down"


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


def _move(item, siblings, direction: str) -> None:
    """Swap `item` with its neighbour above or below in `siblings` (renumbered 1…n first, so ties never stick)."""
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, other in enumerate(ordered, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


# The front page


@transaction.atomic
def feature_project(
    *,
    project: Project,
    by,
    note: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Feature:
    """Put a published project on the front page, last in the order (or change its note and period)."""
    if not project.is_published:
        raise ValidationError(_("Only published projects can be featured."))
    feature = Feature.objects.filter(project=project).first()
    is_new = feature is None
    if is_new:
        feature = Feature(project=project, position=_next_position(Feature.objects.all()), created_by=by)
    feature.note, feature.starts_on, feature.ends_on = note.strip(), starts_on, ends_on
    feature.full_clean()
    feature.save()
    data = {"note": feature.note, "starts_on": str(starts_on or ""), "ends_on": str(ends_on or ""), "new": is_new}
    log_action(verb=Activity.Verb.PROJECT_FEATURED, by=by, organisation=project.owner, subject=project, data=data)
    return feature


@transaction.atomic
def unfeature_project(*, feature: Feature, by) -> None:
    project = feature.project
    feature.delete()
    log_action(verb=Activity.Verb.PROJECT_UNFEATURED, by=by, organisation=project.owner, subject=project)


@transaction.atomic
def move_feature(*, feature: Feature, by, direction: str) -> None:
    """Reordering is not logged: it changes no project, only where on the page it is shown (so the cached pages
    are told directly)."""
    _move(feature, Feature.objects.all(), direction)
    transaction.on_commit(site_changed)


# Collections


def _collection_slug(title: str, exclude_pk=None) -> str:
    base = slugify_name(title)[:150] or "samling"
    slug, n = base, 2
    while Collection.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_collection(*, by, title: str, introduction: str = "", is_demo: bool = False) -> Collection:
    """A new collection, not yet published."""
    collection = Collection(
        title=title.strip(),
        introduction=introduction.strip(),
        slug=_collection_slug(title),
        position=_next_position(Collection.objects.all()),
        created_by=by if by is not None and by.is_authenticated else None,
        is_demo=is_demo,
    )
    collection.full_clean()
    collection.save()
    log_action(verb=Activity.Verb.COLLECTION_CHANGED, by=by, subject=collection, data={"created": True})
    return collection


@transaction.atomic
def update_collection(*, collection: Collection, by, title: str, introduction: str) -> Collection:
    collection.title, collection.introduction = title.strip(), introduction.strip()
    collection.full_clean()
    collection.save()
    log_action(verb=Activity.Verb.COLLECTION_CHANGED, by=by, subject=collection)
    return collection


@transaction.atomic
def publish_collection(*, collection: Collection, by, publish: bool = True) -> Collection:
    """Publish (shown on /samlinger/ and the front page) or take back to unpublished."""
    if publish and not collection.items.exists():
        raise ValidationError(_("Add at least one project before publishing the collection."))
    collection.published_at = (collection.published_at or timezone.now()) if publish else None
    collection.save(update_fields=["published_at", "updated_at"])
    verb = Activity.Verb.COLLECTION_PUBLISHED if publish else Activity.Verb.COLLECTION_CHANGED
    log_action(verb=verb, by=by, subject=collection, data={} if publish else {"unpublished": True})
    return collection


@transaction.atomic
def move_collection(*, collection: Collection, by, direction: str) -> None:
    """Not logged, like move_feature: the cached pages (/samlinger/, the front page) are told directly."""
    _move(collection, Collection.objects.all(), direction)
    transaction.on_commit(site_changed)


@transaction.atomic
def add_to_collection(*, collection: Collection, project: Project, by, note: str = "") -> CollectionItem:
    if not project.is_published:
        raise ValidationError(_("Only published projects can be added to a collection."))
    if collection.items.filter(project=project).exists():
        raise ValidationError(_("The project is already in this collection."))
    item = CollectionItem(
        collection=collection, project=project, note=note.strip(), position=_next_position(collection.items.all())
    )
    item.full_clean()
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:  # added by someone else in the meantime
        raise ValidationError(_("The project is already in this collection.")) from error
    data = {"added": project.title}
    log_action(verb=Activity.Verb.COLLECTION_CHANGED, by=by, subject=collection, data=data)
    return item


@transaction.atomic
def update_collection_item(*, item: CollectionItem, by, note: str) -> CollectionItem:
    item.note = note.strip()
    item.full_clean()
    item.save(update_fields=["note"])
    log_action(verb=Activity.Verb.COLLECTION_CHANGED, by=by, subject=item.collection, data={"note": item.project.title})
    return item


@transaction.atomic
def remove_from_collection(*, item: CollectionItem, by) -> None:
    collection, title = item.collection, item.project.title
    item.delete()
    log_action(verb=Activity.Verb.COLLECTION_CHANGED, by=by, subject=collection, data={"removed": title})


@transaction.atomic
def move_collection_item(*, item: CollectionItem, by, direction: str) -> None:
    _move(item, item.collection.items.all(), direction)
    log_action(verb=Activity.Verb.COLLECTION_CHANGED, by=by, subject=item.collection, data={"moved": direction})


# Awards


@transaction.atomic
def give_award(*, project: Project, by, name: str, year: int, url: str = "") -> Award:
    award = Award(project=project, name=" ".join(name.split()), year=year, url=url, created_by=by)
    award.full_clean()
    award.save()
    data = {"award": award.name, "year": award.year}
    log_action(verb=Activity.Verb.AWARD_GIVEN, by=by, organisation=project.owner, subject=project, data=data)
    return award


@transaction.atomic
def remove_award(*, award: Award, by) -> None:
    project, data = award.project, {"award": award.name, "year": award.year}
    award.delete()
    log_action(verb=Activity.Verb.AWARD_REMOVED, by=by, organisation=project.owner, subject=project, data=data)


# Moderation


@transaction.atomic
def mark_reviewed(*, project: Project, by) -> Review:
    """The project leaves the queue of newly published projects (until it is published anew).
    Not logged: it changes nothing others can see."""
    review, _created = Review.objects.update_or_create(
        project=project, defaults={"reviewed_by": by, "reviewed_at": timezone.now()}
    )
    return review


@transaction.atomic
def send_back(*, project: Project, by, reason: str, expected_version: int | None = None) -> Project:
    """Published → draft with a reason (kept in the project's history, mailed to its editors); it also leaves
    the front page."""
    project = project_services.send_back_project(
        project=project, by=by, reason=reason, expected_version=expected_version
    )
    feature = Feature.objects.filter(project=project).first()
    if feature is not None:
        unfeature_project(feature=feature, by=by)
    return project
