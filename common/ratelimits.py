"""Rate limits on posting (membership requests, projects). Logins and sign-ups are limited by allauth.

Uses django-ratelimit's counters in the default cache (Redis or the database in production, shared by all
workers). When the cache is unreachable the limits fail open (see portal.cache).
"""

from functools import wraps

from django.shortcuts import render
from django_ratelimit.decorators import ratelimit


def limit_posts(rate: str):
    """Allow `rate` POSTs (e.g. "20/h") per user, or per IP address when anonymous; then answer 429."""

    def decorator(view):
        @ratelimit(key="user_or_ip", rate=rate, method="POST", block=False)
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(request, "limited", False):
                return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
