"""allauth's account pages on Norwegian paths (/konto/logg-inn/ …); the English ones redirect permanently.

Each of allauth's URL patterns is repeated here with its literal path segments translated, keeping allauth's
view and URL name (so `{% url 'account_login' %}` and allauth's own links give the Norwegian path), and its
old English path answers with a 301 to the new one, query string kept (old bookmarks and mailed links work).
"""

import re

from allauth.account import urls as allauth_urls
from django.http import HttpResponsePermanentRedirect
from django.urls import URLPattern, re_path, reverse
from django.urls.resolvers import RoutePattern

SEGMENTS = {
    "login": "logg-inn",
    "logout": "logg-ut",
    "inactive": "deaktivert",
    "signup": "opprett-konto",
    "reauthenticate": "bekreft-tilgang",
    "code": "kode",
    "confirm": "bekreft",
    "email": "e-post",
    "confirm-email": "bekreft-e-post",
    "password": "passord",
    "change": "endre",
    "set": "velg",
    "reset": "tilbakestill",
    "key": "nokkel",
    "done": "ferdig",
}
LITERAL = re.compile(r"(?<![\w-])([a-z][a-z-]*)(?=/)")


def norwegian(route: str) -> str:
    """`password/reset/key/(?P<uidb36>…)` → `passord/tilbakestill/nokkel/(?P<uidb36>…)`: literal segments only."""
    head, parameters, tail = route.partition("(")
    return LITERAL.sub(lambda match: SEGMENTS.get(match.group(1), match.group(1)), head) + parameters + tail


def _regex(pattern: URLPattern) -> str:
    """Both kinds of pattern as a regex, so the two lists are built the same way."""
    if isinstance(pattern.pattern, RoutePattern):
        route = str(pattern.pattern)
        assert "<" not in route, f"allauth's {route} has a converter; translate it by hand"
        return f"^{re.escape(route)}$".replace("\\-", "-").replace("\\/", "/")
    return str(pattern.pattern)


def _redirect_to(name: str):
    def redirect(request, **kwargs):
        url = reverse(name, kwargs=kwargs)
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    return redirect


_allauth = [(pattern, _regex(pattern)) for pattern in allauth_urls.urlpatterns if isinstance(pattern, URLPattern)]
urlpatterns = [re_path(norwegian(regex), pattern.callback, name=pattern.name) for pattern, regex in _allauth]
urlpatterns += [re_path(regex, _redirect_to(pattern.name)) for pattern, regex in _allauth if norwegian(regex) != regex]
