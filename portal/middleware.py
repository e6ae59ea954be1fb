class NorwegianByDefaultMiddleware:
    """Norwegian Bokmål unless the visitor chose another language with the switcher (cookie).

    Placed before LocaleMiddleware: the browser's Accept-Language is ignored, so an English-language
    browser still gets the Norwegian portal first, as a Norwegian public-sector site should.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A Content-Security-Policy and Permissions-Policy on every response, the admin's included (no inline
    scripts anywhere: Django's admin loads its scripts from files and passes data in data- attributes)."""

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response
