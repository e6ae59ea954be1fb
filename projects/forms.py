from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation

from .models import (
    Actor,
    Benefit,
    Contact,
    Document,
    Presentation,
    Project,
    ProjectActor,
    ProjectImage,
    Term,
    editable_organisation_ids,
)
from .richtext import editable, sanitize
from .services import RICH_FIELDS
from .uploads import check_document, check_image


def owner_choices(user):
    """Organisations the user may create projects for (approved editor or admin; curators: all active)."""
    if user.is_curator:
        return Organisation.objects.active()
    return Organisation.objects.filter(pk__in=editable_organisation_ids(user))


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
        self.fields["owner"].queryset = owner_choices(user).order_by("name")
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


class ProjectForm(forms.ModelForm):
    """The main project form, in story order. Related rows are edited in the formsets below it."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500, help_text=_("Free keywords, separated by commas.")
    )
    anchoring = forms.MultipleChoiceField(
        label=_("Anchoring"),
        required=False,
        choices=Project.Anchoring.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where is the project anchored?"),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "need",
            "trigger",
            "solution",
            "novelty",
            "origin",
            "source_project",
            "source_text",
            "service_areas",
            "innovation_types",
            "degree",
            "drivers",
            "methods",
            "phase",
            "status",
            "start_date",
            "end_date",
            "co_owners",
            "anchoring_plans",
            "core",
            "adaptation",
            "needs_competence",
            "needs_procurement",
            "needs_cost",
            "needs_time",
            "lessons",
            "relative_advantage",
            "compatibility",
            "complexity",
            "trialability",
            "observability",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "co_owners": forms.SelectMultiple(attrs={"size": 6}),
            **{name: forms.Textarea(attrs={"rows": 5}) for name in RICH_FIELDS},
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in (
                    "needs_competence",
                    "needs_procurement",
                    "needs_cost",
                    "needs_time",
                    "anchoring_plans",
                    "relative_advantage",
                    "compatibility",
                    "complexity",
                    "trialability",
                    "observability",
                )
            },
        }

    # The groups of the form, in the order a person tells the story.
    GROUPS = [
        (_("The project"), ["title", "summary"]),
        (_("Need and solution"), ["need", "trigger", "solution", "novelty"]),
        (_("How it was obtained"), ["origin", "source_project", "source_text"]),
        (_("Classification"), ["service_areas", "innovation_types", "degree", "drivers", "methods", "tags"]),
        (_("Phase and status"), ["phase", "status", "start_date", "end_date"]),
        (_("Owners and anchoring"), ["co_owners", "anchoring", "anchoring_plans"]),
        (
            _("Conditions for adoption"),
            ["core", "adaptation", "needs_competence", "needs_procurement", "needs_cost", "needs_time", "lessons"],
        ),
        (
            _("Self-assessment for takers"),
            ["relative_advantage", "compatibility", "complexity", "trialability", "observability"],
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance
        for name, vocabulary in (
            ("service_areas", Term.Vocabulary.SERVICE_AREA),
            ("innovation_types", Term.Vocabulary.INNOVATION_TYPE),
            ("drivers", Term.Vocabulary.DRIVER),
            ("methods", Term.Vocabulary.METHOD),
        ):
            selected = getattr(project, name).values_list("pk", flat=True) if project.pk else []
            self.fields[name] = _terms(vocabulary, self.fields[name].label, selected)
        self.fields["co_owners"].queryset = Organisation.objects.active().exclude(pk=project.owner_id)
        self.fields["co_owners"].help_text = _("Editors of co-owners may also edit the project.")
        sources = Project.objects.published()
        if project.pk:
            sources = sources.exclude(pk=project.pk)
        self.fields["source_project"].queryset = sources.order_by("title")
        self.fields["source_project"].label = _("Source project in Spre")
        for name in RICH_FIELDS:
            self.initial[name] = editable(self.initial.get(name))
        if project.pk:
            self.initial.setdefault("version", project.version)
            self.initial.setdefault("tags", ", ".join(project.tags.values_list("name", flat=True)))
            self.initial.setdefault("anchoring", project.anchoring)

    def clean_tags(self):
        names = [" ".join(name.split()) for name in self.cleaned_data["tags"].split(",")]
        return [name[:60] for name in names if name]

    def clean(self):
        data = super().clean()
        for name in RICH_FIELDS:
            if name in data:
                data[name] = sanitize(data[name])
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if data.get("origin") in (Project.Origin.COPIED, Project.Origin.ADAPTED, Project.Origin.INSPIRED) and not (
            data.get("source_project") or data.get("source_text")
        ):
            self.add_error("source_text", _("Name the source: choose a project in Spre or describe it here."))
        return data

    def grouped(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def service_fields(self) -> dict:
        """Cleaned data in the shape services.update_project takes."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


# Related rows: plain forms in formsets; the service gets dicts (the same shape as a snapshot).


class RowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def row(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}
        return data


class ActorForm(RowForm):
    actor = forms.CharField(
        label=_("Actor"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "actor-names", "autocomplete": "off"}),
        help_text=_("Choose a known actor from the list, or write a new name."),
    )
    actor_type = forms.ChoiceField(label=_("Actor type"), choices=[("", "---------"), *Actor.Type.choices])
    role = forms.ChoiceField(label=_("Role"), choices=ProjectActor.Role.choices, initial=ProjectActor.Role.PARTNER)
    description = forms.CharField(label=_("What they did"), max_length=500, required=False)


def _model_form_fields(model, names):
    return {name: model._meta.get_field(name).formfield() for name in names}


class BenefitForm(RowForm):
    indicator = Benefit._meta.get_field("indicator").formfield()
    baseline = Benefit._meta.get_field("baseline").formfield()
    result = Benefit._meta.get_field("result").formfield()
    unit = Benefit._meta.get_field("unit").formfield()
    measured_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    documentation = Benefit._meta.get_field("documentation").formfield()


class PresentationForm(RowForm):
    channel = Presentation._meta.get_field("channel").formfield()
    arena = Presentation._meta.get_field("arena").formfield()
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")


class ContactForm(RowForm):
    name = Contact._meta.get_field("name").formfield()
    role = Contact._meta.get_field("role").formfield()
    email = Contact._meta.get_field("email").formfield()
    phone = Contact._meta.get_field("phone").formfield()


class DocumentForm(RowForm):
    kind = Document._meta.get_field("kind").formfield()
    title = Document._meta.get_field("title").formfield()
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.FileInput,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, images, CSV or text; at most 20 MB."),
    )
    url = forms.URLField(label=_("…or a link"), required=False, assume_scheme="https")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        content_type, extension = check_document(upload)
        self._upload_meta = {"original_name": upload.name[:200], "content_type": content_type, "size": upload.size}
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
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text=_("PNG, JPEG or WebP; at most 5 MB."),
    )
    alt_text = ProjectImage._meta.get_field("alt_text").formfield()
    caption = ProjectImage._meta.get_field("caption").formfield()

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        content_type, extension = check_image(upload)
        self._content_type = content_type
        upload.name = "image" + extension
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("id") and not data.get("image"):
            self.add_error("image", _("Choose an image file."))
        return data

    def row(self) -> dict:
        data = super().row()
        if data.get("image"):
            data["content_type"] = self._content_type
        else:
            data.pop("image", None)
        return data


def _formset(form, extra):
    return forms.formset_factory(form, extra=extra, can_delete=True, max_num=50, absolute_max=60)


FORMSETS = {
    # key: (form class, prefix, extra rows, legend)
    "actors": (_formset(ActorForm, 2), _("Actors in the innovation system")),
    "benefits": (_formset(BenefitForm, 1), _("Benefits")),
    "presentations": (_formset(PresentationForm, 1), _("Where it was presented or spread")),
    "documents": (_formset(DocumentForm, 1), _("Documents and links")),
    "images": (_formset(ImageForm, 1), _("Images")),
    "contacts": (_formset(ContactForm, 2), _("Contact persons")),
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
