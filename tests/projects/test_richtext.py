from django.template import Context, Template

from projects import services
from projects.forms import ProjectForm
from projects.richtext import editable, sanitize


def test_script_tags_are_removed():
    assert "<script" not in sanitize("Hei<script>alert(1)</script>")


def test_javascript_links_lose_their_href():
    cleaned = sanitize('<p><a href="javascript:alert(1)">klikk</a></p>')
    assert "javascript" not in cleaned
    assert "klikk" in cleaned


def test_event_handlers_and_images_are_removed():
    cleaned = sanitize('<p onclick="x()">a</p><img src=x onerror=alert(1)>')
    assert cleaned == "<p>a</p>"


def test_allowed_markup_is_kept_and_links_get_rel():
    cleaned = sanitize('<ul><li><strong>a</strong> <a href="https://ks.no">KS</a></li></ul>')
    assert (
        cleaned
        == '<ul><li><strong>a</strong> <a href="https://ks.no" rel="noopener noreferrer nofollow">KS</a></li></ul>'
    )


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert sanitize("Første avsnitt\nlinje to\n\n2 < 3 & 4") == (
        "<p>Første avsnitt<br>linje to</p><p>2 &lt; 3 &amp; 4</p>"
    )


def test_the_service_sanitises_on_save(organisation):
    from .conftest import make_project

    project = make_project(owner=organisation, need="<script>x</script><p>Behov</p>")
    assert project.need == "<p>Behov</p>"


def test_text_from_the_form_is_sanitised_when_saved(draft, editor):
    data = {"title": "T", "origin": "own", "status": "ongoing", "version": 1, "need": "<p onclick=x>Hei</p>"}
    form = ProjectForm(data, instance=draft)
    assert form.is_valid(), form.errors
    services.update_project(project=draft, by=editor, expected_version=1, **form.service_fields())
    draft.refresh_from_db()
    assert draft.need == "<p>Hei</p>"


def test_the_template_filter_sanitises_on_render(draft):
    draft.need = '<p>ok</p><script>alert(1)</script><a href="javascript:x">l</a>'  # e.g. written by the admin
    html = Template("{% load projects %}{{ value|richtext }}").render(Context({"value": draft.need}))
    assert "<script" not in html and "javascript:" not in html
    assert html.startswith("<p>ok</p>")  # the harmless part is kept, not escaped


def test_simple_paragraphs_are_edited_as_plain_text_and_saved_back_unchanged():
    stored = "<p>Tom &amp; Jerry bygger.</p><p>Linje 1<br>Linje 2</p>"
    assert editable(stored) == "Tom & Jerry bygger.\n\nLinje 1\nLinje 2"
    assert sanitize(editable(stored)) == stored


def test_richer_html_is_edited_as_html():
    assert editable("<ul><li>punkt</li></ul>") == "<ul><li>punkt</li></ul>"
