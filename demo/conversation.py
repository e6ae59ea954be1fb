"""A demo conversation for `make run`: a question from another municipality, answered by the project's editor,
and a comment, on one of Kommune A's demo projects (idempotent)."""

from accounts.models import User
from conversation.models import Comment
from conversation.services import mark_answer, post_comment
from projects.models import Project


def load_demo_conversation() -> int:
    """Returns how many comments were created (none when the demo already has a conversation)."""
    project = Project.objects.published().filter(is_demo=True, owner__name="Kommune A").order_by("pk").first()
    users = {user.email: user for user in User.objects.filter(email__endswith=".example")}
    asker, editor, member = (
        users.get("radgiver@kommune-d.example"),
        users.get("radgiver@kommune-a.example"),
        users.get("ansatt@kommune-a.example"),
    )
    if project is None or None in (asker, editor, member) or Comment.objects.filter(project=project).exists():
        return 0
    question = post_comment(
        project=project,
        by=asker,
        text="Hvordan fikk dere de ansatte med fra starten? Vi vurderer noe lignende i Kommune D.",
        is_question=True,
    )
    answer = post_comment(
        project=project,
        by=editor,
        text=(
            "Vi startet med to workshops der de ansatte selv beskrev utfordringene.\n"
            "Oppsummeringen ligger her: https://example.org/workshop-oppsummering"
        ),
        parent=question,
    )
    mark_answer(reply=answer, by=editor)
    post_comment(project=project, by=member, text="Det var avgjørende at tillitsvalgte var med i prosjektgruppa.")
    return 3
