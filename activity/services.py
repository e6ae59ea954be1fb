"""Writing to the activity log, and handing each record to its consumers after the commit.

Consumers are listed in settings.ACTIVITY_CONSUMERS as dotted paths to functions taking one
Activity. They run in `transaction.on_commit`, so a rolled-back write is never announced, and a
consumer that fails is logged without undoing the write or stopping the other consumers. This is
how the product apps react to each other without importing each other and without signals.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.module_loading import import_string

from .models import Activity

logger = logging.getLogger(__name__)


def log_action(*, verb: str, by=None, organisation=None, subject=None, data: dict | None = None) -> Activity:
    """Record that `by` did `verb` to `subject` on behalf of (or to) `organisation`. Call it inside the
    service's transaction; consumers are run once the transaction commits."""
    activity = Activity.objects.create(
        verb=verb,
        user=by if by is not None and by.is_authenticated else None,
        organisation=organisation,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        subject_repr=str(subject)[:300] if subject is not None else "",
        data=data or {},
    )
    transaction.on_commit(lambda: dispatch(activity))
    return activity


def consumers():
    return [import_string(path) for path in getattr(settings, "ACTIVITY_CONSUMERS", [])]


def dispatch(activity: Activity) -> None:
    for consumer in consumers():
        try:
            consumer(activity)
        except Exception:  # one consumer's failure must not stop the others or the request
            logger.exception("Activity consumer %s failed on %s", consumer, activity.pk)
