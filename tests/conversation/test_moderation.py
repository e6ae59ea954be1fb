"""Moderation: report with a reason, hide with a reason (the author sees why), restore, block repeat offenders."""

import pytest
from django.core.exceptions import PermissionDenied

from activity.models import Activity
from conversation import services
from conversation.models import Comment, CommentingBlock, CommentReport


def test_anyone_signed_in_reports_with_a_reason(client, published, question, member):
    client.force_login(member)
    response = client.post(question.get_url("report"), {"reason": ""})
    assert response.status_code == 200 and "Oppgi en begrunnelse." in response.content.decode()
    response = client.post(question.get_url("report"), {"reason": "Reklame"})
    assert response.status_code == 302
    report = CommentReport.objects.get()
    assert report.reporter == member and report.reason == "Reklame"
    assert Activity.objects.filter(verb=Activity.Verb.COMMENT_REPORTED).count() == 1


def test_reported_comments_wait_in_the_moderation_queue(client, published, question, member, org_admin, curator):
    services.report_comment(comment=question, by=member, reason="Personopplysninger")
    for moderator in (org_admin, curator):
        client.force_login(moderator)
        page = client.get("/moderering/").content.decode()
        assert "Personopplysninger" in page and question.text in page


def test_org_admin_of_another_organisation_does_not_see_the_report(
    client, published, question, member, other_organisation
):
    from municipalities.models import Membership

    from ..conftest import _member_of

    services.report_comment(comment=question, by=member, reason="Personopplysninger")
    stranger = _member_of(other_organisation, email="admin@asker.example.org", role=Membership.Role.ADMIN)
    client.force_login(stranger)
    page = client.get("/moderering/").content.decode()
    assert "Personopplysninger" not in page
    assert client.post(question.get_url("hide"), {"reason": "Nei"}).status_code == 403


def test_admin_hides_with_a_reason_the_author_sees_and_restores(
    client, published, question, outsider_member, member, org_admin
):
    services.report_comment(comment=question, by=member, reason="Personopplysninger")
    client.force_login(org_admin)
    response = client.post(question.get_url("hide"), {"reason": "Inneholder navn på en bruker"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_hidden and question.hidden_by == org_admin
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    assert Activity.objects.filter(verb=Activity.Verb.COMMENT_HIDDEN).count() == 1

    client.force_login(member)
    page = client.get(published.get_absolute_url()).content.decode()
    assert question.text not in page and "skjult av en moderator" in page
    assert client.get(question.get_url("history")).status_code == 404

    client.force_login(outsider_member)
    page = client.get(published.get_absolute_url()).content.decode()
    assert question.text in page and "Inneholder navn på en bruker" in page
    assert client.post(question.get_url("edit"), {"text": "Nytt forsøk"}).status_code == 403

    client.force_login(org_admin)
    assert client.post(question.get_url("restore")).status_code == 302
    question.refresh_from_db()
    assert not question.is_hidden
    assert Activity.objects.filter(verb=Activity.Verb.COMMENT_RESTORED).count() == 1


def test_members_and_editors_cannot_hide(client, published, question, member, editor):
    for user in (member, editor):
        client.force_login(user)
        assert client.post(question.get_url("hide"), {"reason": "Nei"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.hide_comment(comment=question, by=editor, reason="Nei")
    question.refresh_from_db()
    assert not question.is_hidden


def test_dismissing_reports_keeps_the_comment(client, published, question, member, curator):
    services.report_comment(comment=question, by=member, reason="Feil")
    client.force_login(curator)
    assert client.post(question.get_url("dismiss")).status_code == 302
    assert not Comment.objects.reported().exists()
    assert not Comment.objects.get().is_hidden


def test_curator_blocks_a_repeat_offender_who_then_cannot_comment(client, published, outsider_member, curator):
    for n in range(3):
        comment = services.post_comment(project=published, by=outsider_member, text=f"Søppel {n}")
        services.hide_comment(comment=comment, by=curator, reason="Søppel")
    client.force_login(curator)
    page = client.get("/moderering/").content.decode()
    assert "3 skjulte kommentarer" in page
    response = client.post(f"/moderering/brukere/{outsider_member.pk}/blokker/", {"reason": "Gjentatt søppel"})
    assert response.status_code == 302
    assert CommentingBlock.objects.get().user == outsider_member
    assert Activity.objects.filter(verb=Activity.Verb.USER_BLOCKED_FROM_COMMENTING).count() == 1

    client.force_login(outsider_member)
    response = client.post(f"/prosjekter/{published.slug}/kommentarer/ny/", {"text": "Mer søppel"})
    assert response.status_code == 403 and "Gjentatt søppel" in response.content.decode()
    assert "blokkert deg" in client.get(published.get_absolute_url()).content.decode()

    client.force_login(curator)
    assert client.post(f"/moderering/brukere/{outsider_member.pk}/opphev-blokkering/").status_code == 302
    assert not CommentingBlock.objects.exists()
    assert services.may_comment(outsider_member)


def test_only_portal_admins_block(client, outsider_member, org_admin):
    client.force_login(org_admin)
    assert client.post(f"/moderering/brukere/{outsider_member.pk}/blokker/", {"reason": "x"}).status_code == 403
    assert not CommentingBlock.objects.exists()


def test_my_pages_tell_moderators_of_waiting_reports(client, published, question, member, org_admin):
    services.report_comment(comment=question, by=member, reason="Reklame")
    client.force_login(org_admin)
    page = client.get("/mine-sider/").content.decode()
    assert "1 kommentar er meldt til moderatorene og venter." in page and "/moderering/" in page
    client.force_login(member)
    assert "/moderering/" not in client.get("/mine-sider/").content.decode()


def test_the_curators_queue_counts_the_reported_comments(client, published, question, member, curator):
    client.force_login(curator)
    assert "Ingen rapporterte kommentarer venter." in client.get("/kurator/").content.decode()
    services.report_comment(comment=question, by=member, reason="Personopplysninger")
    page = client.get("/kurator/").content.decode()
    assert "1 kommentar er meldt til moderatorene og venter." in page
    assert 'href="/moderering/"' in page


def test_a_comment_nobody_reported_is_not_in_the_queue(published, question, member):
    assert not Comment.objects.reported().exists()
    services.report_comment(comment=question, by=member, reason="Reklame")
    assert list(Comment.objects.reported()) == [question]
