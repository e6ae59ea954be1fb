"""The permission matrix of the whole site: every URL × the cast of users → the expected answer.

A new view gets one line in MATRIX. Expectations are per cast member; `everyone(...)`, `logged_in(...)`,
`admins_only(...)` and the project helpers cover the common shapes. LOGIN means "302 to the login page
with ?next=".

`test_every_named_url_is_in_the_matrix` walks the URL resolver, namespaces included, and fails for any
named URL that no row reaches: a new app's URLs are covered as soon as they are included in
portal/urls.py. Only Django's admin and the allauth URLs listed in ALLAUTH_NOT_IN_MATRIX are left out.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from conversation import services as conversation
from curation import services as curation
from diffusion.services import declare_adoption
from municipalities.models import County, EmailDomain, Membership, Organisation
from notifications import services as notifications
from notifications.models import Notification
from opendays.services import publish_open_day, save_digital_visit
from projects import services
from projects.models import Project

from .conftest import CAST, kept_for_scope
from .factories import make_county, make_email_domain, make_membership, make_organisation
from .opendays.conftest import open_day_fields
from .projects.conftest import complete_fields, make_project
from .projects.test_uploads import PDF, PNG

LOGIN = "login"  # 302 to /konto/logg-inn/?next=…
ADMIN_LOGIN = "admin-login"  # 302 to /admin/login/?next=…

# allauth's own pages that need a key, a code or a flow in progress; they are allauth's to test.
ALLAUTH_NOT_IN_MATRIX = {
    "account_inactive",
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "account_email_verification_sent",
    "account_set_password",
    "account_confirm_login_code",
    "account_confirm_email",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_reset_password_done",
}
NAMESPACES_NOT_IN_MATRIX = {"admin"}  # Django's admin: only its index is in the matrix

# Editors of a project: the owner's editors and admins, the co-owner's editors, and curators.
PROJECT_EDITORS = {"editor", "co_owner_editor", "org_admin", "curator"}


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


def draft_read() -> dict:
    """Drafts: members of the owner organisations and curators; 404 for everybody else."""
    return everyone(404) | dict.fromkeys(["member", *PROJECT_EDITORS], 200)


def edit_published(ok) -> dict:
    """Published projects are visible to all: 403 for those who may not edit, login first for anonymous."""
    return logged_in(403, **dict.fromkeys(PROJECT_EDITORS, ok))


def edit_draft(ok) -> dict:
    """Drafts are invisible to outsiders (404); a member of the owner sees it but may not edit (403)."""
    return logged_in(404, member=403, **dict.fromkeys(PROJECT_EDITORS, ok))


@dataclass
class World:
    """The objects the URLs point at. `organisation` is the cast's own; the others are not.

    The projects are owned by `organisation` with `co_owner_organisation` as co-owner."""

    county: County
    organisation: Organisation
    other_organisation: Organisation
    co_owner_organisation: Organisation
    county_authority: Organisation
    applicant: Membership  # someone else's pending request to `organisation`
    colleague: Membership  # someone else's approved membership of `organisation`, asking for the editor role
    foreign_request: Membership  # a pending request to `other_organisation`
    draft: Project
    published: Project
    archived: Project
    complete: Project  # a draft with everything publishing needs
    archived_draft: Project  # archived straight from draft, never published: seen as a draft

    def __post_init__(self):
        self.domain = make_email_domain(organisation=self.organisation, domain="baerum.kommune.no")
        self.county_domain = make_email_domain(organisation=self.county_authority, domain="testfylke.no")
        # someone else's notification: nobody in the cast may open it
        self.notification = Notification.objects.create(recipient=self.applicant.user, kind="test", text="Hei", url="/")
        # someone else's follow, and a signed unsubscribe link (it needs no login: the signature is the key)
        self.follow = notifications.follow(user=self.applicant.user, target="project", obj=self.published)
        self.unsubscribe_token = notifications.unsubscribe_token(self.applicant.user, ["comments"])
        self.claim = make_email_domain(
            organisation=self.other_organisation, domain="krav.example.no", status=EmailDomain.Status.PENDING
        )
        # Diffusion: Asker has taken Bærum's published project into use; Bærum has taken one of Asker's.
        self.foreign = make_project(
            owner=self.other_organisation, title="Askers løsning", state=Project.State.PUBLISHED
        )
        self.adoption = declare_adoption(source=self.published, organisation=self.other_organisation, by=None)
        self.own_adoption = declare_adoption(source=self.foreign, organisation=self.organisation, by=None)
        self.feature = curation.feature_project(project=self.published, by=None, note="Se her")
        self.collection = curation.create_collection(by=None, title="Velferdsteknologi som virker")
        self.item = curation.add_to_collection(collection=self.collection, project=self.published, by=None)
        curation.publish_collection(collection=self.collection, by=None)
        self.draft_collection = curation.create_collection(by=None, title="Under arbeid")
        self.award = curation.give_award(project=self.published, by=None, name="CopyCat-prisen", year=2024)
        for project in (self.published, self.draft):
            services.update_project(
                project=project,
                by=None,
                documents=[{"title": "Rapport", "kind": "research", "file": SimpleUploadedFile("r.pdf", PDF)}],
                images=[
                    {"image": SimpleUploadedFile("b.png", PNG), "alt_text": "Et bilde", "content_type": "image/png"}
                ],
            )
        self.open_day = publish_open_day(project=self.published, by=None, **open_day_fields())
        self.draft_open_day = publish_open_day(project=self.draft, by=None, **open_day_fields())
        save_digital_visit(project=self.published, by=None, slides_file=SimpleUploadedFile("s.pdf", PDF))
        # conversation: a question from someone in another municipality, and an answer from the project
        asker = make_membership(organisation=self.other_organisation).user
        self.question = conversation.post_comment(
            project=self.published, by=asker, text="Hva kostet det?", is_question=True
        )
        self.reply = conversation.post_comment(
            project=self.published, by=self.colleague.user, text="Lite.", parent=self.question
        )


@dataclass
class Row:
    name: str
    url: Callable[[World], str]
    method: str
    expect: dict
    data: dict | Callable[[World], dict] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.name}-{self.method}"


def org_url(action, attr="organisation"):
    return lambda w: getattr(w, attr).get_url(action)


def project_url(attr, suffix=""):
    return lambda w: f"{getattr(w, attr).get_absolute_url()}{suffix}"


def open_day_url(attr, suffix=""):
    return lambda w: f"/visningsdager/{getattr(w, attr).pk}/{suffix}"


VISIT_DATA = {"questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0", "recording_url": "https://v.example.org"}
OPEN_DAY_ROWS = [
    Row("open_days", lambda w: "/visningsdager/", "GET", everyone(200)),
    Row("open_days_calendar", lambda w: "/visningsdager/kalender.ics", "GET", everyone(200)),
    Row("open_days_feed", lambda w: "/visningsdager/atom/", "GET", everyone(200)),
    Row("open_day", open_day_url("open_day"), "GET", everyone(200)),
    Row("open_day_draft", open_day_url("draft_open_day"), "GET", draft_read()),
    Row("open_day_ics", open_day_url("open_day", "kalender.ics"), "GET", everyone(200)),
    Row("open_day_ics_draft", open_day_url("draft_open_day", "kalender.ics"), "GET", draft_read()),
    Row("open_day_sign_up", open_day_url("open_day", "meld-pa/"), "GET", logged_in(403)),
    Row("open_day_sign_up", open_day_url("open_day", "meld-pa/"), "POST", logged_in(403)),
    Row("open_day_sign_up_draft", open_day_url("draft_open_day", "meld-pa/"), "POST", edit_draft(403)),
    Row("open_day_sign_up_cancel", open_day_url("open_day", "meld-av/"), "POST", logged_in(302)),
    Row("open_day_sign_up_cancel", open_day_url("open_day", "meld-av/"), "GET", logged_in(405)),
    Row(
        "open_day_sign_up_cancel_draft",
        open_day_url("draft_open_day", "meld-av/"),
        "POST",
        logged_in(404, **dict.fromkeys(["member", *PROJECT_EDITORS], 302)),
    ),
    Row("open_day_edit", open_day_url("open_day", "rediger/"), "GET", edit_published(200)),
    Row("open_day_edit", open_day_url("open_day", "rediger/"), "POST", edit_published(200)),
    Row("open_day_edit_draft", open_day_url("draft_open_day", "rediger/"), "GET", edit_draft(200)),
    Row("open_day_cancel", open_day_url("open_day", "avlys/"), "GET", edit_published(200)),
    Row("open_day_cancel", open_day_url("open_day", "avlys/"), "POST", edit_published(302), {"reason": "Storm"}),
    Row("open_day_participants", open_day_url("open_day", "deltakere/"), "GET", edit_published(200)),
    Row("open_day_participants_draft", open_day_url("draft_open_day", "deltakere/"), "GET", edit_draft(200)),
    Row("open_day_participants_csv", open_day_url("open_day", "deltakere.csv"), "GET", edit_published(200)),
    Row("open_day_message", open_day_url("open_day", "melding/"), "GET", edit_published(200)),
    Row(
        "open_day_message",
        open_day_url("open_day", "melding/"),
        "POST",
        edit_published(302),
        {"subject": "S", "body": "B"},
    ),
    Row("open_day_create", project_url("published", "visningsdager/ny/"), "GET", edit_published(200)),
    Row("open_day_create", project_url("published", "visningsdager/ny/"), "POST", edit_published(200)),
    Row("open_day_create_draft", project_url("draft", "visningsdager/ny/"), "GET", edit_draft(200)),
    Row("digital_visit", project_url("published", "digitalt-besok/"), "GET", everyone(200)),
    # a project without a digital visit: only its editors see the (empty) page, to make one
    Row(
        "digital_visit_none",
        project_url("draft", "digitalt-besok/"),
        "GET",
        everyone(404) | dict.fromkeys(PROJECT_EDITORS, 200),
    ),
    Row("digital_visit_edit", project_url("published", "digitalt-besok/rediger/"), "GET", edit_published(200)),
    Row(
        "digital_visit_edit",
        project_url("published", "digitalt-besok/rediger/"),
        "POST",
        edit_published(302),
        VISIT_DATA,
    ),
    Row("digital_visit_edit_draft", project_url("draft", "digitalt-besok/rediger/"), "GET", edit_draft(200)),
    Row("digital_visit_slides", project_url("published", "digitalt-besok/lysbilder/"), "GET", everyone(200)),
    Row("digital_visit_slides_draft", project_url("draft", "digitalt-besok/lysbilder/"), "GET", everyone(404)),
]


def conversation_rows() -> list[Row]:
    members = dict.fromkeys(["member", "editor", "co_owner_editor", "org_admin"])
    moderators = ("org_admin", "curator")

    def comment_url(action, attr="question"):
        return lambda w: getattr(w, attr).get_url(action)

    def post_here(status):
        return logged_in(403, **dict.fromkeys(members, status))

    text = {"text": "Hei fra matrisen"}
    return [
        Row("comment_create", project_url("published", "kommentarer/ny/"), "GET", post_here(200)),
        Row("comment_create", project_url("published", "kommentarer/ny/"), "POST", post_here(302), text),
        Row("comment_create_draft", project_url("draft", "kommentarer/ny/"), "POST", edit_draft(403), text),
        Row("comment_reply", comment_url("reply"), "GET", post_here(200)),
        Row("comment_reply", comment_url("reply"), "POST", post_here(302), text),
        Row("comment_edit", comment_url("edit"), "GET", logged_in(403)),
        Row("comment_edit", comment_url("edit"), "POST", logged_in(403), text),
        Row("comment_delete", comment_url("delete"), "GET", logged_in(403)),
        Row("comment_delete", comment_url("delete"), "POST", logged_in(403)),
        Row("comment_history", comment_url("history"), "GET", everyone(200)),
        Row("comment_answer", comment_url("answer", "reply"), "POST", edit_published(302)),
        Row("comment_answer", comment_url("answer", "reply"), "GET", logged_in(405)),
        Row("comment_report", comment_url("report"), "GET", logged_in(200)),
        Row("comment_report", comment_url("report"), "POST", logged_in(302), {"reason": "Reklame"}),
        Row("comment_hide", comment_url("hide"), "GET", logged_in(403, **dict.fromkeys(moderators, 200))),
        Row(
            "comment_hide",
            comment_url("hide"),
            "POST",
            logged_in(403, **dict.fromkeys(moderators, 302)),
            {"reason": "x"},
        ),
        Row("comment_restore", comment_url("restore"), "POST", logged_in(403, **dict.fromkeys(moderators, 302))),
        Row("comment_dismiss", comment_url("dismiss"), "POST", logged_in(403, **dict.fromkeys(moderators, 302))),
        Row("moderation", lambda w: "/moderering/", "GET", admins_only(200, 403)),
        Row(
            "user_block",
            lambda w: f"/moderering/brukere/{w.question.author_id}/blokker/",
            "GET",
            curator_only(200, 403),
        ),
        Row(
            "user_block",
            lambda w: f"/moderering/brukere/{w.question.author_id}/blokker/",
            "POST",
            curator_only(302, 403),
            {"reason": "Gjentatt"},
        ),
        Row(
            "user_unblock",
            lambda w: f"/moderering/brukere/{w.question.author_id}/opphev-blokkering/",
            "POST",
            curator_only(302, 403),
        ),
        Row("user_block_unknown", lambda w: "/moderering/brukere/999999/blokker/", "GET", curator_only(404, 403)),
    ]


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
    Row("account_login", lambda w: "/konto/logg-inn/", "GET", {**everyone(302), "anonymous": 200}),
    Row("account_signup", lambda w: "/konto/opprett-konto/", "GET", {**everyone(302), "anonymous": 200}),
    Row("account_logout", lambda w: "/konto/logg-ut/", "POST", everyone(302)),
    Row("account_reset_password", lambda w: "/konto/passord/tilbakestill/", "GET", everyone(200)),
    Row("account_email", lambda w: "/konto/e-post/", "GET", logged_in(200)),
    Row("account_change_password", lambda w: "/konto/passord/endre/", "GET", logged_in(200)),
    # allauth's English paths redirect permanently to the Norwegian ones, for everybody.
    Row("old_account_login", lambda w: "/konto/login/", "GET", everyone(301)),
    Row("old_account_signup", lambda w: "/konto/signup/", "GET", everyone(301)),
    Row("old_account_logout", lambda w: "/konto/logout/", "GET", everyone(301)),
    Row("old_account_reset_password", lambda w: "/konto/password/reset/", "GET", everyone(301)),
    Row("old_account_email", lambda w: "/konto/email/", "GET", everyone(301)),
    Row("old_account_change_password", lambda w: "/konto/password/change/", "GET", everyone(301)),
    # municipalities: public pages
    Row("list", lambda w: "/kommuner/", "GET", everyone(200)),
    Row("lookup", lambda w: f"/kommuner/{w.organisation.number}/", "GET", everyone(301)),
    Row("lookup_unknown", lambda w: "/kommuner/0000/", "GET", everyone(404)),
    Row("detail", org_url("detail"), "GET", everyone(200)),
    Row("detail_wrong_slug", lambda w: f"/kommuner/{w.organisation.number}-feil/", "GET", everyone(301)),
    Row("county_detail", org_url("detail", "county_authority"), "GET", everyone(200)),
    # municipalities: joining (members are sent back to the organisation page)
    Row("join", org_url("join"), "GET", logged_in(302, outsider=200, co_owner_editor=200, curator=200)),
    Row("join", org_url("join"), "POST", logged_in(302), {"message": "Hei"}),
    # asking for a role: approved members and editors; everybody else is sent where they can go on
    Row("role_request", org_url("role_request"), "GET", logged_in(302, member=200, editor=200)),
    Row("role_request", org_url("role_request"), "POST", logged_in(302), {"role": "admin", "reason": "Jeg leder"}),
    Row("county_role_request", org_url("role_request", "county_authority"), "GET", logged_in(302)),
    Row(
        "role_request_decide",
        lambda w: f"/medlemskap/{w.colleague.pk}/rolleforesporsel/avgjor/",
        "POST",
        admins_only(302, 404),
        {"decision": "approve"},
    ),
    Row(
        "role_request_decide", lambda w: f"/medlemskap/{w.colleague.pk}/rolleforesporsel/avgjor/", "GET", logged_in(405)
    ),
    # only one's own request can be withdrawn: someone else's is not there
    Row(
        "role_request_withdraw",
        lambda w: f"/medlemskap/{w.colleague.pk}/rolleforesporsel/trekk/",
        "POST",
        logged_in(404),
    ),
    Row(
        "role_request_withdraw",
        lambda w: f"/medlemskap/{w.colleague.pk}/rolleforesporsel/trekk/",
        "GET",
        logged_in(405),
    ),
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
    # curation: public pages, then the curators' (403 for everyone else; GET on an action: 405 for curators)
    Row("collections", lambda w: "/samlinger/", "GET", everyone(200)),
    Row("collection", lambda w: w.collection.get_absolute_url(), "GET", everyone(200)),
    Row("collection_draft", lambda w: w.draft_collection.get_absolute_url(), "GET", {**everyone(404), "curator": 200}),
    Row("collection_unknown", lambda w: "/samlinger/finnes-ikke/", "GET", everyone(404)),
    Row("curation_front_page", lambda w: "/kurator/forside/", "GET", curator_only(200, 403)),
    Row(
        "feature_move",
        lambda w: f"/kurator/forside/{w.feature.pk}/flytt/",
        "POST",
        curator_only(302, 403),
        {"direction": "up"},
    ),
    Row("feature_move", lambda w: f"/kurator/forside/{w.feature.pk}/flytt/", "GET", curator_only(405, 403)),
    Row("feature_remove", lambda w: f"/kurator/forside/{w.feature.pk}/fjern/", "POST", curator_only(302, 403)),
    Row("feature_remove_unknown", lambda w: "/kurator/forside/999999/fjern/", "POST", curator_only(404, 403)),
    Row("collection_manage_list", lambda w: "/kurator/samlinger/", "GET", curator_only(200, 403)),
    Row("collection_create", lambda w: "/kurator/samlinger/", "POST", curator_only(302, 403), {"title": "Ny samling"}),
    Row("collection_edit", lambda w: f"/kurator/samlinger/{w.collection.pk}/", "GET", curator_only(200, 403)),
    Row(
        "collection_edit",
        lambda w: f"/kurator/samlinger/{w.collection.pk}/",
        "POST",
        curator_only(302, 403),
        {"collection-title": "Nytt navn", "collection-introduction": ""},
    ),
    Row("collection_edit_unknown", lambda w: "/kurator/samlinger/999999/", "GET", curator_only(404, 403)),
    Row(
        "collection_publish",
        lambda w: f"/kurator/samlinger/{w.collection.pk}/publiser/",
        "POST",
        curator_only(302, 403),
        {"publish": "0"},
    ),
    Row(
        "collection_move",
        lambda w: f"/kurator/samlinger/{w.collection.pk}/flytt/",
        "POST",
        curator_only(302, 403),
        {"direction": "down"},
    ),
    Row(
        "collection_item",
        lambda w: f"/kurator/samlinger/{w.collection.pk}/prosjekter/{w.item.pk}/",
        "POST",
        curator_only(302, 403),
        {"action": "save", "note": "Godt eksempel"},
    ),
    Row(
        "collection_item_elsewhere",
        lambda w: f"/kurator/samlinger/{w.draft_collection.pk}/prosjekter/{w.item.pk}/",
        "POST",
        curator_only(404, 403),
        {"action": "remove"},
    ),
    Row("curate_project", lambda w: f"/kurator/prosjekter/{w.published.slug}/", "GET", curator_only(200, 403)),
    Row("curate_draft", lambda w: f"/kurator/prosjekter/{w.draft.slug}/", "GET", curator_only(200, 403)),
    Row("curate_unknown", lambda w: "/kurator/prosjekter/finnes-ikke/", "GET", curator_only(404, 403)),
    Row(
        "project_feature",
        lambda w: f"/kurator/prosjekter/{w.published.slug}/fremhev/",
        "POST",
        curator_only(302, 403),
        {"feature-note": "Verdt å se", "feature-starts_on": "", "feature-ends_on": ""},
    ),
    Row(
        "project_award",
        lambda w: f"/kurator/prosjekter/{w.published.slug}/priser/",
        "POST",
        curator_only(302, 403),
        {"award-name": "Kommunenes innovasjonspris", "award-year": "2023", "award-url": ""},
    ),
    Row(
        "award_remove",
        lambda w: f"/kurator/prosjekter/{w.published.slug}/priser/{w.award.pk}/fjern/",
        "POST",
        curator_only(302, 403),
    ),
    Row(
        "award_remove_other_project",
        lambda w: f"/kurator/prosjekter/{w.archived.slug}/priser/{w.award.pk}/fjern/",
        "POST",
        curator_only(404, 403),
    ),
    Row(  # no collection chosen: the form again, with the message at the field
        "project_collect",
        lambda w: f"/kurator/prosjekter/{w.published.slug}/samlinger/",
        "POST",
        curator_only(400, 403),
        {"collection-collection": "", "collection-note": ""},
    ),
    Row(
        "project_send_back",
        lambda w: f"/kurator/prosjekter/{w.published.slug}/send-tilbake/",
        "POST",
        curator_only(302, 403),
        {"send_back-reason": "Beskrivelsen mangler gevinster."},
    ),
    Row(
        "project_reviewed",
        lambda w: f"/kurator/prosjekter/{w.published.slug}/gjennomgatt/",
        "POST",
        curator_only(302, 403),
        {"next": "queue"},
    ),
    # the sector's statistics (portal)
    Row("statistics", lambda w: "/statistikk/", "GET", everyone(200)),
    Row("statistics_csv", lambda w: "/statistikk/projects-by-phase.csv", "GET", everyone(200)),
    Row("statistics_csv_unknown", lambda w: "/statistikk/finnes-ikke.csv", "GET", everyone(404)),
    Row("statistics_curators", lambda w: "/statistikk/kurator/", "GET", curator_only(200, 403)),
    Row(
        "statistics_curators_csv",
        lambda w: "/statistikk/kurator/members-per-organisation.csv",
        "GET",
        curator_only(200, 403),
    ),
    # projects
    Row("project_list", lambda w: "/prosjekter/", "GET", everyone(200)),
    Row("my_projects", lambda w: "/mine-prosjekter/", "GET", logged_in(200)),
    # Creating needs an editor or admin role somewhere (the co-owner editor has one in Lillevik).
    Row("project_create", lambda w: "/prosjekter/ny/", "GET", logged_in(403, **dict.fromkeys(PROJECT_EDITORS, 200))),
    Row("similar", lambda w: "/prosjekter/ny/lignende/?title=tilsyn", "GET", logged_in(200)),
    Row("project_published", project_url("published"), "GET", everyone(200)),
    Row("project_archived", project_url("archived"), "GET", everyone(200)),
    Row("project_draft", project_url("draft"), "GET", draft_read()),
    # archived straight from draft: still only for those who could see the draft
    Row("project_archived_draft", project_url("archived_draft"), "GET", draft_read()),
    Row("project_adoptions_archived_draft", project_url("archived_draft", "ibruktakelser/"), "GET", draft_read()),
    Row("archive_confirm_archived_draft", project_url("archived_draft", "arkiver/"), "GET", edit_draft(302)),
    Row("unarchive_draft", project_url("archived_draft", "gjenopprett/"), "POST", edit_draft(302)),
    Row("edit_published", project_url("published", "rediger/"), "GET", edit_published(200)),
    Row("edit_draft", project_url("draft", "rediger/"), "GET", edit_draft(200)),
    Row("edit_row", project_url("draft", "rediger/rad/actors/?actors-TOTAL_FORMS=1"), "GET", edit_draft(200)),
    Row("history_published", project_url("published", "historikk/"), "GET", edit_published(200)),
    Row("history_draft", project_url("draft", "historikk/"), "GET", edit_draft(200)),
    Row("publish_draft", project_url("complete", "publiser/"), "POST", edit_draft(302)),
    Row("publish_draft", project_url("complete", "publiser/"), "GET", logged_in(405)),
    Row("archive_published", project_url("published", "arkiver/"), "POST", edit_published(302)),
    # GET asks for confirmation; an archived project has nothing to confirm and goes back to its page.
    Row("archive_confirm", project_url("published", "arkiver/"), "GET", edit_published(200)),
    Row("archive_confirm_draft", project_url("draft", "arkiver/"), "GET", edit_draft(200)),
    Row("archive_confirm_archived", project_url("archived", "arkiver/"), "GET", edit_published(302)),
    Row("unarchive", project_url("archived", "gjenopprett/"), "POST", edit_published(302)),
    Row("restore_version", project_url("published", "historikk/1/gjenopprett/"), "POST", edit_published(302)),
    Row("document_published", lambda w: w.published.documents.get().get_absolute_url(), "GET", everyone(200)),
    Row("document_draft", lambda w: w.draft.documents.get().get_absolute_url(), "GET", draft_read()),
    Row("image_draft", lambda w: w.draft.images.get().get_absolute_url(), "GET", draft_read()),
    Row("image_original_draft", lambda w: w.draft.images.get().get_original_url(), "GET", draft_read()),
    Row("image_original_published", lambda w: w.published.images.get().get_original_url(), "GET", everyone(200)),
    # notifications: one's own only
    Row("notification_list", lambda w: "/varsler/", "GET", logged_in(200)),
    Row("notification_mark_all_read", lambda w: "/varsler/merk-alle-som-lest/", "POST", logged_in(302)),
    Row("notification_mark_all_read", lambda w: "/varsler/merk-alle-som-lest/", "GET", logged_in(405)),
    Row("notification_open_others", lambda w: f"/varsler/{w.notification.pk}/apne/", "POST", logged_in(404)),
    # open days: everyone reads those of visible projects; the project's editors host them. Nobody in the cast
    # belongs to an organisation other than the hosts, so signing up is refused with an explanation (403).
    *OPEN_DAY_ROWS,
    # open data (api): anonymous and read-only, the same for everybody; drafts are not there for anyone
    Row("api_docs", lambda w: "/api/", "GET", everyone(200)),
    Row("api_root", lambda w: "/api/v1/", "GET", everyone(200)),
    Row("api_projects", lambda w: "/api/v1/projects/?archived=on", "GET", everyone(200)),
    Row("api_projects", lambda w: "/api/v1/projects/", "POST", everyone(405)),
    Row("api_project_published", lambda w: f"/api/v1/projects/{w.published.slug}/", "GET", everyone(200)),
    Row("api_project_archived", lambda w: f"/api/v1/projects/{w.archived.slug}/", "GET", everyone(200)),
    Row("api_project_draft", lambda w: f"/api/v1/projects/{w.draft.slug}/", "GET", everyone(404)),
    Row("api_project_archived_draft", lambda w: f"/api/v1/projects/{w.archived_draft.slug}/", "GET", everyone(404)),
    Row("api_organisations", lambda w: "/api/v1/organisations/", "GET", everyone(200)),
    Row("api_organisation", lambda w: f"/api/v1/organisations/{w.organisation.number}/", "GET", everyone(200)),
    Row("api_vocabularies", lambda w: "/api/v1/vocabularies/", "GET", everyone(200)),
    Row("api_schema", lambda w: "/api/v1/schema/", "GET", everyone(200)),
    Row("api_dcat", lambda w: "/api/datasett.jsonld", "GET", everyone(200)),
    Row("export_csv", lambda w: "/prosjekter/eksport.csv?archived=on", "GET", everyone(200)),
    Row("export_xlsx", lambda w: "/prosjekter/eksport.xlsx", "GET", everyone(200)),
    Row("feed", lambda w: "/feeder/prosjekter/?q=alarm", "GET", everyone(200)),
    Row("service_area_feed", lambda w: "/feeder/tjenesteomrader/helse-og-omsorg/", "GET", everyone(200)),
    Row("organisation_feed", lambda w: f"/feeder/kommuner/{w.organisation.number}/", "GET", everyone(200)),
    Row("county_feed", lambda w: f"/feeder/fylkeskommuner/{w.county_authority.number}/", "GET", everyone(200)),
    Row("sitemap", lambda w: "/sitemap.xml", "GET", everyone(200)),
    Row("sitemap_section", lambda w: "/sitemap-projects.xml", "GET", everyone(200)),
    Row("robots", lambda w: "/robots.txt", "GET", everyone(200)),
    # diffusion: copying needs the editor role in an organisation that does not own the project
    Row("spreading", lambda w: "/spredning/", "GET", everyone(200)),
    Row("spreading_feed", lambda w: "/spredning/atom/", "GET", everyone(200)),
    Row("copy_own", project_url("published", "kopier/"), "GET", logged_in(403, curator=200)),
    Row(
        "copy_draft",
        project_url("draft", "kopier/"),
        "GET",
        logged_in(404, **dict.fromkeys(["member", *PROJECT_EDITORS], 403)),
    ),
    Row("copy", project_url("foreign", "kopier/"), "GET", logged_in(403, **dict.fromkeys(PROJECT_EDITORS, 200))),
    Row(
        "copy",
        project_url("foreign", "kopier/"),
        "POST",
        # the co-owner's editor may not copy into Bærum: the form says so (200)
        logged_in(403, editor=302, org_admin=302, curator=302, co_owner_editor=200),
        lambda w: {"organisation": w.organisation.pk, "kind": "adapted", "channel": "spre"},
    ),
    # declaring an adoption: approved members of an organisation that does not own the project
    Row("declare_own", project_url("published", "ta-i-bruk/"), "GET", logged_in(403)),
    Row(
        "declare",
        project_url("foreign", "ta-i-bruk/"),
        "GET",
        logged_in(403, member=200, editor=200, org_admin=200, co_owner_editor=200),
    ),
    Row(
        "declare",
        project_url("foreign", "ta-i-bruk/"),
        "POST",  # Bærum has declared it already: sent on to change it
        logged_in(403, member=302, editor=302, org_admin=302, co_owner_editor=200),
        lambda w: {
            "organisation": w.organisation.pk,
            "status": "in_use",
            "kind": "adapted",
            "channel": "spre",
            "started_on": "2024-01-01",
        },
    ),
    Row("project_adoptions", project_url("published", "ibruktakelser/"), "GET", everyone(200)),
    Row("project_adoptions_draft", project_url("draft", "ibruktakelser/"), "GET", draft_read()),
    Row("adoption", lambda w: w.adoption.get_absolute_url(), "GET", everyone(200)),
    Row(
        "adoption_edit",
        lambda w: f"{w.own_adoption.get_absolute_url()}endre/",
        "GET",
        logged_in(403, member=200, editor=200, org_admin=200, curator=200),
    ),
    Row(
        "adoption_edit",
        lambda w: f"{w.own_adoption.get_absolute_url()}endre/",
        "POST",
        logged_in(403, member=302, editor=302, org_admin=302, curator=302),
        {
            "status": "trial",
            "status_since": "2025-01-01",
            "kind": "adapted",
            "channel": "spre",
            "started_on": "2024-01-01",
        },
    ),
    Row(
        "adoption_edit_foreign", lambda w: f"{w.adoption.get_absolute_url()}endre/", "GET", logged_in(403, curator=200)
    ),
    Row(
        "adoption_report",
        lambda w: f"{w.own_adoption.get_absolute_url()}erfaringer/",
        "GET",
        logged_in(403, member=200, editor=200, org_admin=200, curator=200),
    ),
    Row(
        "adoption_withdraw",
        lambda w: f"{w.own_adoption.get_absolute_url()}trekk-tilbake/",
        "POST",
        logged_in(403, member=302, editor=302, org_admin=302, curator=302),
    ),
    Row("adoption_withdraw", lambda w: f"{w.own_adoption.get_absolute_url()}trekk-tilbake/", "GET", logged_in(405)),
    # confirming: the source project's editors
    Row(
        "adoption_confirm",
        lambda w: f"{w.adoption.get_absolute_url()}bekreft/",
        "POST",
        logged_in(403, **dict.fromkeys(PROJECT_EDITORS, 302)),
        {"decision": "confirm"},
    ),
    Row("adoption_confirm", lambda w: f"{w.adoption.get_absolute_url()}bekreft/", "GET", logged_in(405)),
    Row("notification_preferences", lambda w: "/varsler/innstillinger/", "GET", logged_in(200)),
    Row(
        "notification_preferences",
        lambda w: "/varsler/innstillinger/",
        "POST",
        logged_in(302),
        {
            "comments": "daily",
            "my_comments": "immediately",
            "new_projects": "weekly",
            "adoptions": "off",
            "project_updates": "weekly",
            "memberships": "weekly",
            "adoption_confirmations": "weekly",
            "other": "weekly",
        },
    ),
    Row("unsubscribe", lambda w: f"/varsler/avmeld/{w.unsubscribe_token}/", "GET", everyone(200)),
    Row("unsubscribe", lambda w: f"/varsler/avmeld/{w.unsubscribe_token}/", "POST", everyone(200)),
    Row("unsubscribe_forged", lambda w: "/varsler/avmeld/falsk/", "POST", everyone(404)),
    # following: what one may see (data computed from the world)
    Row("follow", lambda w: "/folg/", "POST", logged_in(302), lambda w: {"target": "project", "id": w.published.pk}),
    Row(
        "follow_draft",
        lambda w: "/folg/",
        "POST",
        edit_draft(302) | {"member": 302},
        lambda w: {"target": "project", "id": w.draft.pk},
    ),
    Row(
        "follow_organisation",
        lambda w: "/folg/",
        "POST",
        logged_in(302),
        lambda w: {"target": "organisation", "id": w.other_organisation.pk},
    ),
    Row("follow_search", lambda w: "/folg/", "POST", logged_in(302), {"target": "search", "search": "q=tilsyn"}),
    Row("follow", lambda w: "/folg/", "GET", logged_in(405)),
    Row("unfollow_others", lambda w: f"/folg/{w.follow.pk}/slutt/", "POST", logged_in(404)),
    # conversation: approved members of any organisation post; the author edits; editors mark answers;
    # the owner's admins and curators moderate; curators block
    *conversation_rows(),
]


def build_world(media_root) -> World:
    county = make_county(name="Testfylke")
    organisation = make_organisation(name="Bærum", county=county)
    other_organisation = make_organisation(name="Asker", county=county)
    co_owner_organisation = make_organisation(name="Lillevik", county=county)

    def project(title, state=Project.State.DRAFT, **fields):
        return make_project(owner=organisation, title=title, state=state, co_owners=[co_owner_organisation], **fields)

    with override_settings(MEDIA_ROOT=media_root):
        return World(
            county=county,
            organisation=organisation,
            other_organisation=other_organisation,
            co_owner_organisation=co_owner_organisation,
            county_authority=make_organisation(
                kind=Organisation.Kind.COUNTY_AUTHORITY, name="Testfylke", county=county
            ),
            applicant=make_membership(organisation=organisation, status=Membership.Status.PENDING),
            colleague=make_membership(organisation=organisation, requested_role=Membership.Role.EDITOR),
            foreign_request=make_membership(organisation=other_organisation, status=Membership.Status.PENDING),
            draft=project("Et utkast om velferdsteknologi"),
            published=project("Trygghetsalarm med sensorer", state=Project.State.PUBLISHED),
            archived=project("Et arkivert prosjekt", state=Project.State.ARCHIVED),
            complete=project("Klart til publisering", **complete_fields()),
            archived_draft=services.archive_project(project=project("Et arkivert utkast"), by=None),
        )


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the 500-odd tests of the matrix; each test's changes are rolled back after it."""
    media_root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media_root):
        yield from kept_for_scope(django_db_blocker, lambda: build_world(media_root))


@pytest.fixture
def world(_world, db):
    return _world


# The cast (tests/conftest.py) joins the world's organisations.
@pytest.fixture
def county(world):
    return world.county


@pytest.fixture
def organisation(world):
    return world.organisation


@pytest.fixture
def other_organisation(world):
    return world.other_organisation


@pytest.fixture
def co_owner_organisation(world):
    return world.co_owner_organisation


def test_every_row_has_an_expectation_for_the_whole_cast():
    for row in MATRIX:
        assert set(row.expect) == set(CAST), row.id


def named_urls(patterns=None, namespace="") -> set[str]:
    """Every named URL of the site as `namespace:name` (nested namespaces joined), Django's admin left out."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NAMESPACES_NOT_IN_MATRIX:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_the_url_walk_sees_namespaced_and_plain_names():
    names = named_urls()
    assert {"home", "account_login", "projects:detail", "municipalities:municipality_detail"} <= names
    assert names >= ALLAUTH_NOT_IN_MATRIX, "an allauth URL listed as not in the matrix no longer exists"
    assert not any(name.startswith("admin:") for name in names)


def test_every_named_url_is_in_the_matrix(world):
    covered = {resolve(row.url(world).split("?")[0]).view_name for row in MATRIX}
    missing = named_urls() - ALLAUTH_NOT_IN_MATRIX - covered
    assert not missing, f"URLs without a row in the permission matrix: {sorted(missing)}"


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_permission_matrix(client, world, cast_user, login, row, who):
    login(cast_user(who))
    url = row.url(world)
    data = row.data(world) if callable(row.data) else row.data
    response = client.get(url) if row.method == "GET" else client.post(url, data)
    expected = row.expect[who]
    if expected == LOGIN:
        assert response.status_code == 302, f"{who} {row.method} {url}"
        assert response["Location"].startswith("/konto/logg-inn/?next="), f"{who} {row.method} {url}"
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302, f"{who} {row.method} {url}"
        assert response["Location"].startswith("/admin/login/?next="), f"{who} {row.method} {url}"
    else:
        assert response.status_code == expected, f"{who} {row.method} {url}"
