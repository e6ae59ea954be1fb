from conversation.models import Comment
from demo.conversation import load_demo_conversation


def test_the_demo_has_an_answered_question_and_loading_again_adds_nothing(client):
    question = Comment.objects.get(is_question=True)
    assert question.answer is not None and question.answer.author.email == "radgiver@kommune-a.example"
    assert load_demo_conversation() == 0
    page = client.get(question.project.get_absolute_url()).content.decode()
    assert "Spørsmål og svar" in page and "fra prosjektet" in page
