"""Writes for open days and digital visits. Each runs in a transaction and logs an Activity; the mail that
follows (to participants, to the host) is sent by `opendays.notifications.on_activity` after the commit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Activity
from activity.services import log_action
from projects.uploads import check_document

from .models import DigitalVisit, OpenDay, Question, SignUp, eligible_organisations

# Fields of an open day an editor may change, in the order the change notice lists them.
FIELDS = [
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "video_link",
    "capacity",
    "sign_up_deadline",
    "description",
]
# Changes participants are told about by mail (a new description alone is not worth a mail).
NOTIFIED_FIELDS = {"title", "kind", "starts_at", "ends_at", "place", "video_link"}
SLIDE_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.presentation",
}


class SignUpRefused(ValidationError):
    """The sign-up was not taken: full, past the deadline, cancelled, or already signed up."""


def _shown(value) -> str:
    if hasattr(value, "tzinfo"):
        return format_date(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def publish_open_day(*, project, by, **fields) -> OpenDay:
    with transaction.atomic():
        open_day = OpenDay(project=project, created_by=by if by and by.is_authenticated else None, **fields)
        open_day.full_clean()
        open_day.save()
        log_action(verb=Activity.Verb.OPEN_DAY_PUBLISHED, by=by, organisation=project.owner, subject=open_day)
    return open_day


def update_open_day(*, open_day: OpenDay, by, **fields) -> list[str]:
    """Change an open day; the activity keeps what changed (old and new values), which is its history and
    what the participants are told. Returns the names of the changed fields."""
    with transaction.atomic():
        locked = OpenDay.objects.select_for_update().get(pk=open_day.pk)
        if locked.is_cancelled:
            raise ValidationError(_("A cancelled open day cannot be changed."))
        changes = {}
        for name, value in fields.items():
            if name not in FIELDS:
                raise TypeError(name)
            old = getattr(locked, name)
            if old != value:
                changes[name] = [_shown(old), _shown(value)]
                setattr(locked, name, value)
        if not changes:
            return []
        if "capacity" in changes and locked.capacity < locked.sign_ups.count():
            raise ValidationError(
                {
                    "capacity": _("%(count)s have already signed up; the places cannot be fewer.")
                    % {"count": locked.sign_ups.count()}
                }
            )
        locked.sequence += 1
        locked.full_clean()
        locked.save()
        log_action(
            verb=Activity.Verb.OPEN_DAY_CHANGED,
            by=by,
            organisation=locked.project.owner,
            subject=locked,
            data={"changes": changes, "notify": sorted(set(changes) & NOTIFIED_FIELDS)},
        )
    open_day.refresh_from_db()
    return list(changes)


def cancel_open_day(*, open_day: OpenDay, by, reason: str) -> None:
    with transaction.atomic():
        locked = OpenDay.objects.select_for_update().get(pk=open_day.pk)
        if locked.is_cancelled:
            return
        locked.state = OpenDay.State.CANCELLED
        locked.cancel_reason = reason
        locked.sequence += 1
        locked.save()
        log_action(
            verb=Activity.Verb.OPEN_DAY_CANCELLED,
            by=by,
            organisation=locked.project.owner,
            subject=locked,
            data={"reason": reason},
        )
    open_day.refresh_from_db()


def sign_up(*, open_day: OpenDay, user, organisation, note: str = "") -> SignUp:
    """Take a place. The open day's row is locked (SELECT … FOR UPDATE on PostgreSQL) while the places are
    counted, so two people taking the last place at once cannot both get it: the second waits, then counts
    again and is refused."""
    if not eligible_organisations(user, open_day.project).filter(pk=organisation.pk).exists():
        raise SignUpRefused(_("You can sign up on behalf of your own organisation only."))
    try:
        with transaction.atomic():
            locked = OpenDay.objects.select_for_update().get(pk=open_day.pk)
            if locked.is_cancelled:
                raise SignUpRefused(_("The open day is cancelled."))
            if locked.is_past:
                raise SignUpRefused(_("The open day is over."))
            if locked.deadline_passed:
                raise SignUpRefused(_("The sign-up deadline has passed."))
            if SignUp.objects.filter(open_day=locked, user=user).exists():
                raise SignUpRefused(_("You are already signed up."))
            if SignUp.objects.filter(open_day=locked).count() >= locked.capacity:
                raise SignUpRefused(_("Sorry, the open day is full: the last place has just been taken."))
            taken = SignUp.objects.create(open_day=locked, user=user, organisation=organisation, note=note)
            log_action(
                verb=Activity.Verb.OPEN_DAY_SIGNED_UP,
                by=user,
                organisation=organisation,
                subject=locked,
                data={"user": user.pk, "name": str(user), "email": user.email, "organisation": str(organisation)},
            )
    except IntegrityError as error:  # the same person twice at the same moment: the constraint decides
        raise SignUpRefused(_("You are already signed up.")) from error
    return taken


def cancel_sign_up(*, open_day: OpenDay, user) -> bool:
    """Give the place back. False when the user was not signed up."""
    with transaction.atomic():
        locked = OpenDay.objects.select_for_update().get(pk=open_day.pk)
        sign_up = SignUp.objects.filter(open_day=locked, user=user).select_related("organisation").first()
        if sign_up is None:
            return False
        organisation = sign_up.organisation
        sign_up.delete()
        log_action(
            verb=Activity.Verb.OPEN_DAY_SIGN_UP_CANCELLED,
            by=user,
            organisation=organisation,
            subject=locked,
            data={"user": user.pk, "name": str(user), "email": user.email, "organisation": str(organisation)},
        )
    return True


def message_participants(*, open_day: OpenDay, by, subject: str, body: str) -> int:
    """Log the message; the consumer mails it to every participant. Returns how many will get it."""
    with transaction.atomic():
        count = open_day.sign_ups.count()
        log_action(
            verb=Activity.Verb.OPEN_DAY_MESSAGE_SENT,
            by=by,
            organisation=open_day.project.owner,
            subject=open_day,
            data={"subject": subject, "body": body, "recipients": count},
        )
    return count


def check_slides(upload) -> tuple[str, str]:
    """(content type, extension) for slides: PDF, PowerPoint or OpenDocument, within the document size limit."""
    content_type, extension = check_document(upload)
    if content_type not in SLIDE_TYPES:
        raise ValidationError(_("Upload the slides as PDF, PowerPoint (.pptx) or OpenDocument (.odp)."))
    return content_type, extension


def save_digital_visit(
    *,
    project,
    by,
    introduction: str = "",
    recording_url: str = "",
    slides_url: str = "",
    slides_file=None,
    remove_slides: bool = False,
    questions: list[dict] | None = None,
) -> DigitalVisit:
    """Create or replace the project's digital visit. `questions`: the whole list, in order, as
    {"question", "answer"} dicts. Logged as an edit of the project (no verb of its own)."""
    with transaction.atomic():
        visit, _created = DigitalVisit.objects.select_for_update().get_or_create(project=project)
        old_slides = visit.slides_file.name
        visit.introduction = introduction
        visit.recording_url = recording_url
        visit.slides_url = slides_url
        if remove_slides:
            visit.slides_file = ""
            visit.slides_name = visit.slides_content_type = ""
        if slides_file is not None:
            content_type, extension = check_slides(slides_file)
            visit.slides_extension = extension
            visit.slides_name = slides_file.name[:200]
            visit.slides_content_type = content_type
            visit.slides_file.save("slides" + extension, slides_file, save=False)
        visit.updated_by = by if by and by.is_authenticated else None
        visit.full_clean()
        visit.save()
        if old_slides and old_slides != visit.slides_file.name:
            # replaced or removed: nothing else refers to the old file (slides are not in project versions)
            storage = visit.slides_file.storage
            transaction.on_commit(lambda: storage.delete(old_slides))
        if questions is not None:
            visit.questions.all().delete()
            Question.objects.bulk_create(
                Question(visit=visit, question=item["question"], answer=item["answer"], position=index)
                for index, item in enumerate(questions)
            )
        log_action(
            verb=Activity.Verb.PROJECT_EDITED,
            by=by,
            organisation=project.owner,
            subject=project,
            data={"part": "digital_visit"},
        )
    return visit
