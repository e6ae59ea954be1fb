"""Telling people: in the portal's notification list, by mail at once, or in a daily or weekly digest, as
each user chose per kind (a weekly digest unless they chose otherwise); and following.

Call `notify` after the commit (from an activity consumer), never inside a transaction that may still
roll back. The actor is never told about their own action.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.pagecache import user_changed

from .models import Follow, Frequency, Kind, Notification, Preference, default_frequency, kind_of

TEXT_LENGTH = Notification._meta.get_field("text").max_length
UNSUBSCRIBE_SALT = "notifications.unsubscribe"


# Preferences


def frequencies(users: Iterable, kind: str) -> dict[int, str]:
    """Each user's chosen frequency for a kind, in one query (the default for those who chose nothing)."""
    ids = [user.pk for user in users]
    chosen = dict(Preference.objects.filter(user_id__in=ids, kind=kind_of(kind)).values_list("user_id", "frequency"))
    default = default_frequency(kind_of(kind))
    return {pk: chosen.get(pk, default) for pk in ids}


def preferences_of(user) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, default_frequency(kind)) for kind in Kind.values}


@transaction.atomic
def set_preferences(*, user, choices: dict[str, str]) -> None:
    """Save the user's frequency per kind. Notifications still waiting for a digest follow the new choice."""
    for kind, frequency in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})
        waiting = Notification.objects.for_user(user).filter(emailed_at__isnull=True, delivery__in=["daily", "weekly"])
        mine = [n.pk for n in waiting if n.preference_kind == kind]
        if not mine:
            continue
        if frequency in (Frequency.DAILY, Frequency.WEEKLY):
            Notification.objects.filter(pk__in=mine).update(delivery=frequency)
        else:  # off, or immediately from now on: what waited is not mailed after all (it stays in the list)
            Notification.objects.filter(pk__in=mine).update(delivery="none")


def unsubscribe_token(user, kinds: Iterable[str]) -> str:
    return signing.dumps({"u": user.pk, "k": sorted(set(kinds))}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str):
    """(user, kinds) from a signed token, or None when it is not ours."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    kinds = [kind for kind in data.get("k", []) if kind in Kind.values]
    if user is None or not kinds:
        return None
    return user, kinds


def unsubscribe(*, user, kinds: Iterable[str]) -> None:
    set_preferences(user=user, choices=dict.fromkeys(kinds, Frequency.OFF))


def _unsubscribe_url(user, kinds) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kinds)])


def _list_headers(url: str) -> dict:
    """RFC 2369 and RFC 8058: one-click unsubscribe for mail clients (a POST to the signed URL)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# Notifying


def _absolute(url: str) -> str:
    site_url = settings.SITE_URL.rstrip("/")
    return f"{site_url}{url}" if url.startswith("/") else url


@transaction.atomic
def notify(*, recipients: Iterable, kind: str, text: str, url: str = "", actor=None, email: bool = True) -> list:
    """Create one notification per recipient (each user once, inactive users and the actor left out, and
    those who turned the kind off), as each recipient chose: with `email`, mailed at once or kept for
    their daily or weekly digest. Returns the notifications. The queries do not grow with the recipients
    unless they chose mail at once (one queued message each)."""
    actor_id = getattr(actor, "pk", None)
    users, seen = [], set()
    for user in recipients:
        if user is None or user.pk in seen or user.pk == actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    if not users:
        return []
    chosen = frequencies(users, kind)
    users = [user for user in users if chosen[user.pk] != Frequency.OFF]
    if not users:
        return []
    text = str(text)[:TEXT_LENGTH]
    now = timezone.now()

    def delivery(user) -> str:
        return chosen[user.pk] if email else "none"

    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                text=text,
                url=url,
                actor=actor if actor_id else None,
                delivery=delivery(user),
                emailed_at=now if delivery(user) == Frequency.IMMEDIATELY else None,
            )
            for user in users
        ]
    )
    user_changed(*(user.pk for user in users))  # their unread counts
    at_once = [user for user in users if delivery(user) == Frequency.IMMEDIATELY]
    if at_once:
        preference_kind = kind_of(kind)
        messages = []
        with translation.override(settings.LANGUAGE_CODE):
            subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text.splitlines()[0][:150]
            for user in at_once:
                unsubscribe_url = _unsubscribe_url(user, [preference_kind])
                context = {
                    "text": text,
                    "link": _absolute(url),
                    "list_link": _absolute(reverse("notifications:list")),
                    "preferences_link": _absolute(reverse("notifications:preferences")),
                    "unsubscribe_link": unsubscribe_url,
                    "kind_label": Kind(preference_kind).label,
                    "site_url": settings.SITE_URL.rstrip("/"),
                }
                body = render_to_string("notifications/email/notification.txt", context)
                messages.append(
                    EmailMultiAlternatives(subject, body, None, [user.email], headers=_list_headers(unsubscribe_url))
                )
        messages[0].get_connection().send_messages(messages)
    return created


def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read: the given ones, or all of them. Returns how many changed."""
    rows = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    changed = rows.update(read_at=timezone.now())
    if changed:
        user_changed(user.pk)
    return changed


# Digests


def _digest_message(user, rows: list[Notification], frequency: str) -> EmailMultiAlternatives:
    groups = defaultdict(list)
    for row in rows:
        groups[row.preference_kind].append(row)
    kinds = [kind for kind in Kind.values if kind in groups]
    unsubscribe_all = _unsubscribe_url(user, kinds)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "daily": frequency == Frequency.DAILY,
            "count": len(rows),
            "groups": [
                {
                    "label": Kind(kind).label,
                    "items": [
                        {"text": row.text, "link": _absolute(row.url) if row.url else ""} for row in groups[kind]
                    ],
                    "unsubscribe_link": _unsubscribe_url(user, [kind]),
                }
                for kind in kinds
            ],
            "list_link": _absolute(reverse("notifications:list")),
            "preferences_link": _absolute(reverse("notifications:preferences")),
            "unsubscribe_link": unsubscribe_all,
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        count = len(rows)
        if frequency == Frequency.DAILY:
            subject = ngettext(
                "Today on Spre: %(counter)s new notification", "Today on Spre: %(counter)s new notifications", count
            ) % {"counter": count}
            context["intro"] = _("This is what happened on Spre since yesterday that concerns you.")
        else:
            subject = ngettext(
                "This week on Spre: %(counter)s new notification",
                "This week on Spre: %(counter)s new notifications",
                count,
            ) % {"counter": count}
            context["intro"] = _("This is what happened on Spre this week that concerns you.")
        context["subject"] = subject
        body = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string("notifications/email/digest.html", context)
    message = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        None,
        [user.email],
        headers=_list_headers(unsubscribe_all),
    )
    message.attach_alternative(html, "text/html")
    return message


def send_digests(*, frequency: str) -> int:
    """Send each user with waiting notifications of this frequency one digest. Returns how many were sent.

    Safe to run twice at once and to crash: each user's rows are locked (others skip them), and the digest
    is queued in the outbox in the same transaction that marks the rows emailed, so either both happen or
    neither. A user with nothing waiting gets nothing."""
    if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
        raise ValueError(f"Digests are daily or weekly, not {frequency}.")
    sent = 0
    recipient_ids = (
        Notification.objects.awaiting_digest(frequency).values_list("recipient_id", flat=True).distinct().order_by()
    )
    for recipient_id in list(recipient_ids):
        with transaction.atomic():
            rows = list(
                Notification.objects.awaiting_digest(frequency)
                .filter(recipient_id=recipient_id)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .order_by("created_at", "pk")
            )
            if not rows:
                continue  # another run has them, or sent them already
            user = rows[0].recipient
            if user.is_active and user.email:
                _digest_message(user, rows, frequency).send()
                sent += 1
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(emailed_at=timezone.now())
    return sent


# Following


def normalise_search(query: str) -> str:
    """A saved search: the project list's query string without the page, its parameters in a stable order."""
    data = QueryDict(query or "")
    pairs = sorted(
        (key, value) for key in data for value in data.getlist(key) if key not in ("page", "sort") and value.strip()
    )
    return urlencode(pairs)


@transaction.atomic
def follow(*, user, target: str, obj=None, search: str = "") -> Follow:
    fields = {"user": user, "target": target}
    if target == Follow.Target.SEARCH:
        search = normalise_search(search)
        if not search:
            raise ValueError("An empty search cannot be followed.")
        fields["search"] = search
    else:
        fields[target] = obj
    existing = Follow.objects.filter(**fields).first()
    if existing:
        return existing
    user_changed(user.pk)  # the follow buttons and «Mine sider»
    try:
        with transaction.atomic():
            return Follow.objects.create(**fields)
    except IntegrityError:  # followed in the very same moment
        return Follow.objects.get(**fields)


def unfollow(*, follow: Follow) -> None:
    user_changed(follow.user_id)
    follow.delete()


def unfollow_target(*, user, target: str, obj=None, search: str = "") -> None:
    """Stop following a target (a project, an organisation, a service area, or a normalised search)."""
    lookup = {"search": search} if target == Follow.Target.SEARCH else {target: obj}
    user_changed(user.pk)
    Follow.objects.filter(user=user, target=target, **lookup).delete()


def followers(**target):
    """Active users following a target, e.g. followers(project=p) or followers(service_area__in=terms)."""
    return get_user_model().objects.filter(is_active=True, follows__in=Follow.objects.filter(**target)).distinct()


def describe_follow(target: str, obj=None, search: str = "") -> str:
    if target == Follow.Target.SEARCH:
        return _("the search %(search)s") % {"search": search}
    return str(obj)
