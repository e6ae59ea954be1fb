from .models import Notification


def unread(request):
    """The unread count for the header: one small query, for signed-in users only, and only when shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: Notification.objects.for_user(user).unread().count()}
