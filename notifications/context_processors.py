from common.pagecache import cached_for_user

from .models import Notification


def unread(request):
    """The unread count for the header, for signed-in users only and only when shown: from the cache until a
    notification of theirs is created or read (`notifications.services` calls `user_changed`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: unread_count(user)}


def unread_count(user) -> int:
    return cached_for_user("unread", user, [], lambda: Notification.objects.for_user(user).unread().count())
