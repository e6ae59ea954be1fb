"""The permission matrix: every URL of the site × the cast of users → the expected answer.

A new view gets one line in MATRIX. Expectations are per cast member; `logged_in(...)` and
`admins_only(...)` cover the common shapes. LOGIN means "302 to the login page with ?next=".
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLResolver, get_resolver, resolve

from municipalities.models import EmailDomain, Membership, Organisation

from ..conftest import CAST
from ..factories import make_email_domain, make_membership, make_organisation

# Apps whose every named URL must appear in the matrix (add yours when it gets views).
APPS_IN_MATRIX = {"portal", "accounts", "municipalities"}

LOGIN = "login"  # 302 to /konto/login/?next=…
ADMIN_LOGIN = "admin-login"  # 302 to /admin/login/?next=…


def everyone(status) -> dict:
    return dict.fromkeys(CAST, status)


def logged_in(status, **overrides) -> dict:
    """Login required; then `status` for everybody unless overridden."""
    return {**everyone(status), "anonymous": LOGIN, **overrides}


def admins_only(allowed, refused) -> dict:
    """Login required; organisation admins and curators get `allowed`, everybody else `refused`."""
    return logged_in(refused, org_admin=allowed, curator=allowed)


def curator_only(allowed, refused) -> dict:
    return logged_in(refused, curator=allowed)


@dataclass
class World:
    """The objects the URLs point at. `organisation` is the cast's own; the others are not."""

    organisation: Organisation
    other_organisation: Organisation
    county_authority: Organisation
    applicant: Membership  # someone else's pending request to `organisation`
    colleague: Membership  # someone else's approved membership of `organisation`
    foreign_request: Membership  # a pending request to `other_organisation`

    def __post_init__(self):
        self.domain = make_email_domain(organisation=self.organisation, domain="baerum.kommune.no")
        self.county_domain = make_email_domain(organisation=self.county_authority, domain="testfylke.no")
        self.claim = make_email_domain(
            organisation=self.other_organisation, domain="krav.example.no", status=EmailDomain.Status.PENDING
        )


@dataclass
class Row:
    name: str
    url: Callable[[World], str]
    method: str
    expect: dict
    data: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.name}-{self.method}"


def org_url(action, attr="organisation"):
    return lambda w: getattr(w, attr).get_url(action)


MATRIX = [
    # portal
    Row("home", lambda w: "/", "GET", everyone(200)),
    Row("about", lambda w: "/om/", "GET", everyone(200)),
    Row("about_data", lambda w: "/om-dataene/", "GET", everyone(200)),
    Row("accessibility", lambda w: "/tilgjengelighet/", "GET", everyone(200)),
    Row("privacy", lambda w: "/personvern/", "GET", everyone(200)),
    Row("contact", lambda w: "/kontakt/", "GET", everyone(200)),
    Row("healthz", lambda w: "/healthz", "GET", everyone(200)),
    Row("set_language", lambda w: "/i18n/setlang/", "POST", everyone(302), {"language": "en", "next": "/"}),
    Row("admin_index", lambda w: "/admin/", "GET", {**everyone(ADMIN_LOGIN), "curator": 200}),
    # the admin's login is the portal's: anonymous visitors are sent there, other users are refused
    Row("admin_login", lambda w: "/admin/login/?next=/admin/", "GET", logged_in(403, curator=302)),
    # accounts (ours)
    Row("dashboard", lambda w: "/mine-sider/", "GET", logged_in(200)),
    Row("profile", lambda w: "/konto/profil/", "GET", logged_in(200)),
    Row("profile", lambda w: "/konto/profil/", "POST", logged_in(302), {"full_name": "Nytt Navn", "job_title": ""}),
    Row("account_delete", lambda w: "/konto/slett/", "GET", logged_in(200)),
    Row("account_delete", lambda w: "/konto/slett/", "POST", logged_in(200), {"password": "wrong"}),
    # accounts (allauth)
    Row("account_login", lambda w: "/konto/login/", "GET", {**everyone(302), "anonymous": 200}),
    Row("account_signup", lambda w: "/konto/signup/", "GET", {**everyone(302), "anonymous": 200}),
    Row("account_logout", lambda w: "/konto/logout/", "POST", everyone(302)),
    Row("account_reset_password", lambda w: "/konto/password/reset/", "GET", everyone(200)),
    Row("account_email", lambda w: "/konto/email/", "GET", logged_in(200)),
    Row("account_change_password", lambda w: "/konto/password/change/", "GET", logged_in(200)),
    # municipalities: public pages
    Row("list", lambda w: "/kommuner/", "GET", everyone(200)),
    Row("lookup", lambda w: f"/kommuner/{w.organisation.number}/", "GET", everyone(301)),
    Row("lookup_unknown", lambda w: "/kommuner/0000/", "GET", everyone(404)),
    Row("detail", org_url("detail"), "GET", everyone(200)),
    Row("detail_wrong_slug", lambda w: f"/kommuner/{w.organisation.number}-feil/", "GET", everyone(301)),
    Row("county_detail", org_url("detail", "county_authority"), "GET", everyone(200)),
    # municipalities: joining (members are sent back to the organisation page)
    Row(
        "join",
        org_url("join"),
        "GET",
        logged_in(302, outsider=200, curator=200),
    ),
    Row("join", org_url("join"), "POST", logged_in(302), {"message": "Hei"}),
    # municipalities: member administration
    Row("members", org_url("members"), "GET", admins_only(200, 403)),
    Row("members_other_org", org_url("members", "other_organisation"), "GET", curator_only(200, 403)),
    Row("members_county", org_url("members", "county_authority"), "GET", curator_only(200, 403)),
    Row("activity", org_url("activity"), "GET", admins_only(200, 403)),
    Row("activity_other_org", org_url("activity", "other_organisation"), "GET", curator_only(200, 403)),
    Row("activity_county", org_url("activity", "county_authority"), "GET", curator_only(200, 403)),
    Row("domain_add", org_url("domain_add"), "POST", admins_only(302, 403), {"domain": "baerum.no"}),
    Row("domain_add", org_url("domain_add"), "GET", logged_in(405)),
    Row(
        "domain_add_other_org",
        org_url("domain_add", "other_organisation"),
        "POST",
        curator_only(302, 403),
        {"domain": "asker.no"},
    ),
    Row(
        "domain_delete",
        lambda w: f"{w.organisation.get_url('detail')}domener/{w.domain.pk}/slett/",
        "POST",
        admins_only(302, 403),
    ),
    Row("county_join", org_url("join", "county_authority"), "GET", logged_in(200)),
    Row(
        "county_domain_add",
        org_url("domain_add", "county_authority"),
        "POST",
        curator_only(302, 403),
        {"domain": "tf.no"},
    ),
    Row(
        "county_domain_delete",
        lambda w: f"{w.county_authority.get_url('detail')}domener/{w.county_domain.pk}/slett/",
        "POST",
        curator_only(302, 403),
    ),
    Row(
        "decide",
        lambda w: f"/medlemskap/{w.applicant.pk}/avgjor/",
        "POST",
        admins_only(302, 404),
        {"decision": "approve"},
    ),
    Row("decide", lambda w: f"/medlemskap/{w.applicant.pk}/avgjor/", "GET", logged_in(405)),
    Row(
        "decide_other_org",
        lambda w: f"/medlemskap/{w.foreign_request.pk}/avgjor/",
        "POST",
        curator_only(302, 404),
        {"decision": "approve"},
    ),
    Row("role", lambda w: f"/medlemskap/{w.colleague.pk}/rolle/", "POST", admins_only(302, 404), {"role": "editor"}),
    Row(
        "role_other_org",
        lambda w: f"/medlemskap/{w.foreign_request.pk}/rolle/",
        "POST",
        curator_only(302, 404),
        {"role": "editor"},
    ),
    Row("remove", lambda w: f"/medlemskap/{w.colleague.pk}/fjern/", "POST", admins_only(302, 404)),
    Row("remove", lambda w: f"/medlemskap/{w.colleague.pk}/fjern/", "GET", logged_in(405)),
    Row("remove_other_org", lambda w: f"/medlemskap/{w.foreign_request.pk}/fjern/", "POST", curator_only(302, 404)),
    # municipalities: the curators' queue
    Row("curation", lambda w: "/kurator/", "GET", curator_only(200, 403)),
    Row("curation_domain_verify", lambda w: f"/kurator/domener/{w.claim.pk}/bekreft/", "POST", curator_only(302, 403)),
    Row("curation_domain_verify", lambda w: f"/kurator/domener/{w.claim.pk}/bekreft/", "GET", logged_in(405)),
    Row("curation_domain_revoke", lambda w: f"/kurator/domener/{w.domain.pk}/fjern/", "POST", curator_only(302, 403)),
    Row("curation_domain_revoke_unknown", lambda w: "/kurator/domener/999999/fjern/", "POST", curator_only(404, 403)),
    Row("remove_unknown", lambda w: "/medlemskap/999999/fjern/", "POST", logged_in(404)),
]


@pytest.fixture
def world(organisation, other_organisation, county):
    return World(
        organisation=organisation,
        other_organisation=other_organisation,
        county_authority=make_organisation(kind=Organisation.Kind.COUNTY_AUTHORITY, name="Testfylke", county=county),
        applicant=make_membership(organisation=organisation, status=Membership.Status.PENDING),
        colleague=make_membership(organisation=organisation),
        foreign_request=make_membership(organisation=other_organisation, status=Membership.Status.PENDING),
    )


def test_every_row_has_an_expectation_for_the_whole_cast():
    for row in MATRIX:
        assert set(row.expect) == set(CAST), row.id


def _view_names_of(apps) -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif pattern.name and pattern.callback.__module__.split(".")[0] in apps:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_view_of_the_foundation_is_in_the_matrix(world):
    covered = {resolve(row.url(world).split("?")[0]).view_name for row in MATRIX}
    assert _view_names_of(APPS_IN_MATRIX) - covered == set()


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_permission_matrix(client, world, cast_user, login, row, who):
    login(cast_user(who))
    url = row.url(world)
    response = client.get(url) if row.method == "GET" else client.post(url, row.data)
    expected = row.expect[who]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/?next=")
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")
    else:
        assert response.status_code == expected
