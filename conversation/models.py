"""Comments and questions on projects, their edit history, reports, and users blocked from commenting.

Rules about one comment are model methods; which comments someone sees is `CommentQuerySet`; every write
goes through conversation.services."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation
from projects.models import Project

MAX_LENGTH = 4000
MIN_LENGTH = 2
REASON_MAX_LENGTH = 500


class CommentQuerySet(models.QuerySet):
    def on(self, project):
        return self.filter(project=project)

    def threads(self):
        """Top-level comments (questions and comments), answered questions first ("Spørsmål og svar"),
        then the newest."""
        return self.filter(parent__isnull=True).order_by(
            models.Case(models.When(answer__isnull=False, then=0), default=1), "-created_at", "-pk"
        )

    def hidden(self):
        return self.filter(hidden_at__isnull=False)

    def readable_by(self, user, *, moderator: bool = False):
        """Comments whose text the user is shown (`Comment.shows_text_to` for many): never the deleted ones; the
        hidden ones only for the moderators and their authors."""
        shown = self.filter(deleted_at__isnull=True)
        if moderator:
            return shown
        visible = Q(hidden_at__isnull=True)
        if user is not None and user.is_authenticated:
            visible |= Q(author=user)
        return shown.filter(visible)

    def reported(self):
        """Comments with open reports (not yet hidden or dismissed)."""
        # A report row with resolved_at empty: `reports__resolved_at__isnull` alone would also match, through the
        # LEFT JOIN, every comment that was never reported.
        return self.filter(
            reports__isnull=False, reports__resolved_at__isnull=True, hidden_at__isnull=True, deleted_at__isnull=True
        ).distinct()

    def moderated_by(self, user):
        """Comments the user may hide and restore: all for portal admins (curators), those on projects of
        organisations the user administers for organisation admins."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_curator:
            return self
        return self.filter(
            project__in=Project.objects.owned_by_organisations(Organisation.objects.administered_by(user))
        )


class Comment(models.Model):
    """A comment or question on a published project, or a reply to one (one level of replies)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments", verbose_name=_("project"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation the author wrote from."),
    )
    author_title = models.CharField(
        _("author's role"), max_length=150, blank=True, help_text=_("The author's job title when they wrote it.")
    )
    is_question = models.BooleanField(_("question"), default=False)
    answer = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer"),
        help_text=_("The reply the project's editors marked as the answer to this question."),
    )
    text = models.TextField(_("text"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted by the author"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("why it was hidden"), max_length=REASON_MAX_LENGTH, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["project", "parent", "-created_at"], name="comment_project_idx"),
            models.Index(fields=["author", "-created_at"], name="comment_author_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | Q(is_question=False), name="comment_reply_is_no_question"
            ),
        ]

    def __str__(self):
        return f"{self.author or '–'}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.project.get_absolute_url()}#kommentar-{self.pk}"

    def get_url(self, action: str) -> str:
        return reverse(f"conversation:{action}", kwargs={"slug": self.project.slug, "pk": self.pk})

    @property
    def author_name(self) -> str:
        """The name shown: the author's full name, never their email address."""
        if self.author is None:
            return str(_("A deleted user"))
        if self.author.full_name:
            return self.author.full_name
        if self.organisation_id:
            return str(_("A member of %(organisation)s") % {"organisation": self.organisation})
        return str(_("A member"))

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    def is_author(self, user) -> bool:
        return user is not None and user.is_authenticated and self.author_id == user.pk

    def can_edit(self, user) -> bool:
        """Authors edit and delete their own comments while they stand (not deleted, not hidden)."""
        return self.is_author(user) and not self.is_deleted and not self.is_hidden

    def shows_text_to(self, user, *, moderator: bool = False) -> bool:
        """A hidden comment's text is for its author and the moderators; a deleted one's for nobody."""
        if self.is_deleted:
            return False
        return not self.is_hidden or moderator or self.is_author(user)


class CommentRevision(models.Model):
    """An earlier text of an edited comment (the history is kept)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("comment"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written"), help_text=_("When this text was written."))
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier text")
        verbose_name_plural = _("earlier texts")
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return self.text[:60]


class CommentReport(models.Model):
    """Someone signed in told the moderators that a comment breaks the rules."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("reported by")
    )
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(
        _("handled"), null=True, blank=True, help_text=_("When a moderator hid the comment or dismissed the report.")
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="unique_comment_report")]

    def __str__(self):
        return self.reason[:60]


class CommentingBlock(models.Model):
    """A user whose comments were hidden repeatedly, blocked from commenting by a portal admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commenting_block", verbose_name=_("user")
    )
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("blocked by"),
    )
    created_at = models.DateTimeField(_("blocked"), auto_now_add=True)

    class Meta:
        verbose_name = _("block from commenting")
        verbose_name_plural = _("blocks from commenting")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.user)
