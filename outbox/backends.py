from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import router

from .mail import enqueue, send_on_commit
from .models import Message


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND for the portal: writes each message to the outbox table instead of sending it.

    The message is part of the current transaction, so it is sent only if the change it tells about
    is saved, and a mail server outage never reaches the visitor. `manage.py send_queued_mail` sends it
    through OUTBOX_DELIVERY_BACKEND (SMTP in production). With OUTBOX_SEND_ON_COMMIT (on in development),
    the queue is also drained in-process right after the commit, so mail shows up on the console at once.
    """

    def send_messages(self, email_messages):
        using = router.db_for_write(Message)
        count = 0
        for message in email_messages:
            try:
                enqueue(message, using=using)
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                count += 1
        if count and settings.OUTBOX_SEND_ON_COMMIT:
            send_on_commit(using)
        return count
