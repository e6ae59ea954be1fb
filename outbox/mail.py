"""Queue outgoing mail; `delivery.send_queued()` (the `send_queued_mail` command) sends it.

Every email the portal sends goes through here: EMAIL_BACKEND is `outbox.backends.QueuedEmailBackend`,
so Django's `send_mail()`, allauth and anything else that uses Django's mail API only writes a row.
"""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

from .models import Message


def enqueue(message: EmailMessage, *, using: str | None = None) -> Message:
    """Store a Django EmailMessage (text, optionally with an HTML alternative) for sending."""
    if message.attachments:
        raise ValueError("The outbox does not queue attachments.")
    html_body = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype != "text/html" or html_body:
            raise ValueError(f"The outbox queues one text/html alternative, not {mimetype}.")
        html_body = content
    if message.content_subtype == "html":  # an HTML-only message
        html_body, body = message.body, ""
    else:
        body = message.body
    return Message.objects.using(using).create(
        from_email=message.from_email,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        subject=message.subject,
        body=body,
        html_body=html_body,
        headers=dict(message.extra_headers),
    )


def queue_mail(
    subject: str,
    body: str,
    to: list[str],
    *,
    from_email: str | None = None,
    html_body: str = "",
    headers: dict | None = None,
) -> Message:
    """Queue one email; it is sent after the surrounding transaction commits (nothing if it rolls back)."""
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return enqueue(message)


def as_email(message: Message, connection=None) -> EmailMessage:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.headers,
        connection=connection,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    return email


def send_on_commit(using: str | None = None) -> None:
    """Drain the queue once the current transaction commits (development: mail shows up at once)."""
    from .delivery import send_queued

    transaction.on_commit(lambda: send_queued(using=using), using=using)
