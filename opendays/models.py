"""Open days (visningsdager) and digital visits: a host answers many visitors at once instead of one
delegation at a time (the study's remedy for overloaded hosts).

An open day belongs to a project and is published by the project's editors (`Project.can_edit`). Members of
other organisations sign up; capacity is enforced in `services.sign_up` under a row lock on the open day."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation
from projects.models import Project


class OpenDayQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Open days of the projects the user may see (drafts' open days only for their members)."""
        return self.filter(project__in=Project.objects.visible_to(user).values("pk"))

    def listed(self):
        """Shown in public lists: on published projects, not cancelled."""
        return self.filter(project__state=Project.State.PUBLISHED, state=OpenDay.State.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def with_taken(self):
        """Annotated with `taken`: the number of places taken (one query for a whole list)."""
        return self.annotate(taken=Count("sign_ups", distinct=True))


class OpenDay(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("physical visit")
        DIGITAL = "digital", _("digital")

    class State(models.TextChoices):
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="open_days", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=200, help_text=_("For example «Open day at the care home»."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Address and room, for a physical visit.")
    )
    video_link = models.URLField(
        _("video link"), blank=True, help_text=_("For a digital open day. Shown only to those signed up.")
    )
    capacity = models.PositiveIntegerField(_("places"), help_text=_("How many participants you can receive."))
    sign_up_deadline = models.DateTimeField(_("sign-up deadline"))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Programme, who it is for, what to bring.")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PUBLISHED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Increases on every change; calendars use it to update the event.")
    )
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    is_demo = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpenDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("open day")
        verbose_name_plural = _("open days")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["state", "ends_at"], name="openday_state_ends_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="openday_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("opendays:detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.starts_at and self.sign_up_deadline and self.sign_up_deadline > self.starts_at:
            errors["sign_up_deadline"] = _("The sign-up deadline must be before the start.")
        if self.kind == self.Kind.DIGITAL and not self.video_link:
            errors["video_link"] = _("A digital open day needs a video link.")
        if self.kind == self.Kind.PHYSICAL and not self.place:
            errors["place"] = _("A physical visit needs a place.")
        if errors:
            raise ValidationError(errors)

    # Single-object rules
    @property
    def is_cancelled(self) -> bool:
        return self.state == self.State.CANCELLED

    @property
    def is_digital(self) -> bool:
        return self.kind == self.Kind.DIGITAL

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def deadline_passed(self) -> bool:
        return self.sign_up_deadline < timezone.now()

    @property
    def places_taken(self) -> int:
        taken = getattr(self, "taken", None)
        return self.sign_ups.count() if taken is None else taken

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    @property
    def is_open_for_sign_up(self) -> bool:
        return not self.is_cancelled and not self.deadline_passed and not self.is_past

    def can_host(self, user) -> bool:
        """The project's editors host its open days."""
        return self.project.can_edit(user)

    def sign_up_of(self, user):
        if user is None or not user.is_authenticated:
            return None
        return self.sign_ups.filter(user=user).first()


def eligible_organisations(user, project):
    """The organisations a user may sign up from: approved memberships, other than the project's owners."""
    return Organisation.objects.member_of(user).exclude(pk__in=project.owner_ids()).order_by("name")


class SignUp(models.Model):
    open_day = models.ForeignKey(OpenDay, on_delete=models.CASCADE, related_name="sign_ups", verbose_name=_("open day"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="open_day_sign_ups",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="open_day_sign_ups",
        verbose_name=_("organisation"),
        help_text=_("The organisation you come from."),
    )
    note = models.CharField(
        _("note to the host"), max_length=500, blank=True, help_text=_("For example what you would like to see.")
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["open_day", "user"], name="unique_open_day_sign_up")]

    def __str__(self):
        return f"{self.user} – {self.open_day}"


def slides_upload_to(instance, filename):
    # The name is ours: the visitor's file name is kept in `slides_name` only.
    return f"opendays/slides/{uuid.uuid4().hex}{instance.slides_extension}"


class DigitalVisit(models.Model):
    """The package a visitor can go through on their own: a recorded presentation, the slides, and answers to
    the questions visitors ask."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="digital_visit", verbose_name=_("project")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    recording_url = models.URLField(
        _("recorded presentation"), blank=True, help_text=_("A link to the video, for example on YouTube or Vimeo.")
    )
    slides_url = models.URLField(_("link to the slides"), blank=True)
    slides_file = models.FileField(_("slides"), upload_to=slides_upload_to, max_length=200, blank=True)
    slides_name = models.CharField(_("file name"), max_length=200, blank=True)
    slides_content_type = models.CharField(_("content type"), max_length=100, blank=True)
    slides_extension = ""
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("digital visit")
        verbose_name_plural = _("digital visits")

    def __str__(self):
        return str(self.project)

    def get_absolute_url(self):
        return reverse("opendays:visit", kwargs={"slug": self.project.slug})

    @property
    def is_empty(self) -> bool:
        return not (
            self.introduction or self.recording_url or self.slides_url or self.slides_file or self.questions.exists()
        )


class Question(models.Model):
    """A frequently asked question about the project, with the host's answer."""

    visit = models.ForeignKey(DigitalVisit, on_delete=models.CASCADE, related_name="questions", verbose_name=_("visit"))
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question
