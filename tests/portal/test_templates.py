"""The template tree stays readable: short lines, partials named with `_`, one error summary."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INCLUDE = re.compile(r"""\{% include ["']([^"']+)["']""")
# Django's and allauth's override points keep the names those packages look for.
OVERRIDES = ("django/", "allauth/")


def templates():
    return sorted(path for path in TEMPLATES.rglob("*") if path.is_file())


def test_no_template_line_is_longer_than_160_characters():
    long_lines = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > 160
    ]
    assert long_lines == []


def test_every_included_template_is_a_partial_named_with_an_underscore():
    included = {name for path in templates() for name in INCLUDE.findall(path.read_text(encoding="utf-8"))}
    assert included, "the pattern finds the includes"
    ours = [name for name in included if not name.startswith(OVERRIDES)]
    assert [name for name in ours if not Path(name).name.startswith("_")] == []
    assert [name for name in ours if not (TEMPLATES / name).is_file()] == []


def test_there_is_one_error_summary_partial():
    summaries = [path for path in templates() if "ds-error-summary" in path.read_text(encoding="utf-8")]
    assert [path.relative_to(TEMPLATES).as_posix() for path in summaries] == ["includes/_error_summary.html"]


def test_the_error_summary_lists_formset_errors_under_their_legend_even_when_the_form_is_valid():
    from django import forms
    from django.template.loader import render_to_string

    class NameForm(forms.Form):
        name = forms.CharField()

    form = NameForm({"name": "ok"})
    rows = forms.formset_factory(NameForm, min_num=1)(
        {"contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0", "contacts-0-name": ""}, prefix="contacts"
    )
    assert form.is_valid() and not rows.is_valid()
    html = render_to_string(
        "includes/_error_summary.html", {"form": form, "formsets": [("contacts", "Contacts", rows)]}
    )
    assert html.count("ds-error-summary") == 1
    assert "autofocus" in html
    assert "Contacts" in html
    assert 'href="#id_contacts-0-name"' in html


def test_the_error_summary_is_absent_without_errors():
    from django import forms
    from django.template.loader import render_to_string

    class NameForm(forms.Form):
        name = forms.CharField()

    form = NameForm({"name": "ok"})
    rows = forms.formset_factory(NameForm)(
        {"contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0"}, prefix="contacts"
    )
    assert form.is_valid() and rows.is_valid()
    html = render_to_string(
        "includes/_error_summary.html", {"form": form, "formsets": [("contacts", "Contacts", rows)]}
    )
    assert "ds-error-summary" not in html
