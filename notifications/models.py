"""In-portal notifications ("Varsler"): one row per recipient and event.

The feature apps (diffusion, conversation, opendays …) decide who is told what, in their own activity
consumers after the commit, and hand it to `notifications.services.notify`. This app owns the list, the
unread count in the header and the mail that goes with a notification.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation
from projects.models import Project, Term


class Kind(models.TextChoices):
    """What a notification is about, as the user chooses how often to hear of it (see `kind_of`)."""

    COMMENTS = "comments", _("Questions and comments on projects you follow or edit")
    MY_COMMENTS = "my_comments", _("Replies and answers to your questions and comments, and moderation of them")
    NEW_PROJECTS = "new_projects", _("New projects from organisations, service areas and searches you follow")
    ADOPTIONS = "adoptions", _("New adoptions of projects you follow")
    PROJECT_UPDATES = "project_updates", _("Updates to projects you follow: published, new phase or status")
    MEMBERSHIPS = "memberships", _("Decisions on your memberships and roles")
    ADOPTION_CONFIRMATIONS = "adoption_confirmations", _("Confirmations of adoptions")
    OTHER = "other", _("Other notices")


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately, one email each")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


DEFAULT_FREQUENCY = Frequency.WEEKLY  # nobody is flooded


def default_frequency(kind: str) -> str:
    """Weekly for the kinds of the following and conversation; other notices (an open day's sign-ups to its host
    and the like) are mailed at once unless the user chooses otherwise."""
    return Frequency.IMMEDIATELY if kind == Kind.OTHER else DEFAULT_FREQUENCY


def default_frequencies() -> dict[str, str]:
    """{kind: how often it is mailed when the user has not chosen}, from `default_frequency`."""
    return {kind: default_frequency(kind) for kind in Kind.values}


def kind_of(kind: str) -> str:
    """The preference kind of a notification kind: one of Kind, or an activity verb passed by a feature app."""
    if kind in Kind.values:
        return kind
    if kind in ("comment.posted", "comment.question_asked"):
        return Kind.COMMENTS
    if kind.startswith("comment."):
        return Kind.MY_COMMENTS
    if kind == "adoption.confirmed":
        return Kind.ADOPTION_CONFIRMATIONS
    if kind.startswith("adoption.") or kind == "project.copied":
        return Kind.ADOPTIONS
    if kind in ("project.published", "project.phase_changed", "project.status_changed"):
        return Kind.PROJECT_UPDATES
    if kind.startswith("membership."):
        return Kind.MEMBERSHIPS
    return Kind.OTHER


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self, frequency: str):
        """Notifications for a daily or weekly digest that has not been sent yet."""
        return self.filter(delivery=frequency, emailed_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(
        _("kind"), max_length=60, help_text=_("What it is about, e.g. adoption.declared or comment.posted.")
    )
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True, help_text=_("A path on this site."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.CharField(
        _("email"),
        max_length=12,
        choices=[*Frequency.choices[:3], ("none", _("no email"))],
        default="none",
        help_text=_("How it is emailed: at once, in the daily or weekly digest, or not at all."),
    )
    emailed_at = models.DateTimeField(
        _("emailed"), null=True, blank=True, help_text=_("When it was emailed, alone or in a digest.")
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            models.Index(
                fields=["delivery", "recipient"],
                condition=models.Q(emailed_at__isnull=True, delivery__in=["daily", "weekly"]),
                name="notification_digest_idx",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def preference_kind(self) -> str:
        return kind_of(self.kind)


class Preference(models.Model):
    """How often a user hears of one kind of notification. No row: the default, a weekly digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency.choices, default=DEFAULT_FREQUENCY)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.frequency}"


class FollowQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user)


class Follow(models.Model):
    """A user follows a project, an organisation, a service area or a saved search (the project list's
    query string)."""

    class Target(models.TextChoices):
        PROJECT = "project", _("project")
        ORGANISATION = "organisation", _("organisation")
        SERVICE_AREA = "service_area", _("service area")
        SEARCH = "search", _("saved search")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("user")
    )
    target = models.CharField(_("follows"), max_length=15, choices=Target.choices)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    service_area = models.ForeignKey(
        Term, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("service area")
    )
    search = models.CharField(
        _("saved search"), max_length=1000, blank=True, help_text=_("The project list's query string.")
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "project"], condition=Q(target="project"), name="unique_follow_project"
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"], condition=Q(target="organisation"), name="unique_follow_organisation"
            ),
            models.UniqueConstraint(
                fields=["user", "service_area"], condition=Q(target="service_area"), name="unique_follow_service_area"
            ),
            models.UniqueConstraint(
                fields=["user", "search"], condition=Q(target="search"), name="unique_follow_search"
            ),
            models.CheckConstraint(
                condition=(
                    Q(target="project", project__isnull=False)
                    | Q(target="organisation", organisation__isnull=False)
                    | Q(target="service_area", service_area__isnull=False)
                    | Q(target="search") & ~Q(search="")
                ),
                name="follow_has_its_target",
            ),
        ]
        indexes = [
            models.Index(fields=["project"], condition=Q(target="project"), name="follow_project_idx"),
            models.Index(fields=["organisation"], condition=Q(target="organisation"), name="follow_organisation_idx"),
            models.Index(fields=["service_area"], condition=Q(target="service_area"), name="follow_service_area_idx"),
        ]

    def __str__(self):
        return f"{self.user} → {self.label}"

    @property
    def label(self) -> str:
        if self.target == self.Target.PROJECT:
            return str(self.project)
        if self.target == self.Target.ORGANISATION:
            return str(self.organisation)
        if self.target == self.Target.SERVICE_AREA:
            return str(self.service_area)
        return self.search

    def get_target_url(self) -> str:
        if self.target == self.Target.PROJECT:
            return self.project.get_absolute_url()
        if self.target == self.Target.ORGANISATION:
            return self.organisation.get_absolute_url()
        if self.target == self.Target.SERVICE_AREA:
            return f"{reverse('projects:list')}?service_area={self.service_area.slug}"
        return f"{reverse('projects:list')}?{self.search}"
