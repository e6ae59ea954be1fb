"""Send queued mail through the real backend (OUTBOX_DELIVERY_BACKEND), with retries.

Each message is locked, sent and marked in its own short transaction. On PostgreSQL the lock is
`SELECT … FOR UPDATE SKIP LOCKED`, so several workers (or a worker and a cron run) can drain the queue
at the same time without sending a message twice (SQLite has no row locks: run one worker there).
A failed attempt is recorded with its error and retried later, waiting twice as long each time
(OUTBOX_RETRY_DELAY, at most OUTBOX_MAX_RETRY_DELAY), until OUTBOX_MAX_ATTEMPTS have been used; the
message then stays in the table, marked as failed.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connections, router, transaction
from django.utils import timezone

from .mail import as_email
from .models import Message

logger = logging.getLogger(__name__)


@dataclass
class Result:
    sent: int = 0
    failed: int = 0

    def __bool__(self):
        return bool(self.sent or self.failed)


def _next_due(using: str):
    due = Message.objects.using(using).due().order_by("next_attempt_at", "pk")
    if connections[using].features.has_select_for_update_skip_locked:
        due = due.select_for_update(skip_locked=True)
    return due.first()


def send_queued(*, limit: int = 500, using: str | None = None) -> Result:
    """Send up to `limit` due messages. Never raises for a mail server error: the attempt is recorded."""
    using = using or router.db_for_write(Message)
    backend = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    result = Result()
    for _ in range(limit):
        with transaction.atomic(using=using):
            message = _next_due(using)
            if message is None:
                break
            message.attempts += 1
            try:
                backend.send_messages([as_email(message, connection=backend)])
            except Exception as error:
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                message.next_attempt_at = timezone.now() + message.backoff()
                message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                result.failed += 1
                level = logging.ERROR if message.has_failed else logging.WARNING
                logger.log(level, "Mail %s not sent (attempt %s): %s", message.pk, message.attempts, error)
            else:
                message.sent_at = timezone.now()
                message.last_error = ""
                message.save(update_fields=["attempts", "last_error", "sent_at"])
                result.sent += 1
    return result


def purge_sent(*, days: int, using: str | None = None) -> int:
    """Delete messages sent more than `days` ago (they hold sign-in links and addresses)."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = Message.objects.using(using or router.db_for_write(Message)).filter(sent_at__lt=cutoff).delete()
    return deleted
