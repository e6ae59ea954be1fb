"""The dataset described for the national data catalogue (data.norge.no): DCAT-AP-NO as JSON-LD, at a stable
URL, with the API, the CSV and the XLSX as its distributions."""

from django.db.models import Max
from django.http import JsonResponse
from django.urls import reverse

from .licence import NLOD_URL
from .views import published_projects

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority"
KS_ORGANISATION_NUMBER = "971032146"  # KS (Kommunesektorens organisasjon) in Enhetsregisteret: verify before listing


def _lang(nb: str, en: str) -> list[dict]:
    return [{"@language": "nb", "@value": nb}, {"@language": "en", "@value": en}]


def dataset(request) -> JsonResponse:
    absolute = request.build_absolute_uri
    modified = published_projects().aggregate(latest=Max("updated_at"))["latest"]
    licence = {"@id": NLOD_URL}
    distributions = [
        ("api", absolute(reverse("api:project-list")), "JSON", "application/json", "API (JSON)", "API (JSON)"),
        ("csv", absolute(reverse("opendata:export_csv")), "CSV", "text/csv", "Prosjekter som CSV", "Projects as CSV"),
        (
            "xlsx",
            absolute(reverse("opendata:export_xlsx")),
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Prosjekter som regneark",
            "Projects as spreadsheet",
        ),
    ]
    data = {
        "@context": CONTEXT,
        "@id": absolute(reverse("opendata:dcat")),
        "@type": "dcat:Dataset",
        "dct:identifier": absolute(reverse("opendata:dcat")),
        "dct:title": _lang(
            "Innovasjonsprosjekter i kommunesektoren (Spre)", "Innovation projects in Norwegian municipalities (Spre)"
        ),
        "dct:description": _lang(
            "Publiserte innovasjonsprosjekter fra kommuner og fylkeskommuner, med klassifisering, aktører, "
            "gevinster og spredningskanaler.",
            "Published innovation projects from municipalities and county authorities, with classification, "
            "actors, benefits and diffusion channels.",
        ),
        "dct:publisher": {
            "@id": f"https://data.brreg.no/enhetsregisteret/api/enheter/{KS_ORGANISATION_NUMBER}",
            "@type": "foaf:Agent",
            "foaf:name": "KS",
            "dct:identifier": KS_ORGANISATION_NUMBER,
        },
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:hasEmail": "mailto:spre@ks.no"},
        "dcat:theme": [{"@id": f"{EU}/data-theme/GOVE"}, {"@id": f"{EU}/data-theme/SOCI"}],
        "dcat:keyword": _lang("innovasjon", "innovation") + _lang("kommune", "municipality"),
        "dct:language": [{"@id": f"{EU}/language/NOB"}],
        "dct:accessRights": {"@id": f"{EU}/access-right/PUBLIC"},
        "dct:license": licence,
        "dct:accrualPeriodicity": {"@id": f"{EU}/frequency/CONT"},
        "dcat:landingPage": {"@id": absolute(reverse("api:docs"))},
        "dcat:distribution": [
            {
                "@id": f"{absolute(reverse('opendata:dcat'))}#{key}",
                "@type": "dcat:Distribution",
                "dct:title": _lang(nb, en),
                "dcat:accessURL": {"@id": url},
                "dct:format": {"@id": f"{EU}/file-type/{fmt}"},
                "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media}"},
                "dct:license": licence,
            }
            for key, url, fmt, media, nb, en in distributions
        ],
    }
    if modified:
        data["dct:modified"] = {"@type": "xsd:dateTime", "@value": modified.isoformat()}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"
    return response
