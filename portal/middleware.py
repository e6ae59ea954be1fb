from django.middleware.gzip import GZipMiddleware


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


class AnonymousGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, only for visitors who are not signed in, and only for text (HTML, feeds, JSON).

    Compression next to a secret and reflected input opens the door to BREACH. Django's middleware pads each
    response with random bytes, and CSRF tokens are masked afresh per response, which is enough for the public
    pages; a signed-in visitor's page carries personal data beside what they typed (a search, a form with errors),
    so it is sent uncompressed. Files (documents, images, exports) are streamed or compressed already: left alone.
    Placed after WhiteNoise (which serves its own precompressed static files) and before everything that may
    change the body.
    """

    TEXT = ("text/", "application/json", "application/xml", "application/atom+xml", "application/ld+json")

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated or response.streaming:
            return response
        if not response.get("Content-Type", "").startswith(self.TEXT):
            return response
        return super().process_response(request, response)
