from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation

from . import declaration
from .declaration import Kind
from .models import Actor, Document, Project, ProjectActor, ProjectImage, Term
from .richtext import editable
from .uploads import IMAGE_TYPES, check_document, check_image, prepare_image, without_metadata

ADAPTATION_SECTION = "tilpasning"  # the guided adaptation section a copy opens on (…/rediger/#tilpasning)


class ProjectStartForm(forms.Form):
    """Step 1 of a new project: enough to look for similar projects before creating a draft."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences, shown in lists and search results."),
    )
    owner = forms.ModelChoiceField(label=_("Owner organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.editable_by(user).order_by("name")
        if self.fields["owner"].queryset.count() == 1:
            self.fields["owner"].initial = self.fields["owner"].queryset.first()
            self.fields["owner"].empty_label = None


def _terms(vocabulary, label, selected_ids=()):
    return forms.ModelMultipleChoiceField(
        label=label,
        required=False,
        queryset=Term.objects.filter(Q(is_active=True) | Q(pk__in=list(selected_ids)), vocabulary=vocabulary),
        widget=forms.CheckboxSelectMultiple,
    )


def _formfield(model_field, **kwargs):
    """Form fields as the portal wants them: date pickers, links that assume https."""
    if isinstance(model_field, models.DateField):
        kwargs["widget"] = DATE_INPUT
    elif isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _widgets() -> dict:
    widgets = {}
    for name, f in declaration.FIELDS.items():
        if f.rich:
            widgets[name] = forms.Textarea(attrs={"rows": 5})
        elif f.rows:
            widgets[name] = forms.Textarea(attrs={"rows": f.rows})
        elif f.kind == Kind.DATE:
            widgets[name] = DATE_INPUT
        elif f.kind == Kind.ORGANISATIONS:
            widgets[name] = forms.SelectMultiple(attrs={"size": 6})
    return widgets


class ProjectForm(forms.ModelForm):
    """The project form: the declared fields, in the declared sections. Rows are edited in formsets."""

    version = forms.IntegerField(widget=forms.HiddenInput)  # the saved version this editor has seen
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the one the form started from
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500, help_text=_("Free keywords, separated by commas.")
    )

    class Meta:
        model = Project
        fields = [name for name in declaration.FORM if declaration.FIELDS[name].kind != Kind.TAGS]
        widgets = _widgets()

    def __init__(self, *args, base_version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance
        for name, f in declaration.FIELDS.items():
            if not f.in_form:
                continue
            if f.kind == Kind.TERMS:
                selected = getattr(project, name).values_list("pk", flat=True) if project.pk else []
                self.fields[name] = _terms(f.vocabulary, self.fields[name].label, selected)
            elif f.kind == Kind.CHOICES:
                self.fields[name] = forms.MultipleChoiceField(
                    label=capfirst(f.label),
                    required=False,
                    choices=f.choices.choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=f.model_field.help_text,
                )
                if project.pk:
                    self.initial.setdefault(name, getattr(project, name))
            elif f.kind == Kind.ORGANISATIONS:
                self.fields[name].queryset = Organisation.objects.active().exclude(pk=project.owner_id)
            elif f.kind == Kind.PROJECT:
                sources = Project.objects.published()
                if project.pk:
                    sources = sources.exclude(pk=project.pk)
                self.fields[name].queryset = sources.order_by("title")
            elif f.rich:
                self.initial[name] = editable(self.initial.get(name))
        self.fields["source_project"].label = _("Source project in Spre")
        if project.pk:
            self.initial.setdefault("version", project.version)
            self.initial.setdefault("base_version", base_version or project.version)
            self.initial.setdefault("tags", ", ".join(project.tags.values_list("name", flat=True)))

    def clean_tags(self):
        names = [" ".join(name.split()) for name in self.cleaned_data["tags"].split(",")]
        return [name[:60] for name in names if name]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if data.get("origin") in (Project.Origin.COPIED, Project.Origin.ADAPTED, Project.Origin.INSPIRED) and not (
            data.get("source_project") or data.get("source_text")
        ):
            self.add_error("source_text", _("Name the source: choose a project in Spre or describe it here."))
        return data

    def grouped(self):
        """(legend, bound fields) per declared section, in story order."""
        return [(legend, fields) for _key, legend, fields in self.sections()]

    def sections(self):
        """(key, legend, bound fields) per declared section, in story order; the key is the fieldset's id (a copy
        opens on …/rediger/#tilpasning). The adaptation section is left out for a project of one's own that says
        nothing there (leaving it out of the form leaves it empty)."""
        project = self.instance
        return [
            (section.key, section.legend, [self[f.name] for f in section.fields if f.in_form])
            for section in declaration.SECTIONS
            if any(f.in_form for f in section.fields)
            and (
                section.key != ADAPTATION_SECTION
                or project.is_adaptation
                or any(getattr(project, f.name) for f in section.fields)
            )
        ]

    def service_fields(self) -> dict:
        """Cleaned data in the shape services.update_project takes."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("base_version", None)
        return data


# Repeating rows: ModelForms over the row models. The service takes each row as a dict (the shape of a
# snapshot), so rows are saved, restored and copied by one code path.


class RowForm(forms.ModelForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def row(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


class ActorForm(RowForm):
    """An actor is chosen by name from the shared registry (or created), so name and type are not model fields."""

    actor = forms.CharField(
        label=_("Actor"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "actor-names", "autocomplete": "off"}),
        help_text=_("Choose a known actor from the list, or write a new name."),
    )
    actor_type = forms.ChoiceField(label=_("Actor type"), choices=[("", "---------"), *Actor.Type.choices])

    class Meta:
        model = ProjectActor
        fields = ["role", "description"]  # the actor itself is resolved by name in the service
        labels = {"description": _("What they did")}

    field_order = ["id", "actor", "actor_type", "role", "description"]


def _stored(upload) -> bool:
    """True for the stored file a bound file field hands back when no new file was chosen."""
    return bool(upload) and not isinstance(upload, UploadedFile)


class DocumentForm(RowForm):
    field_order = ["id", "kind", "title", "file", "url"]

    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.FileInput,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, images, CSV or text; at most 20 MB."),
    )

    class Meta:
        model = Document
        fields = ["kind", "title", "url"]  # the file is checked here and stored by the service
        labels = {"url": _("…or a link")}
        formfield_callback = _formfield

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or _stored(upload):
            return None  # keep the stored file
        content_type, extension = check_document(upload)
        original_name = upload.name[:200]
        if content_type in IMAGE_TYPES:
            upload = without_metadata(upload, content_type)
        self._upload_meta = {"original_name": original_name, "content_type": content_type, "size": upload.size}
        upload.name = "upload" + extension
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("id") and not data.get("file") and not data.get("url"):
            self.add_error("file", _("Upload a file or give a link."))
        return data

    def row(self) -> dict:
        data = super().row()
        if data.get("file"):
            data.update(self._upload_meta)
        else:
            data.pop("file", None)
        return data


class ImageForm(RowForm):
    field_order = ["id", "image", "alt_text", "caption"]

    image = forms.ImageField(
        label=_("Image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text=_("PNG, JPEG or WebP; at most 5 MB and 40 megapixels."),
    )

    class Meta:
        model = ProjectImage
        fields = ["alt_text", "caption"]  # the image is checked and prepared here and stored by the service

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload or _stored(upload):
            return None  # keep the stored image
        content_type, _extension = check_image(upload)
        self._prepared = prepare_image(upload, content_type)
        return self._prepared.original

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("id") and not data.get("image"):
            self.add_error("image", _("Choose an image file."))
        return data

    def row(self) -> dict:
        data = super().row()
        if data.get("image"):
            data["content_type"] = self._prepared.content_type
            data["display"] = self._prepared.display or ""
        else:
            data.pop("image", None)
        return data


class BaseRowFormSet(forms.BaseFormSet):
    """Rows of one kind. Every stored row must come back (kept or marked for deletion), and no unknown
    row may appear: a tampered or truncated form is refused instead of deleting or touching rows."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        known = {row["id"] for row in self.initial or [] if row.get("id")}
        sent = set()
        for form in self.forms:
            row_id = form.cleaned_data.get("id")
            if row_id is None:
                continue
            if row_id not in known or row_id in sent:
                raise forms.ValidationError(_("A row in this part of the form no longer exists. Reload the page."))
            sent.add(row_id)
        if sent != known:
            raise forms.ValidationError(_("This part of the form was incomplete. Reload the page and try again."))


def _row_form(rows) -> type[RowForm]:
    custom = {"actors": ActorForm, "documents": DocumentForm, "images": ImageForm}
    if rows.key in custom:
        return custom[rows.key]
    return forms.modelform_factory(rows.model, form=RowForm, fields=rows.fields, formfield_callback=_formfield)


FORMSETS = {
    # key: (formset class, legend), in the declared order
    rows.key: (
        forms.formset_factory(
            _row_form(rows), formset=BaseRowFormSet, extra=rows.extra, can_delete=True, max_num=50, absolute_max=60
        ),
        rows.legend,
    )
    for rows in declaration.ROWS
}


def build_formsets(data=None, files=None, initial: dict | None = None):
    initial = initial or {}
    return {
        key: formset_class(data, files, prefix=key, initial=initial.get(key, []))
        for key, (formset_class, _legend) in FORMSETS.items()
    }


def formset_rows(formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
            continue
        if not form.cleaned_data or (not form.cleaned_data.get("id") and not form.has_changed()):
            continue
        rows.append(form.row())
    return rows
