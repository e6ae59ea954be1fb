"""KS curation: projects featured on the front page, thematic collections, awards, and the review of newly
published projects. Which rows: the QuerySets here; writes: curation.services."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class FeatureQuerySet(models.QuerySet):
    def current(self, today=None):
        """Shown on the front page today: inside its period (if it has one), and the project still published."""
        today = today or timezone.localdate()
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=today),
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            project__state=Project.State.PUBLISHED,
        )


class Feature(models.Model):
    """A project on the front page, in the curators' order, with a short note."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="feature", verbose_name=_("project"))
    note = models.CharField(
        _("curator's note"), max_length=300, blank=True, help_text=_("One or two sentences: why this project?")
    )
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Lower numbers are shown first."))
    starts_on = models.DateField(_("shown from"), null=True, blank=True, help_text=_("Empty: from now on."))
    ends_on = models.DateField(_("shown until"), null=True, blank=True, help_text=_("Empty: until taken off."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("featured by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FeatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("featured project")
        verbose_name_plural = _("featured projects")
        ordering = ["position", "pk"]

    def __str__(self):
        return str(self.project)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end of the period cannot be before its start.")})

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            (self.starts_on is None or self.starts_on <= today)
            and (self.ends_on is None or self.ends_on >= today)
            and self.project.is_published
        )


class CollectionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        """Published collections for everyone; drafts for curators too."""
        if user is not None and user.is_authenticated and user.is_curator:
            return self
        return self.published()


class Collection(models.Model):
    """A thematic collection of projects, e.g. «Velferdsteknologi som virker»."""

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    introduction = models.TextField(
        _("introduction"), max_length=3000, blank=True, help_text=_("What the projects have in common, for whom.")
    )
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Lower numbers are shown first."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_demo = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["position", "-published_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("curation:collection", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class CollectionItem(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="items", verbose_name=_("collection")
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="collection_items", verbose_name=_("project")
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Why this project is in the collection.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("project in a collection")
        verbose_name_plural = _("projects in collections")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["collection", "project"], name="unique_collection_project")]

    def __str__(self):
        return f"{self.collection}: {self.project}"


class Award(models.Model):
    """A prize or distinction a project received, e.g. «Kommunenes innovasjonspris 2024»."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="awards", verbose_name=_("project"))
    name = models.CharField(_("award"), max_length=150, help_text=_("For example «Kommunenes innovasjonspris»."))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    url = models.URLField(_("link"), blank=True, help_text=_("The announcement, if there is one."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["project", "name", "year"], name="unique_project_award")]

    def __str__(self):
        return f"{self.name} {self.year}"


class Review(models.Model):
    """A curator has looked at a newly published project (it leaves the review queue)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="review", verbose_name=_("project"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return str(self.project)
