"""The licence of the portal's data, said once: in the documentation, the DCAT description, the exports, and in
every API response (a `license` field and a `Link: <…>; rel="license"` header)."""

from django.utils.translation import gettext_lazy as _

NLOD_URL = "https://data.norge.no/nlod/no/2.0"
NLOD_NAME = "Norsk lisens for offentlige data (NLOD) 2.0"

# The registry's data come from others, under their own licences (see shared/data/README and /om-dataene/).
REGISTRY_LICENCES = [
    {
        "what": _("Municipality and county numbers, names, population"),
        "source": "Statistisk sentralbyrå (SSB)",
        "license": "NLOD",
        "license_url": "https://data.norge.no/nlod/no",
        "attribution": "Kilde: Statistisk sentralbyrå (SSB)",
    },
    {
        "what": _("Sámi and Kven parallel names, county names, map points"),
        "source": "Kartverket",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": "© Kartverket",
    },
]


def licence_info() -> dict:
    return {
        "name": NLOD_NAME,
        "url": NLOD_URL,
        "attribution": "Kilde: Spre (KS)",
        "registry": [{**item, "what": str(item["what"])} for item in REGISTRY_LICENCES],
    }


def link_header() -> str:
    return f'<{NLOD_URL}>; rel="license"'
