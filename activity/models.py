"""The activity log: one record of everything that happens in the portal, written by the services
inside their transactions (the pattern of pretix's `log_action`).

`ProjectVersion` stays the store of a project's content; an `Activity` records that something
happened: who did it, on behalf of which organisation, what (a verb from a fixed list), to what
(any object: a project, a membership, an organisation), with a small JSON payload. Notifications,
statistics, the curators' queues and the API's change feed read from it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityQuerySet(models.QuerySet):
    def about(self, obj):
        """What happened to one object (a project, a membership …), newest first."""
        return self.filter(subject_type=ContentType.objects.get_for_model(obj), subject_id=obj.pk).order_by(
            "-created_at", "-pk"
        )

    def of_organisation(self, organisation):
        """The organisation's log: what was done on its behalf or to it."""
        return self.filter(organisation=organisation).order_by("-created_at", "-pk")

    def public(self):
        """Events anyone who can see the subject may read about (not edits or membership matters)."""
        return self.filter(verb__in=Activity.PUBLIC_VERBS)


class Activity(models.Model):
    class Verb(models.TextChoices):
        PROJECT_CREATED = "project.created", _("created the project")
        PROJECT_EDITED = "project.edited", _("edited the project")
        PROJECT_PUBLISHED = "project.published", _("published the project")
        PROJECT_ARCHIVED = "project.archived", _("archived the project")
        PROJECT_UNARCHIVED = "project.unarchived", _("restored the project from the archive")
        PROJECT_REVERTED = "project.reverted", _("restored an earlier version")
        PROJECT_PHASE_CHANGED = "project.phase_changed", _("moved the project to a new phase")
        PROJECT_STATUS_CHANGED = "project.status_changed", _("changed the project's status")
        MEMBERSHIP_REQUESTED = "membership.requested", _("asked to become a member")
        MEMBERSHIP_AUTO_APPROVED = "membership.auto_approved", _("became a member through the email domain")
        MEMBERSHIP_APPROVED = "membership.approved", _("approved a membership")
        MEMBERSHIP_REJECTED = "membership.rejected", _("rejected a membership request")
        MEMBERSHIP_ROLE_CHANGED = "membership.role_changed", _("changed a member's role")
        MEMBERSHIP_REMOVED = "membership.removed", _("removed a member")
        MEMBERSHIP_LEFT = "membership.left", _("left the organisation")
        MEMBERSHIP_ROLE_REQUESTED = "membership.role_requested", _("asked for another role")
        MEMBERSHIP_ROLE_GRANTED = "membership.role_granted", _("gave a member the role they asked for")
        MEMBERSHIP_ROLE_REFUSED = "membership.role_refused", _("refused a member's request for another role")
        MEMBERSHIP_ROLE_REQUEST_WITHDRAWN = (
            "membership.role_request_withdrawn",
            _("withdrew a request for another role"),
        )
        MEMBERSHIP_ADMIN_HANDED_OVER = "membership.admin_handed_over", _("took over as administrator")
        EMAIL_DOMAIN_ADDED = "email_domain.added", _("added an email domain")
        EMAIL_DOMAIN_VERIFIED = "email_domain.verified", _("verified an email domain")
        EMAIL_DOMAIN_REMOVED = "email_domain.removed", _("removed an email domain")
        # CopyCat and diffusion (diffusion/)
        PROJECT_COPIED = "project.copied", _("copied the project into their organisation")
        ADOPTION_DECLARED = "adoption.declared", _("declared that they have taken the solution into use")
        ADOPTION_STATUS_CHANGED = "adoption.status_changed", _("changed the status of an adoption")
        ADOPTION_CONFIRMED = "adoption.confirmed", _("confirmed an adoption")
        ADOPTION_DISPUTED = "adoption.disputed", _("disputed an adoption")
        ADOPTION_WITHDRAWN = "adoption.withdrawn", _("withdrew an adoption")
        # Conversation and following (conversation/, notifications/)
        COMMENT_POSTED = "comment.posted", _("commented")
        QUESTION_ASKED = "comment.question_asked", _("asked a question")
        COMMENT_REPLIED = "comment.replied", _("replied to a comment")
        COMMENT_EDITED = "comment.edited", _("edited a comment")
        COMMENT_DELETED = "comment.deleted", _("deleted a comment")
        COMMENT_ANSWER_MARKED = "comment.answer_marked", _("marked a reply as the answer")
        COMMENT_REPORTED = "comment.reported", _("reported a comment")
        COMMENT_HIDDEN = "comment.hidden", _("hid a comment")
        COMMENT_RESTORED = "comment.restored", _("restored a hidden comment")
        USER_BLOCKED_FROM_COMMENTING = "user.comment_blocked", _("blocked a user from commenting")
        USER_UNBLOCKED_FROM_COMMENTING = "user.comment_unblocked", _("let a user comment again")
        # Curation (curation/) and open days (opendays/)
        PROJECT_FEATURED = "project.featured", _("featured the project on the front page")
        PROJECT_UNFEATURED = "project.unfeatured", _("took the project off the front page")
        PROJECT_SENT_BACK = "project.sent_back", _("sent the project back to draft")
        AWARD_GIVEN = "award.given", _("recorded an award")
        AWARD_REMOVED = "award.removed", _("removed an award")
        COLLECTION_PUBLISHED = "collection.published", _("published a collection")
        COLLECTION_CHANGED = "collection.changed", _("changed a collection")
        OPEN_DAY_PUBLISHED = "open_day.published", _("published an open day")
        OPEN_DAY_CHANGED = "open_day.changed", _("changed an open day")
        OPEN_DAY_CANCELLED = "open_day.cancelled", _("cancelled an open day")
        OPEN_DAY_SIGNED_UP = "open_day.signed_up", _("signed up for an open day")
        OPEN_DAY_SIGN_UP_CANCELLED = "open_day.sign_up_cancelled", _("cancelled a sign-up for an open day")
        OPEN_DAY_MESSAGE_SENT = "open_day.message_sent", _("sent a message to the participants")

    PUBLIC_VERBS = [
        Verb.PROJECT_PUBLISHED,
        Verb.PROJECT_ARCHIVED,
        Verb.PROJECT_UNARCHIVED,
        Verb.PROJECT_PHASE_CHANGED,
        Verb.PROJECT_STATUS_CHANGED,
        Verb.ADOPTION_DECLARED,
        Verb.ADOPTION_STATUS_CHANGED,
        Verb.ADOPTION_CONFIRMED,
        Verb.AWARD_GIVEN,
        Verb.OPEN_DAY_PUBLISHED,
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    organisation = models.ForeignKey(
        # By name, not by import: the log sits below the apps that write to it (see ARCHITECTURE.md).
        "municipalities.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("organisation"),
        help_text=_("The organisation it was done on behalf of, or to."),
    )
    verb = models.CharField(_("what happened"), max_length=40, choices=Verb.choices)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("subject type")
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_repr = models.CharField(
        _("subject"), max_length=300, blank=True, help_text=_("What it concerned, as it was called then.")
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "-created_at"], name="activity_subject_idx"),
            models.Index(fields=["organisation", "-created_at"], name="activity_organisation_idx"),
            models.Index(fields=["-created_at"], name="activity_created_idx"),
        ]

    def __str__(self):
        return f"{self.get_verb_display()}: {self.subject_repr}"

    @property
    def is_public(self) -> bool:
        return self.verb in self.PUBLIC_VERBS
