"""Writes to adoptions, and the copy ("Kopier til min kommune"). Keyword-only, one transaction each; every
change of an adoption is kept as an AdoptionEvent and logged in the activity log (subject: the source project,
organisation: the adopting organisation), which the notifications react to after the commit."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Activity
from activity.services import log_action
from common.pagecache import site_changed
from municipalities.models import Organisation
from projects import services as project_services
from projects.declaration import public_part
from projects.models import Actor, Project
from projects.versions import snapshot

from .models import Adoption, AdoptionBenefit, AdoptionEvent

# Actors that belong to the source municipality's own setting, and are therefore not copied.
LOCAL_ACTOR_TYPES = {Actor.Type.INTERNAL, Actor.Type.COMMUNITY}


class CopyRefused(ValidationError):
    """A copy that cannot be made, with the reason in plain words (and, for one's own project, a way on)."""

    def __init__(self, message, *, own_project: bool = False):
        super().__init__(message)
        self.own_project = own_project


# Copy


def copy_refusal(*, source: Project, into: Organisation, by) -> CopyRefused | None:
    """Why `by` may not copy `source` into `into`, or None."""
    if not source.is_published:
        return CopyRefused(_("Only published projects can be copied."))
    if into.pk in source.owner_ids():
        return CopyRefused(
            _(
                "This project already belongs to %(organisation)s. Change it, or register a new version of it as a "
                "project of its own, instead of copying it."
            )
            % {"organisation": into},
            own_project=True,
        )
    if not Organisation.objects.editable_by(by).filter(pk=into.pk).exists():
        return CopyRefused(
            _("Only editors and administrators of %(organisation)s can copy projects into it.") % {"organisation": into}
        )
    return None


def existing_copies(*, source: Project, into: Organisation):
    """Copies of `source` that `into` already has (drafts included)."""
    return Project.objects.filter(source_project=source).owned_by_organisations([into.pk]).order_by("-created_at")


def _copied_fields(source: Project) -> dict:
    """The source's public part as service fields: no history, no rows of its own setting, no ids."""
    data = project_services.restorable(public_part(snapshot(source)))
    local_names = {
        name.lower()
        for name in Actor.objects.filter(organisation__in=source.owner_ids()).values_list("name", flat=True)
    }
    data["actors"] = [
        {key: value for key, value in row.items() if key != "id"}
        for row in data.get("actors", [])
        if row.get("actor_type") not in LOCAL_ACTOR_TYPES and row.get("actor", "").lower() not in local_names
    ]
    return data


@transaction.atomic
def copy_project(
    *,
    source: Project,
    into: Organisation,
    by,
    kind: str = Adoption.Kind.ADAPTED,
    channel: str = Adoption.Channel.SPRE,
) -> Project:
    """A new draft of `into`, prefilled from the public part of `source`, marked as taken from it; and the
    adoption it means (a copy is an adoption). Comments, benefits, contacts, documents and history stay behind."""
    refusal = copy_refusal(source=source, into=into, by=by)
    if refusal is not None:
        raise refusal
    if kind not in (Adoption.Kind.COPY, Adoption.Kind.ADAPTED):
        kind = Adoption.Kind.ADAPTED
    fields = _copied_fields(source)
    title = fields.pop("title")
    summary = fields.pop("summary", "")
    fields["origin"] = Project.Origin.COPIED if kind == Adoption.Kind.COPY else Project.Origin.ADAPTED
    fields["source_project"] = source
    copy = project_services.create_project(
        owner=into, by=by, title=title, summary=summary, is_demo=source.is_demo, **fields
    )
    log_action(verb=Activity.Verb.PROJECT_COPIED, by=by, organisation=into, subject=copy, data={"source": source.pk})
    adoption = Adoption.objects.filter(source=source, organisation=into).select_for_update().first()
    if adoption is None:
        adoption = Adoption(source=source, organisation=into, created_by=_user(by), is_demo=source.is_demo)
    elif not adoption.is_active:
        adoption.status = Adoption.Status.CONSIDERING
        adoption.ended_reason = ""
        adoption.started_on = adoption.status_since = timezone.localdate()
    adoption.kind = kind
    adoption.channel = channel
    adoption.own_project = copy
    _save(adoption)
    _event(adoption, action=AdoptionEvent.Action.COPIED, by=by, on_behalf_of=into)
    _log(Activity.Verb.ADOPTION_DECLARED, adoption, by=by, organisation=into)
    return copy


# Adoptions


def _user(by):
    return by if by is not None and by.is_authenticated else None


def _save(adoption: Adoption) -> None:
    adoption.is_counted = adoption.counts()
    adoption.full_clean(validate_constraints=False)
    adoption.save()


def _event(adoption: Adoption, *, action: str, by, on_behalf_of, note: str = "", date=None) -> AdoptionEvent:
    return AdoptionEvent.objects.create(
        adoption=adoption,
        action=action,
        status=adoption.status,
        kind=adoption.kind,
        confirmation=adoption.confirmation,
        date=date or timezone.localdate(),
        note=note,
        by=_user(by),
        on_behalf_of=on_behalf_of,
    )


def _log(verb: str, adoption: Adoption, *, by, organisation, **extra) -> None:
    data = {"adoption": adoption.pk, "kind": adoption.kind, "status": adoption.status, **extra}
    log_action(verb=verb, by=by, organisation=organisation, subject=adoption.source, data=data)


def _check(*, source: Project, organisation: Organisation, status: str, ended_reason: str, own_project, by) -> None:
    errors = {}
    if organisation.pk in source.owner_ids():
        errors["organisation"] = _("The project is your organisation's own; it cannot adopt it from itself.")
    if not source.is_listed:
        errors["organisation"] = _("Only published projects can be taken into use.")
    if status not in Adoption.DECLARABLE:
        errors["status"] = _("Choose a status.")
    if status == Adoption.Status.ENDED and not ended_reason.strip():
        errors["ended_reason"] = _("Say why it ended: it helps those who consider the solution.")
    if own_project is not None:
        if own_project.pk == source.pk:
            errors["own_project"] = _("Your own project cannot be the source project itself.")
        elif not Project.objects.owned_by_organisations([organisation.pk]).filter(pk=own_project.pk).exists():
            errors["own_project"] = _("Choose a project that belongs to %(organisation)s.") % {
                "organisation": organisation
            }
    if by is not None and not (by.is_authenticated and (by.is_curator or _member(by, organisation))):
        errors["organisation"] = _("Only members of %(organisation)s can declare its adoptions.") % {
            "organisation": organisation
        }
    if errors:
        raise ValidationError(errors)


def _member(user, organisation) -> bool:
    return Organisation.objects.member_of(user).filter(pk=organisation.pk).exists()


@transaction.atomic
def declare_adoption(
    *,
    source: Project,
    organisation: Organisation,
    by,
    kind: str = Adoption.Kind.ADAPTED,
    status: str = Adoption.Status.IN_USE,
    channel: str = Adoption.Channel.SPRE,
    started_on: datetime.date | None = None,
    ended_reason: str = "",
    own_project: Project | None = None,
    is_demo: bool = False,
) -> Adoption:
    """«Vi har tatt i bruk denne» / «Vi vurderer denne», without writing a project. An ended or withdrawn
    adoption of the same organisation is taken up again (its history kept); an active one is refused."""
    _check(
        source=source,
        organisation=organisation,
        status=status,
        ended_reason=ended_reason,
        own_project=own_project,
        by=by,
    )
    adoption = Adoption.objects.filter(source=source, organisation=organisation).select_for_update().first()
    if adoption is not None and adoption.is_active:
        raise ValidationError(
            {
                "organisation": _("%(organisation)s has already declared this adoption; change it instead.")
                % {"organisation": organisation}
            }
        )
    started_on = started_on or timezone.localdate()
    if adoption is None:
        adoption = Adoption(source=source, organisation=organisation, created_by=_user(by), is_demo=is_demo)
    adoption.kind, adoption.status, adoption.channel = kind, status, channel
    adoption.started_on = adoption.status_since = started_on
    adoption.ended_reason = ended_reason.strip() if status == Adoption.Status.ENDED else ""
    adoption.own_project = own_project
    adoption.confirmation = Adoption.Confirmation.PENDING
    _save(adoption)
    _event(adoption, action=AdoptionEvent.Action.DECLARED, by=by, on_behalf_of=organisation, date=started_on)
    _log(Activity.Verb.ADOPTION_DECLARED, adoption, by=by, organisation=organisation)
    return adoption


@transaction.atomic
def change_adoption(
    *,
    adoption: Adoption,
    by,
    status: str,
    kind: str,
    channel: str,
    status_since: datetime.date | None = None,
    started_on: datetime.date | None = None,
    ended_reason: str = "",
    own_project: Project | None = None,
    note: str = "",
) -> Adoption:
    """The adopter corrects or moves its adoption on (vurderer → prøver ut → i bruk → avsluttet)."""
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    _check(
        source=adoption.source,
        organisation=adoption.organisation,
        status=status,
        ended_reason=ended_reason,
        own_project=own_project,
        by=None,
    )
    status_changed = status != adoption.status
    adoption.kind, adoption.channel, adoption.own_project = kind, channel, own_project
    if started_on:
        adoption.started_on = started_on
    if status_changed:
        adoption.status = status
        adoption.status_since = status_since or timezone.localdate()
    elif status_since:
        adoption.status_since = status_since
    adoption.ended_reason = ended_reason.strip() if status == Adoption.Status.ENDED else ""
    _save(adoption)
    _event(
        adoption,
        action=AdoptionEvent.Action.CHANGED,
        by=by,
        on_behalf_of=adoption.organisation,
        note=adoption.ended_reason or note,
        date=adoption.status_since,
    )
    _log(
        Activity.Verb.ADOPTION_STATUS_CHANGED,
        adoption,
        by=by,
        organisation=adoption.organisation,
        status_changed=status_changed,
    )
    return adoption


@transaction.atomic
def withdraw_adoption(*, adoption: Adoption, by, note: str = "") -> Adoption:
    """The adopter takes the declaration back (a mistake, or never started). It stops counting, stays in history."""
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if adoption.status == Adoption.Status.WITHDRAWN:
        raise ValidationError(_("The adoption is already withdrawn."))
    adoption.status = Adoption.Status.WITHDRAWN
    adoption.status_since = timezone.localdate()
    adoption.ended_reason = ""
    _save(adoption)
    _event(adoption, action=AdoptionEvent.Action.WITHDRAWN, by=by, on_behalf_of=adoption.organisation, note=note)
    _log(Activity.Verb.ADOPTION_WITHDRAWN, adoption, by=by, organisation=adoption.organisation)
    return adoption


@transaction.atomic
def confirm_adoption(*, adoption: Adoption, by, confirm: bool, reason: str = "") -> Adoption:
    """The source's editors confirm the adoption, or dispute it with a reason. Either can be corrected later."""
    adoption = Adoption.objects.select_for_update().select_related("source").get(pk=adoption.pk)
    if not confirm and not reason.strip():
        raise ValidationError({"reason": _("Say why you dispute it, so the organisation can correct it.")})
    adoption.confirmation = Adoption.Confirmation.CONFIRMED if confirm else Adoption.Confirmation.DISPUTED
    adoption.confirmed_at = timezone.now()
    adoption.confirmed_by = _user(by)
    adoption.dispute_reason = "" if confirm else reason.strip()
    _save(adoption)
    action = AdoptionEvent.Action.CONFIRMED if confirm else AdoptionEvent.Action.DISPUTED
    _event(adoption, action=action, by=by, on_behalf_of=adoption.source.owner, note=adoption.dispute_reason)
    verb = Activity.Verb.ADOPTION_CONFIRMED if confirm else Activity.Verb.ADOPTION_DISPUTED
    _log(verb, adoption, by=by, organisation=adoption.organisation)
    return adoption


BENEFIT_FIELDS = ("indicator", "baseline", "result", "unit", "measured_on", "documentation")


@transaction.atomic
def report_experiences(*, adoption: Adoption, by, changed: str, learned: str, benefits: list[dict]) -> Adoption:
    """What the adopter changed, learned and gained, shown on the source project. Benefit rows with a known
    "id" are updated, new ones created, rows left out deleted (the shape of the project services)."""
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    adoption.changed, adoption.learned = changed.strip(), learned.strip()
    adoption.reported_at = timezone.now()
    _save(adoption)
    existing = {benefit.pk: benefit for benefit in adoption.benefits.all()}
    keep = set()
    for row in benefits:
        benefit = existing.get(row.get("id")) or AdoptionBenefit(adoption=adoption)
        for name in BENEFIT_FIELDS:
            value = row.get(name)
            setattr(benefit, name, value if value is not None or name == "measured_on" else "")
        benefit.full_clean(exclude=["adoption"])
        benefit.save()
        keep.add(benefit.pk)
    adoption.benefits.exclude(pk__in=keep).delete()
    _event(adoption, action=AdoptionEvent.Action.REPORTED, by=by, on_behalf_of=adoption.organisation)
    transaction.on_commit(site_changed)  # not logged, but shown on the (cached) project page
    return adoption
