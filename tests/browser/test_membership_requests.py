"""Membership without dead ends, in a real browser: a member asks for the editor role and an administrator
gives it; the first member of an organisation without an administrator is approved by a curator, who appoints
them administrator. Every page is checked with axe."""

import pytest
from django.urls import reverse

from municipalities.models import Membership

from .helpers import check_axe, log_in, log_out, make_user, visit

pytestmark = pytest.mark.browser


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        page.locator(locator).first.click()
    check_axe(page)


def make_curator():
    from django.contrib.auth.models import Permission

    curator = make_user("kurator@ks.no", full_name="Kari Kurator", is_staff=True)
    curator.user_permissions.add(Permission.objects.get(codename="curator", content_type__app_label="accounts"))
    return curator


def test_member_asks_for_the_editor_role_and_an_admin_gives_it(new_page, organisations, org_admin, mailoutbox):
    bergen = organisations["bergen"]
    member = make_user("mia@bergen.kommune.no", full_name="Mia Medlem")
    membership = Membership.objects.create(user=member, organisation=bergen, status=Membership.Status.APPROVED)
    page = new_page()
    log_in(page, member.email)

    # «Mine prosjekter» offers the editor role instead of a button that ends in a 403.
    visit(page, reverse("projects:mine"))
    assert page.locator("main a", has_text="Registrer et prosjekt").count() == 0
    click_and_wait(page, f"main a[href='{bergen.role_request_url}']")
    page.check("input[name=role][value=editor]")
    page.fill("#id_reason", "Jeg skal registrere prosjektet om velferdsteknologi.")
    click_and_wait(page, "main form button[type=submit]")
    assert page.url.endswith(reverse("accounts:dashboard")), page.url
    assert page.locator("main").get_by_text("Administratorene i Bergen avgjør").count() == 1
    assert [mail.to for mail in mailoutbox] == [[org_admin.email]]
    log_out(page)

    # The administrator decides on «Mine sider».
    log_in(page, org_admin.email)
    check_axe(page)
    click_and_wait(page, f"form[action='/medlemskap/{membership.pk}/rolleforesporsel/avgjor/'] button[value=approve]")
    membership.refresh_from_db()
    assert (membership.role, membership.requested_role) == (Membership.Role.EDITOR, "")
    assert mailoutbox[-1].to == [member.email]
    log_out(page)

    # Now the member may register a project.
    log_in(page, member.email)
    visit(page, reverse("projects:mine"))
    click_and_wait(page, f"main a[href='{reverse('projects:create')}']")
    assert page.locator("h1").inner_text() == "Registrer et prosjekt"
    assert page.locator("#id_title").is_visible()


def test_first_member_of_an_organisation_without_admin_is_appointed_by_a_curator(new_page, organisations, mailoutbox):
    voss = organisations["voss"]
    curator = make_curator()
    person = make_user("ola@voss.kommune.no", full_name="Ola Først")
    page = new_page()
    log_in(page, person.email)

    # The organisation page and the join page say honestly that nobody in Voss decides yet.
    visit(page, voss.get_absolute_url())
    assert page.locator("main").get_by_text("har ingen administrator i Spre ennå").count() >= 1
    click_and_wait(page, f"main a[href='{voss.join_url}']")
    assert page.locator("main").get_by_text("En administrator i organisasjonen godkjenner").count() == 0
    page.check("input[name=role][value=admin]")
    page.fill("#id_message", "Jeg leder innovasjonsarbeidet i Voss.")
    click_and_wait(page, "main form button[type=submit]")
    assert page.url.endswith(reverse("accounts:dashboard")), page.url
    assert [mail.to for mail in mailoutbox] == [[curator.email]]

    # While waiting: what happens next, and a way to withdraw, on the organisation page.
    visit(page, voss.get_absolute_url())
    assert page.locator("main").get_by_text("kuratorene i Spre (KS)").count() >= 1
    assert page.locator("main button", has_text="Trekk forespørselen").is_visible()
    log_out(page)

    # The curator approves from the queue and makes Ola the first administrator.
    log_in(page, curator.email)
    visit(page, reverse("municipalities:curation"))
    membership = Membership.objects.get(user=person)
    form = f"form[action='/medlemskap/{membership.pk}/avgjor/']"
    assert page.locator(f"{form} select[name=role]").input_value() == "admin"
    click_and_wait(page, f"{form} button[value=approve]")
    membership.refresh_from_db()
    assert (membership.status, membership.role) == (Membership.Status.APPROVED, Membership.Role.ADMIN)
    assert page.locator(form).count() == 0  # gone from the queue
    assert mailoutbox[-1].to == [person.email]
    log_out(page)

    # Ola now administers Voss.
    log_in(page, person.email)
    click_and_wait(page, f"main a[href='{voss.members_url}']")
    assert "Medlemmer av Voss" in page.locator("h1").inner_text()
