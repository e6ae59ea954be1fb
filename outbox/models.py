from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, now=None):
        """Unsent messages whose next attempt has come and that have attempts left."""
        return self.unsent().filter(
            next_attempt_at__lte=now or timezone.now(), attempts__lt=settings.OUTBOX_MAX_ATTEMPTS
        )

    def failed(self):
        """Given up on: every attempt used."""
        return self.unsent().filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS)


class Message(models.Model):
    """One outgoing email, stored in the same transaction as the change it tells about and sent later
    by `manage.py send_queued_mail`, with retries, so a mail server outage loses nothing."""

    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{', '.join(self.to)}: {self.subject}"

    @property
    def has_failed(self) -> bool:
        return self.sent_at is None and self.attempts >= settings.OUTBOX_MAX_ATTEMPTS

    def backoff(self) -> timedelta:
        """Wait before the next attempt: doubling from OUTBOX_RETRY_DELAY, at most OUTBOX_MAX_RETRY_DELAY."""
        seconds = settings.OUTBOX_RETRY_DELAY * 2 ** max(self.attempts - 1, 0)
        return timedelta(seconds=min(seconds, settings.OUTBOX_MAX_RETRY_DELAY))
