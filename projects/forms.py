import uuid

from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
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

ADAPTATION_SECTION = "tilpasning"  # the guided adaptation part a copy opens on (…/rediger/#part-tilpasning)


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


CHOOSE = _("Choose …")


def choose_instead_of_dashes(form) -> None:
    """An empty choice reads «Velg …», not Django's «---------»."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
            if field.empty_label is not None:
                field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
            field.choices = [(value, CHOOSE if value == "" else label) for value, label in field.choices]


class OrganisationChoices(forms.ModelMultipleChoiceField):
    """Organisations told apart by number and county: «Herøy (1515, Møre og Romsdal)»."""

    def label_from_instance(self, obj):
        if obj.kind == Organisation.Kind.COUNTY_AUTHORITY:
            return f"{obj} ({obj.number})"
        county = obj.county.name if obj.county_id else ""
        return f"{obj.name} ({obj.number}, {county})" if county else f"{obj.name} ({obj.number})"


class SourceProjectChoice(forms.ModelChoiceField):
    """A project told apart by its owner: «Digitalt nattilsyn (Bergen)»."""

    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.owner.name})"


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
            widgets[name] = forms.CheckboxSelectMultiple(attrs={"class": "picker-options"})
    return widgets


class ProjectForm(forms.ModelForm):
    """The project form: the declared fields, in the declared sections. Rows are edited in formsets."""

    # Long lists chosen from: a filter box narrows them (static/js/project-form.js); without JavaScript, plain.
    PICKERS = tuple(name for name, f in declaration.FIELDS.items() if f.kind in (Kind.ORGANISATIONS, Kind.PROJECT))

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
                self.fields[name] = OrganisationChoices(
                    label=self.fields[name].label,
                    required=False,
                    queryset=Organisation.objects.active()
                    .exclude(pk=project.owner_id)
                    .select_related("county")
                    .order_by("name", "number"),
                    widget=self.fields[name].widget,
                    help_text=self.fields[name].help_text,
                )
            elif f.kind == Kind.PROJECT:
                sources = Project.objects.published().select_related("owner")
                if project.pk:
                    sources = sources.exclude(pk=project.pk)
                self.fields[name] = SourceProjectChoice(
                    label=_("Source project in Spre"),
                    required=False,
                    queryset=sources.order_by("title"),
                    help_text=self.fields[name].help_text,
                )
            if f.question:
                self.fields[name].label = f.question
            if f.help is not None:
                self.fields[name].help_text = f.help
            elif f.rich:
                self.fields[name].help_text = ""  # the rich-text hint is said once, at the top of the form
            if f.rich:
                self.initial[name] = editable(self.initial.get(name))
        choose_instead_of_dashes(self)
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

    def section_fields(self, key: str) -> list:
        """The bound fields of one declared section, in declared order."""
        return [self[f.name] for f in declaration.SECTIONS_BY_KEY[key].fields if f.in_form]

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
    is_row = True  # an optional row: its required fields are not marked «(required)» (templates/django/forms)

    def __init__(self, *args, pending_scope: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.pending_scope = pending_scope
        choose_instead_of_dashes(self)

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
    actor_type = forms.ChoiceField(label=_("Actor type"), choices=[("", ""), *Actor.Type.choices])

    class Meta:
        model = ProjectActor
        fields = ["role", "description"]  # the actor itself is resolved by name in the service
        labels = {"description": _("What they did")}
        help_texts = {"description": ""}

    field_order = ["id", "actor", "actor_type", "role", "description"]


# A file chosen in a submit that failed on something else is kept server-side, so it need not be chosen
# again: stored under projects/pending/ (found by clean_uploads like any unreferenced upload), named in a
# signed token bound to the user and project (the form's `pending_scope`), checked again when it is used.

PENDING_FOLDER = "projects/pending"
PENDING_SALT = "projects.pending-upload"
PENDING_MAX_AGE = 24 * 3600


class KeepsUploads:
    """For row forms with a file field (`upload_field`): the kept upload, and keeping one."""

    upload_field = "file"
    pending = None  # {"path", "name", "token"} of a kept upload this form shows and will use

    def _token(self) -> str:
        return self.data.get(self.add_prefix("pending"), "") if self.is_bound else ""

    def kept_upload(self):
        """The upload kept from an earlier submit, as a new upload, or None."""
        token = self._token()
        if not token:
            return None
        try:
            info = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
        except signing.BadSignature:
            return None
        if info.get("scope") != self.pending_scope or not str(info.get("path", "")).startswith(PENDING_FOLDER + "/"):
            return None
        try:
            with default_storage.open(info["path"], "rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            return None
        self.pending = {"path": info["path"], "name": info["name"], "token": token}
        return SimpleUploadedFile(info["name"], content)

    def keep_upload(self) -> None:
        """After a failed submit: keep a newly chosen, accepted file (or the one already kept)."""
        if self.upload_field in self.errors or (self.is_bound and self.data.get(self.add_prefix("DELETE"))):
            self.pending = None
            return
        upload = self.files.get(self.add_prefix(self.upload_field))
        if not isinstance(upload, UploadedFile):
            return  # nothing new: a kept upload (self.pending) stays as it is
        upload.seek(0)
        path = default_storage.save(f"{PENDING_FOLDER}/{uuid.uuid4().hex}.upload", upload)
        name = (getattr(self, "_chosen_name", "") or upload.name or "fil")[:200]
        token = signing.dumps({"path": path, "name": name, "scope": self.pending_scope}, salt=PENDING_SALT)
        self.pending = {"path": path, "name": name, "token": token}

    def _new_upload(self):
        """The file field's cleaned value, or the kept upload when no new file was chosen."""
        upload = self.cleaned_data.get(self.upload_field)
        if upload and not _stored(upload):
            self._chosen_name = upload.name  # before the checks rename it
            return upload
        return self.kept_upload() or upload


def keep_uploads(formsets: dict) -> None:
    """After a failed submit, keep the files chosen in it (they are re-checked when used)."""
    for formset in formsets.values():
        for form in formset.forms:
            if isinstance(form, KeepsUploads):
                form.keep_upload()


def drop_used_uploads(formsets: dict) -> None:
    """After a successful save: the kept uploads are stored in their rows now."""
    for formset in formsets.values():
        for form in formset.forms:
            if isinstance(form, KeepsUploads) and form.pending:
                default_storage.delete(form.pending["path"])


def _stored(upload) -> bool:
    """True for the stored file a bound file field hands back when no new file was chosen."""
    return bool(upload) and not isinstance(upload, UploadedFile)


class DocumentForm(KeepsUploads, RowForm):
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
        upload = self._new_upload()
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


class ImageForm(KeepsUploads, RowForm):
    upload_field = "image"
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
        upload = self._new_upload()
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

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this row when saving")

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


def build_formsets(data=None, files=None, initial: dict | None = None, pending_scope: str = ""):
    initial = initial or {}
    return {
        key: formset_class(
            data, files, prefix=key, initial=initial.get(key, []), form_kwargs={"pending_scope": pending_scope}
        )
        for key, (formset_class, _legend) in FORMSETS.items()
    }


def with_one_more_row(data, key: str):
    """The posted data with one more empty row of `key` (the «Add a row» button without JavaScript)."""
    data = data.copy()
    name = f"{key}-TOTAL_FORMS"
    try:
        total = int(data.get(name, 0))
    except ValueError:
        total = 0
    data[name] = str(min(max(total, 0) + 1, FORMSETS[key][0].max_num))
    return data


def rows_as_data(key: str, rows: list[dict]) -> dict:
    """Stored rows as a browser would post them (files stay stored and are not sent)."""
    rows_declared = declaration.ROWS_BY_KEY[key]
    form_fields = _row_form(rows_declared).base_fields
    data = {f"{key}-TOTAL_FORMS": str(len(rows)), f"{key}-INITIAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        for name, value in row.items():
            if name in form_fields and name not in rows_declared.files:
                data[f"{key}-{index}-{name}"] = "" if value is None else str(value)
    return data


def new_row_form(key: str, index: int, pending_scope: str = ""):
    """One empty row of `key` at `index` (added in place by htmx)."""
    formset = FORMSETS[key][0](prefix=key, initial=[], form_kwargs={"pending_scope": pending_scope})
    return formset._construct_form(index, **formset.get_form_kwargs(index))


def quiet(form, formsets) -> None:
    """Show the form again without error messages (after adding a row, nothing was submitted yet)."""
    form._errors = forms.utils.ErrorDict()
    for formset in formsets.values():
        formset._non_form_errors = formset.error_class()
        formset._errors = []
        for subform in formset.forms:
            subform._errors = forms.utils.ErrorDict()


def formset_rows(formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
            continue
        if not form.cleaned_data or (not form.cleaned_data.get("id") and not form.has_changed()):
            continue
        rows.append(form.row())
    return rows


def shows_adaptation(project) -> bool:
    """The adaptation part is for a project taken from another one; a project of one's own that says nothing there
    does not get it (left out of the form, its fields stay empty)."""
    section = declaration.SECTIONS_BY_KEY[ADAPTATION_SECTION]
    return project.is_adaptation or any(getattr(project, f.name) for f in section.fields)


def form_parts(form, formsets: dict, project) -> list[dict]:
    """The edit form's parts in declared order: legend, fields or rows, and what each still needs before
    the project can be published (saved state), for the section menu and the progress summary."""
    missing = set(project.missing_to_publish())
    labels = Project.REQUIRED_TO_PUBLISH
    parts = []
    for key in declaration.FORM_PARTS:
        if key == ADAPTATION_SECTION and not shows_adaptation(project):
            continue
        if key in declaration.SECTIONS_BY_KEY:
            section = declaration.SECTIONS_BY_KEY[key]
            names = [f.name for f in section.fields if f.in_form]
            fields = form.section_fields(key)
            rows, formset = None, None
            errors = any(field.errors for field in fields)
            legend = section.legend
        else:
            rows, formset, names, fields = declaration.ROWS_BY_KEY[key], formsets[key], [key], []
            errors = bool(formset.non_form_errors() or any(subform.errors for subform in formset.forms))
            legend = rows.legend
        required = [name for name in names if name in labels]
        parts.append(
            {
                "key": key,
                "legend": legend,
                "fields": fields,
                "rows": rows,
                "formset": formset,
                "required": [labels[name] for name in required],
                "missing": [labels[name] for name in required if name in missing],
                "errors": errors,
            }
        )
    return parts
