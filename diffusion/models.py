"""Adoptions (ibruktakelser): an organisation has taken, is trying or is considering a solution from another
organisation's project. Two-sided, dated and typed: the adopter declares it, the source's editors confirm or
dispute it, and every change is kept in AdoptionEvent. Writes go through diffusion.services.

Every count of adoptions shown anywhere comes from `AdoptionQuerySet.counted()`, which reads the stored
`is_counted` flag; `Adoption.counts()` is the one rule that sets it (so the project list in `projects`, which may
not import this app, filters on `adoptions__is_counted` and agrees with every other page)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation
from projects.models import Benefit, Presentation, Project, listed_condition


class AdoptionQuerySet(models.QuerySet):
    def counted(self):
        """Adoptions that count: considering, trying or in use, and not disputed by the source. Ended and
        withdrawn adoptions stay in the history but stop counting."""
        return self.filter(is_counted=True)

    def confirmed(self):
        return self.filter(confirmation=Adoption.Confirmation.CONFIRMED)

    def of_listed_sources(self):
        """Adoptions of projects anyone may see (`ProjectQuerySet.listed()`: published, or archived after being
        published). Written as "the source is not unlisted": the few unlisted projects (drafts) come from a small
        partial index (`project_unlisted_idx`), where a join looked up every source's state."""
        unlisted = Project.objects.filter(pk=OuterRef("source_id")).exclude(listed_condition())
        return self.filter(~Exists(unlisted))

    def by_organisations(self, organisations):
        return self.filter(organisation__in=organisations)

    def declared_by_member(self, user):
        """Adoptions the user may change: those of organisations they are an approved member of."""
        return self.filter(organisation__in=Organisation.objects.member_of(user))

    def confirmable_by(self, user):
        """Adoptions whose source project the user may edit: its editors confirm or dispute them."""
        return self.filter(source__in=Project.objects.editable_by(user))

    def status_counts(self) -> dict[str, int]:
        return dict(self.order_by().values_list("status").annotate(n=Count("pk")))

    def per_source(self) -> dict[int, int]:
        """{source project id: number of counted adoptions} in one query."""
        return dict(self.counted().order_by().values_list("source_id").annotate(n=Count("pk")))


class Adoption(models.Model):
    class Kind(models.TextChoices):
        COPY = "copy", _("direct copy")
        ADAPTED = "adapted", _("adapted")
        INSPIRED = "inspired", _("inspired by")

    class Status(models.TextChoices):
        CONSIDERING = "considering", _("considering")
        TRIAL = "trial", _("trying it out")
        IN_USE = "in_use", _("in use")
        ENDED = "ended", _("ended")
        WITHDRAWN = "withdrawn", _("withdrawn")

    ACTIVE = (Status.CONSIDERING, Status.TRIAL, Status.IN_USE)
    # What the adopter may choose on the form (withdrawing is its own button).
    DECLARABLE = (Status.CONSIDERING, Status.TRIAL, Status.IN_USE, Status.ENDED)

    class Confirmation(models.TextChoices):
        PENDING = "pending", _("not yet confirmed")
        CONFIRMED = "confirmed", _("confirmed by the source")
        DISPUTED = "disputed", _("disputed by the source")

    class Channel(models.TextChoices):
        SPRE = "spre", _("Spre")
        INTERNAL = Presentation.Channel.INTERNAL.value, Presentation.Channel.INTERNAL.label
        PORTAL = Presentation.Channel.PORTAL.value, _("another sharing portal")
        CONFERENCE = Presentation.Channel.CONFERENCE.value, Presentation.Channel.CONFERENCE.label
        SOCIAL_MEDIA = Presentation.Channel.SOCIAL_MEDIA.value, Presentation.Channel.SOCIAL_MEDIA.label
        STUDY_VISIT = Presentation.Channel.STUDY_VISIT.value, Presentation.Channel.STUDY_VISIT.label
        RESEARCH = Presentation.Channel.RESEARCH.value, Presentation.Channel.RESEARCH.label
        REGIONAL = Presentation.Channel.REGIONAL.value, Presentation.Channel.REGIONAL.label
        NETWORK = Presentation.Channel.NETWORK.value, Presentation.Channel.NETWORK.label
        OTHER = "other", _("other")

    source = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("source project")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("adopting organisation")
    )
    kind = models.CharField(_("kind of adoption"), max_length=10, choices=Kind.choices, default=Kind.ADAPTED)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONSIDERING)
    ended_reason = models.TextField(
        _("why it ended"), blank=True, max_length=2000, help_text=_("Required when the adoption has ended.")
    )
    channel = models.CharField(
        _("where you found it"),
        max_length=15,
        choices=Channel.choices,
        default=Channel.SPRE,
        help_text=_("The channel through which your organisation learnt about the solution."),
    )
    own_project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoption_records",
        verbose_name=_("our own project"),
        help_text=_("Your organisation's own project about the solution, if there is one."),
    )
    started_on = models.DateField(
        _("since"), default=timezone.localdate, help_text=_("When your organisation started with the solution.")
    )
    status_since = models.DateField(_("status since"), default=timezone.localdate)
    confirmation = models.CharField(
        _("confirmation"), max_length=10, choices=Confirmation.choices, default=Confirmation.PENDING
    )
    confirmed_at = models.DateTimeField(_("confirmed or disputed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or disputed by"),
    )
    dispute_reason = models.TextField(_("why the source disputes it"), blank=True, max_length=2000)
    # Reporting back to the source ("Erfaringer fra de som har tatt den i bruk")
    changed = models.TextField(
        _("what we changed"), blank=True, max_length=4000, help_text=_("What you did differently from the source.")
    )
    learned = models.TextField(
        _("what we learned"), blank=True, max_length=4000, help_text=_("Including what did not work.")
    )
    reported_at = models.DateTimeField(_("experiences reported"), null=True, blank=True)
    is_counted = models.BooleanField(
        _("counts"), default=True, editable=False, help_text=_("Set from the status and the confirmation.")
    )
    is_demo = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declared by"),
    )
    created_at = models.DateTimeField(_("declared"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "organisation"], name="unique_adoption_per_organisation"),
            models.CheckConstraint(
                condition=~Q(status="ended") | ~Q(ended_reason=""), name="adoption_ended_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["source", "is_counted"], name="adoption_source_counted_idx"),
            models.Index(fields=["organisation", "is_counted"], name="adoption_org_counted_idx"),
            # An organisation's latest adoptions (its page): the index is walked until enough visible ones are found.
            models.Index(
                fields=["organisation", "-started_on", "-id"],
                condition=models.Q(is_counted=True),
                name="adoption_org_latest_idx",
            ),
            models.Index(fields=["-created_at"], name="adoption_created_idx"),
            # The Atom feed of confirmed adoptions: newest confirmation first, read in order and cut at 100.
            models.Index(
                fields=["-confirmed_at", "-id"],
                condition=Q(is_counted=True, confirmation="confirmed"),
                name="adoption_confirmed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ← {self.source}"

    def get_absolute_url(self):
        return reverse("diffusion:adoption", kwargs={"pk": self.pk})

    # Single-object rules
    def counts(self) -> bool:
        """The one rule for what counts: active and not disputed."""
        return self.status in self.ACTIVE and self.confirmation != self.Confirmation.DISPUTED

    @property
    def is_confirmed(self) -> bool:
        return self.confirmation == self.Confirmation.CONFIRMED

    @property
    def is_disputed(self) -> bool:
        return self.confirmation == self.Confirmation.DISPUTED

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def has_report(self) -> bool:
        return bool(self.changed or self.learned or self.reported_at)

    def can_change(self, user) -> bool:
        """Approved members of the adopting organisation (and curators) declare and change it."""
        if user is None or not user.is_authenticated:
            return False
        if user.is_curator:
            return True
        return Organisation.objects.member_of(user).filter(pk=self.organisation_id).exists()

    def can_confirm(self, user) -> bool:
        """Editors of the source project confirm or dispute it."""
        return self.source.can_edit(user)


class AdoptionEvent(models.Model):
    """One change of an adoption, kept for ever: what it became, when, by whom, on whose behalf."""

    class Action(models.TextChoices):
        DECLARED = "declared", _("declared")
        COPIED = "copied", _("copied the project")
        CHANGED = "changed", _("changed")
        CONFIRMED = "confirmed", _("confirmed")
        DISPUTED = "disputed", _("disputed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REPORTED = "reported", _("reported experiences")

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="events", verbose_name=_("adoption"))
    action = models.CharField(_("what happened"), max_length=10, choices=Action.choices)
    status = models.CharField(_("status"), max_length=12, choices=Adoption.Status.choices)
    kind = models.CharField(_("kind of adoption"), max_length=10, choices=Adoption.Kind.choices)
    confirmation = models.CharField(_("confirmation"), max_length=10, choices=Adoption.Confirmation.choices)
    date = models.DateField(_("date"), help_text=_("When the status took effect."))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    on_behalf_of = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption event")
        verbose_name_plural = _("adoption events")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.adoption}: {self.get_action_display()}"


class AdoptionBenefit(models.Model):
    """A benefit the adopter got (the same shape as a project's benefits)."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="benefits", verbose_name=_("adoption")
    )
    indicator = models.CharField(_("indicator"), max_length=200, help_text=_("For example «sickness absence»."))
    baseline = models.CharField(_("baseline"), max_length=100, blank=True)
    result = models.CharField(_("result"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("For example «%» or «hours per week»."))
    measured_on = models.DateField(_("date"), null=True, blank=True)
    documentation = models.CharField(
        _("how it was documented"), max_length=20, choices=Benefit.Documentation.choices, blank=True
    )

    class Meta:
        verbose_name = _("adopter's benefit")
        verbose_name_plural = _("adopters' benefits")
        ordering = ["pk"]

    def __str__(self):
        return self.indicator
