"""Conversation and following in a real browser, every page checked with axe: a question asked and answered by the
project's editor, a comment hidden and restored by the organisation's admin, a service area followed and its
digest received and unsubscribed from, and the pages at 320 px."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from .helpers import check_axe, log_in, log_out, make_user, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def project(organisations):
    from projects.models import Project
    from tests.projects.conftest import make_project

    return make_project(owner=organisations["bergen"], title="Digitalt nattilsyn", state=Project.State.PUBLISHED)


def _member(email, organisation, role="member", full_name="Vera Voss"):
    from municipalities.models import Membership

    user = make_user(email, full_name=full_name, job_title="innovasjonsrådgiver")
    Membership.objects.create(user=user, organisation=organisation, role=role, status=Membership.Status.APPROVED)
    return user


def _fits(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 0, f"{page.url} is {width} px too wide at 320 px"


def test_a_question_is_asked_and_answered_by_the_projects_editor(new_page, organisations, project):
    asker = _member("vera@voss.kommune.no", organisations["voss"])
    editor = _member("rita@bergen.kommune.no", organisations["bergen"], role="editor", full_name="Rita Rådgiver")

    page = new_page()
    log_in(page, asker.email)
    visit(page, project.get_absolute_url())
    page.fill("#id_text", "Hvordan fikk dere med nattevaktene?\nVi prøver på https://voss.kommune.no/tilsyn.")
    page.check("#id_is_question")
    with page.expect_navigation():
        page.click(".conversation__new button[type=submit]")
    check_axe(page, context="(question posted)")
    question = page.locator(".comment--question").first
    assert "Hvordan fikk dere med nattevaktene?" in question.inner_text()
    link = question.locator("a[href='https://voss.kommune.no/tilsyn']")
    assert link.get_attribute("rel") == "nofollow ugc noopener"

    editor_page = new_page()
    log_in(editor_page, editor.email)
    visit(editor_page, project.get_absolute_url())
    editor_page.click(".comment-reply summary")
    editor_page.fill(".comment-reply textarea", "Vi hadde tre workshops med nattevaktene først.")
    with editor_page.expect_navigation():
        editor_page.click(".comment-reply button[type=submit]")
    check_axe(editor_page, context="(reply posted)")
    assert "fra prosjektet" in editor_page.inner_text(".comment-list--replies")
    with editor_page.expect_navigation():
        editor_page.click("button:has-text('Merk som svaret')")
    check_axe(editor_page, context="(answer marked)")
    conversation = editor_page.inner_text("#kommentarer")
    assert "Spørsmål og svar" in conversation and "Svaret" in conversation

    # The asker is told, in the notification list.
    visit(page, reverse("notifications:list"))
    assert "har fått et svar" in page.inner_text("main")

    # Both at 320 px: the project page with the conversation fits.
    phone = new_page(viewport=PHONE)
    log_in(phone, editor.email)
    visit(phone, project.get_absolute_url())
    _fits(phone)


def test_the_organisations_admin_hides_a_comment_and_the_author_sees_why(new_page, organisations, project, org_admin):
    from conversation import services

    author = _member("vera@voss.kommune.no", organisations["voss"])
    services.post_comment(project=project, by=author, text="Kjøp billige sensorer hos oss!")
    reporter = _member("per@voss.kommune.no", organisations["voss"], full_name="Per Voss")

    page = new_page()
    log_in(page, reporter.email)
    visit(page, project.get_absolute_url())
    with page.expect_navigation():
        page.click(".comment__actions a:has-text('Meld fra')")
    check_axe(page, context="(report form)")
    page.fill("#id_reason", "Reklame")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    log_out(page)

    admin = new_page()
    log_in(admin, org_admin.email)
    visit(admin, reverse("conversation:moderation"))
    assert "Reklame" in admin.inner_text("main")
    with admin.expect_navigation():
        admin.click("a:has-text('Skjul …')")
    check_axe(admin, context="(hide form)")
    with admin.expect_navigation():  # no reason: a clear message at the field
        admin.click("main form button[type=submit]")
    assert "Oppgi en begrunnelse." in admin.inner_text(".ds-error-summary")
    check_axe(admin, context="(hide form with error)")
    admin.fill("#id_reason", "Reklame for egne produkter")
    with admin.expect_navigation():
        admin.click("main form button[type=submit]")
    check_axe(admin, context="(hidden)")

    author_page = new_page()
    log_in(author_page, author.email)
    visit(author_page, project.get_absolute_url())
    text = author_page.inner_text("#kommentarer")
    assert "Kjøp billige sensorer hos oss!" in text and "Reklame for egne produkter" in text

    phone = new_page(viewport=PHONE)
    log_in(phone, org_admin.email)
    visit(phone, reverse("conversation:moderation"))
    _fits(phone)
    visit(admin, project.get_absolute_url())
    with admin.expect_navigation():
        admin.click("button:has-text('Vis igjen')")
    visit(page, project.get_absolute_url())
    assert "Kjøp billige sensorer hos oss!" in page.inner_text("#kommentarer")


def test_follow_a_service_area_and_receive_the_digest(new_page, organisations):
    from notifications.services import send_digests
    from projects.models import Project
    from tests.projects.conftest import make_project

    reader = make_user("lese@example.no", full_name="Lena Leser")
    page = new_page()
    log_in(page, reader.email)
    visit(page, "/prosjekter/?service_area=helse-og-omsorg")
    with page.expect_navigation():
        page.click("button:has-text('Følg Helse og omsorg')")
    check_axe(page, context="(following)")
    assert page.locator("button[aria-pressed=true]:has-text('Følger Helse og omsorg')").count() == 1
    visit(page, reverse("accounts:dashboard"))
    assert "Helse og omsorg" in page.inner_text("#following-heading + ul")

    make_project(owner=organisations["bergen"], title="Sensorer i hjemmet", state=Project.State.PUBLISHED)
    mail.outbox.clear()
    assert send_digests(frequency="weekly") == 1
    from outbox.delivery import send_queued

    send_queued()
    [digest] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Nytt prosjekt fra Bergen: Sensorer i hjemmet" in digest.body
    unsubscribe = re.search(r"<(http[^>]+)>", digest.extra_headers["List-Unsubscribe"]).group(1)
    path = "/" + unsubscribe.split("/", 3)[3]

    visit(page, path)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    check_axe(page, context="(unsubscribed)")
    assert "Ferdig" in page.inner_text("main")
    visit(page, reverse("notifications:preferences"))
    assert page.locator("input[name=new_projects][value=off]").is_checked()

    phone = new_page(viewport=PHONE)
    log_in(phone, reader.email)
    for url in (
        reverse("notifications:preferences"),
        "/prosjekter/?service_area=helse-og-omsorg",
        reverse("accounts:dashboard"),
    ):
        visit(phone, url)
        _fits(phone)
