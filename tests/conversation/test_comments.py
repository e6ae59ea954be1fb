"""Comments and questions on projects: who may post, replies, answers, edits, deletion, text safety, limits."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import Activity
from conversation import services, views
from conversation.models import Comment, CommentRevision
from conversation.text import render


def post(client, project, **data):
    return client.post(f"/prosjekter/{project.slug}/kommentarer/ny/", data)


def test_member_of_any_organisation_comments_on_a_published_project(client, published, outsider_member):
    client.force_login(outsider_member)
    response = post(client, published, text="Dette vil vi prøve i Asker.")
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#kommentar-{comment.pk}")
    assert comment.author == outsider_member and comment.organisation.name == "Asker"
    assert not comment.is_question
    activity = Activity.objects.get(verb=Activity.Verb.COMMENT_POSTED)
    assert activity.subject == published and activity.organisation.name == "Asker"
    assert activity.data == {"comment": comment.pk, "parent": None}
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Dette vil vi prøve i Asker." in page and "Asker" in page


def test_a_question_is_logged_as_a_question(client, published, outsider_member):
    client.force_login(outsider_member)
    post(client, published, text="Hva kostet det?", is_question="on")
    assert Comment.objects.get().is_question
    assert Activity.objects.filter(verb=Activity.Verb.QUESTION_ASKED).count() == 1


@pytest.mark.parametrize("who", ["outsider", "pending_member"])
def test_who_is_no_approved_member_cannot_comment(client, published, cast_user, who):
    client.force_login(cast_user(who))
    response = post(client, published, text="Hei der")
    assert response.status_code == 403
    assert "Bare godkjente medlemmer" in response.content.decode()
    assert not Comment.objects.exists()


def test_nobody_comments_on_a_draft_or_archived_project(client, draft, archived, editor):
    client.force_login(editor)
    assert post(client, draft, text="Hei der").status_code == 403
    assert post(client, archived, text="Hei der").status_code == 403
    with pytest.raises(ValidationError):
        services.post_comment(project=archived, by=editor, text="Hei der")
    assert not Comment.objects.exists()


def test_anonymous_visitors_read_and_are_asked_to_log_in(client, published, question):
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Hvordan fikk dere med ansatte?" in page
    assert "Logg inn for å stille et spørsmål eller kommentere" in page


def test_member_of_the_project_is_shown_from_the_project(client, published, member, question):
    services.post_comment(project=published, by=member, text="Vi svarer gjerne!", parent=question)
    page = client.get(published.get_absolute_url()).content.decode()
    assert page.count("fra prosjektet") == 1


def test_one_level_of_replies(published, question, member, editor):
    reply = services.post_comment(project=published, by=member, text="Svar", parent=question)
    reply_to_reply = services.post_comment(project=published, by=editor, text="Svar på svar", parent=reply)
    assert reply_to_reply.parent == question
    assert not reply.is_question
    assert Activity.objects.filter(verb=Activity.Verb.COMMENT_REPLIED).count() == 2


def test_editor_marks_the_answer_and_answered_questions_come_first(client, published, question, member, editor):
    later = services.post_comment(project=published, by=member, text="Et nyere innspill uten svar.")
    reply = services.post_comment(project=published, by=editor, text="Vi hadde workshops.", parent=question)
    client.force_login(editor)
    response = client.post(reply.get_url("answer"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == reply
    activity = Activity.objects.get(verb=Activity.Verb.COMMENT_ANSWER_MARKED)
    assert activity.data == {"comment": reply.pk, "parent": question.pk, "question": question.pk}
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Spørsmål og svar" in page
    assert page.index("Hvordan fikk dere med ansatte?") < page.index(later.text)
    client.post(reply.get_url("answer"), {"unmark": "1"})
    question.refresh_from_db()
    assert question.answer is None


def test_only_the_projects_editors_mark_answers(client, published, question, member, outsider_member):
    reply = services.post_comment(project=published, by=member, text="Svar", parent=question)
    client.force_login(outsider_member)
    assert client.post(reply.get_url("answer")).status_code == 403
    client.force_login(member)
    assert client.post(reply.get_url("answer")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.mark_answer(reply=reply, by=member)
    question.refresh_from_db()
    assert question.answer is None


def test_author_edits_and_the_history_is_kept(client, published, question, outsider_member):
    client.force_login(outsider_member)
    response = client.post(question.get_url("edit"), {"text": "Hvordan fikk dere med de ansatte?"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Hvordan fikk dere med de ansatte?" and question.edited_at
    assert list(CommentRevision.objects.values_list("text", flat=True)) == ["Hvordan fikk dere med ansatte?"]
    page = client.get(published.get_absolute_url()).content.decode()
    assert "redigert" in page
    history = client.get(question.get_url("history")).content.decode()
    assert "Hvordan fikk dere med ansatte?" in history


def test_others_cannot_edit_or_delete(client, published, question, member):
    client.force_login(member)
    assert client.post(question.get_url("edit"), {"text": "Endret"}).status_code == 403
    assert client.post(question.get_url("delete")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.edit_comment(comment=question, by=member, text="Endret")


def test_deleted_comment_is_replaced_and_replies_stay(client, published, question, outsider_member, editor):
    services.post_comment(project=published, by=editor, text="Et svar som blir stående.", parent=question)
    client.force_login(outsider_member)
    assert client.post(question.get_url("delete")).status_code == 302
    question.refresh_from_db()
    assert question.is_deleted and question.text  # kept, not shown
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Hvordan fikk dere med ansatte?" not in page
    assert "slettet av forfatteren" in page
    assert "Et svar som blir stående." in page


def test_text_is_escaped_and_links_are_safe():
    html = render(
        'Se https://example.org/a?b=1&c=2.\n<script>alert(1)</script>\n\njavascript:alert(1) <a href="x">x</a>'
    )
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in html
    assert "</a>." in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<br>" in html and html.count("<p>") == 2
    assert '<a href="x"' not in html and "javascript:" in html and 'href="javascript' not in html


def test_length_limits_have_clear_messages(client, published, outsider_member):
    client.force_login(outsider_member)
    response = post(client, published, text="x" * 4001)
    assert response.status_code == 200
    assert "4001 tegn" in response.content.decode() and "4000" in response.content.decode()
    response = post(client, published, text=" x ")
    assert "minst 2 tegn" in response.content.decode()
    assert not Comment.objects.exists()


def test_posting_too_fast_keeps_the_text_and_says_why(client, published, outsider_member, monkeypatch):
    monkeypatch.setattr(views, "POST_RATE", "2/d")
    client.force_login(outsider_member)
    post(client, published, text="Første")
    post(client, published, text="Andre")
    response = post(client, published, text="Tredje innlegg")
    assert response.status_code == 429
    content = response.content.decode()
    assert "Vent noen minutter" in content and "Tredje innlegg" in content
    assert Comment.objects.count() == 2


def test_the_project_page_does_not_grow_in_queries_with_comments(
    client, published, outsider_member, member, editor, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            thread = services.post_comment(
                project=published, by=outsider_member, text=f"Spørsmål {i}", is_question=True
            )
            services.post_comment(project=published, by=member, text=f"Svar {i}", parent=thread)

    client.force_login(editor)
    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(published.get_absolute_url())
    add(15)
    with django_assert_max_num_queries(len(few)):
        client.get(published.get_absolute_url())


def test_a_question_itself_cannot_be_its_answer(client, published, question, editor):
    client.force_login(editor)
    response = client.post(question.get_url("answer"), follow=True)
    assert "Bare svar på spørsmål kan merkes som svaret." in response.content.decode()
    question.refresh_from_db()
    assert question.answer is None


def test_the_heading_counts_only_the_comments_the_visitor_is_shown(
    client, published, outsider_member, member, org_admin, question
):
    services.post_comment(project=published, by=member, text="Med opplæring.", parent=question)
    hidden = services.post_comment(project=published, by=outsider_member, text="Reklame her")
    services.hide_comment(comment=hidden, by=org_admin, reason="Reklame")
    gone = services.post_comment(project=published, by=outsider_member, text="Angrer")
    services.delete_comment(comment=gone, by=outsider_member)

    def heading():
        page = client.get(published.get_absolute_url()).content.decode()
        return page.split('id="conversation-heading">', 1)[1].split("</h2>", 1)[0]

    assert '<span class="muted">(2)</span>' in heading()  # the question and its reply
    client.force_login(outsider_member)  # the author of the hidden comment sees it
    assert '<span class="muted">(3)</span>' in heading()
    client.force_login(org_admin)  # a moderator sees the hidden one too
    assert '<span class="muted">(3)</span>' in heading()


def test_the_conversation_points_to_the_contact_persons_whom_anyone_may_reach(client, organisation):
    """Contact persons without an account are not told of questions; the page tells visitors how to reach them."""
    from projects.models import Project

    from ..projects.conftest import make_project

    project = make_project(
        owner=organisation,
        title="Med kontaktperson",
        state=Project.State.PUBLISHED,
        contacts=[{"name": "Kari Kontakt", "role": "prosjektleder", "email": "kari@baerum.example.no"}],
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'href="mailto:kari@baerum.example.no"' in page and 'id="kontakt"' in page
    conversation = page.split('id="kommentarer"', 1)[1]
    assert "Du kan også kontakte prosjektets kontaktpersoner direkte" in conversation
    assert 'href="#kontakt"' in conversation
