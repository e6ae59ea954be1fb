from django.urls import path, re_path, register_converter

from . import views
from .models import Organisation

app_name = "municipalities"


class OrganisationNumberConverter:
    """Digits only, so that in "5027-midtre-gauldal" the number stops at the first hyphen."""

    regex = "[0-9]{1,4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OrganisationNumberConverter, "organisation_number")


def organisation_patterns(prefix: str, kind: str) -> list:
    """The same pages for municipalities (/kommuner/) and county authorities (/fylkeskommuner/)."""
    base = f"{prefix}/<organisation_number:number>-<slug:slug>/"
    extra = {"kind": kind}
    return [
        path(base, views.organisation_detail, extra, name=f"{kind}_detail"),
        path(base + "bli-medlem/", views.membership_request, extra, name=f"{kind}_join"),
        path(base + "be-om-rolle/", views.role_request, extra, name=f"{kind}_role_request"),
        path(base + "medlemmer/", views.member_list, extra, name=f"{kind}_members"),
        path(base + "aktivitet/", views.organisation_activity, extra, name=f"{kind}_activity"),
        path(base + "domener/", views.email_domain_add, extra, name=f"{kind}_domain_add"),
        path(base + "domener/<int:pk>/slett/", views.email_domain_delete, extra, name=f"{kind}_domain_delete"),
    ]


urlpatterns = [
    path("kommuner/", views.organisation_list, name="list"),
    re_path(r"^kommuner/(?P<number>[0-9]{1,4})/$", views.municipality_lookup, name="lookup"),
    *organisation_patterns("kommuner", Organisation.Kind.MUNICIPALITY),
    *organisation_patterns("fylkeskommuner", Organisation.Kind.COUNTY_AUTHORITY),
    path("kurator/", views.curation, name="curation"),
    path("kurator/domener/<int:pk>/bekreft/", views.curation_domain_verify, name="curation_domain_verify"),
    path("kurator/domener/<int:pk>/fjern/", views.curation_domain_revoke, name="curation_domain_revoke"),
    path("medlemskap/<int:pk>/avgjor/", views.membership_decide, name="membership_decide"),
    path("medlemskap/<int:pk>/rolle/", views.membership_role, name="membership_role"),
    path("medlemskap/<int:pk>/fjern/", views.membership_remove, name="membership_remove"),
    path("medlemskap/<int:pk>/rolleforesporsel/avgjor/", views.role_request_decide, name="role_request_decide"),
    path("medlemskap/<int:pk>/rolleforesporsel/trekk/", views.role_request_withdraw, name="role_request_withdraw"),
]
