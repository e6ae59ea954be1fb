"""Telling people: in the portal's notification list, and by mail.

Call `notify` after the commit (from an activity consumer), never inside a transaction that may still
roll back. The actor is never told about their own action.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Notification

TEXT_LENGTH = Notification._meta.get_field("text").max_length


def notify(*, recipients: Iterable, kind: str, text: str, url: str = "", actor=None, email: bool = True) -> list:
    """Create one notification per recipient (each user once, inactive users and the actor left out) and,
    with `email`, send each recipient a mail with the text and the link. Returns the notifications."""
    actor_id = getattr(actor, "pk", None)
    users, seen = [], set()
    for user in recipients:
        if user is None or user.pk in seen or user.pk == actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    if not users:
        return []
    text = str(text)[:TEXT_LENGTH]
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=user, kind=kind, text=text, url=url, actor=actor if actor_id else None)
            for user in users
        ]
    )
    if email:
        site_url = settings.SITE_URL.rstrip("/")
        context = {
            "text": text,
            "link": f"{site_url}{url}" if url.startswith("/") else url,
            "list_link": f"{site_url}{reverse('notifications:list')}",
            "site_url": site_url,
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text.splitlines()[0][:150]
            body = render_to_string("notifications/email/notification.txt", context)
        for user in users:
            send_mail(subject, body, None, [user.email])
    return created


def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read: the given ones, or all of them. Returns how many changed."""
    rows = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())
