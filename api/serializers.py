"""The API's shapes. The project's fields are built from the declaration (see records.py), so a field added
there appears here, in the schema and in the exports without being listed again."""

from rest_framework import serializers

from projects.declaration import FIELDS, Kind

from .records import READABLE_ROWS, public_field_names, record


class ChoiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class TermRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class OrganisationRefSerializer(serializers.Serializer):
    number = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    url = serializers.URLField()


class ActorSerializer(serializers.Serializer):
    actor = serializers.CharField()
    actor_type = ChoiceSerializer()
    role = ChoiceSerializer()
    description = serializers.CharField()


class BenefitSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    baseline = serializers.CharField()
    result = serializers.CharField()
    unit = serializers.CharField()
    measured_on = serializers.DateField(allow_null=True)
    documentation = ChoiceSerializer(allow_null=True)


class PresentationSerializer(serializers.Serializer):
    channel = ChoiceSerializer()
    arena = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    url = serializers.CharField()


ROW_SERIALIZERS = {"actors": ActorSerializer, "benefits": BenefitSerializer, "presentations": PresentationSerializer}


def _schema_field(name: str):
    """How a declared field looks in the schema (the value itself comes from records.record)."""
    if name in READABLE_ROWS:
        return ROW_SERIALIZERS[name](many=True, help_text=str(name))
    f = FIELDS[name]
    label = str(f.label)
    kind = f.kind
    if kind == Kind.TERMS:
        return TermRefSerializer(many=True, help_text=label)
    if kind == Kind.TAGS:
        return serializers.ListField(child=serializers.CharField(), help_text=label)
    if kind == Kind.ORGANISATIONS:
        return OrganisationRefSerializer(many=True, help_text=label)
    if kind == Kind.ORGANISATION:
        return OrganisationRefSerializer(help_text=label)
    if kind == Kind.CHOICE:
        return ChoiceSerializer(allow_null=True, help_text=label)
    if kind == Kind.CHOICES:
        return ChoiceSerializer(many=True, help_text=label)
    if kind == Kind.DATE:
        return serializers.DateField(allow_null=True, help_text=label)
    if kind == Kind.RICH:
        return serializers.CharField(help_text=f"{label} (HTML: p, ul, ol, li, a, strong, em)")
    return serializers.CharField(help_text=label)


class ProjectSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    url = serializers.URLField()
    state = serializers.ChoiceField(choices=["published", "archived"])
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    archived_at = serializers.DateTimeField(allow_null=True)
    is_demo = serializers.BooleanField()
    adoption_count = serializers.IntegerField(
        help_text="Adoptions that count: organisations considering, trying or using it, not disputed by the source"
    )

    def get_fields(self):
        fields = super().get_fields()
        for name in public_field_names():
            fields[name] = _schema_field(name)
        return fields

    def to_representation(self, instance):
        request = self.context.get("request")
        absolute = request.build_absolute_uri if request is not None else (lambda url: url)
        return record(instance, absolute)


class CountySerializer(serializers.Serializer):
    number = serializers.CharField()
    name = serializers.CharField()


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The project list's `owner` filter takes it")
    number = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    official_label = serializers.CharField()
    sami_name = serializers.CharField()
    kven_name = serializers.CharField()
    county = CountySerializer()
    population = serializers.IntegerField(allow_null=True)
    population_date = serializers.DateField(allow_null=True)
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, allow_null=True, coerce_to_string=False)
    longitude = serializers.DecimalField(max_digits=8, decimal_places=5, allow_null=True, coerce_to_string=False)
    is_active = serializers.BooleanField()
    is_demo = serializers.BooleanField()
    project_count = serializers.IntegerField(help_text="Published projects owned or co-owned")
    adoption_count = serializers.IntegerField(
        help_text="Adoptions by other organisations of its projects (owned or co-owned) that count, as on its page"
    )
    adopted_count = serializers.IntegerField(
        help_text="Projects of other organisations it has taken into use (adoptions that count), as on its page"
    )
    url = serializers.SerializerMethodField()
    projects_url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_projects_url(self, obj) -> str:
        from django.urls import reverse

        return self.context["request"].build_absolute_uri(f"{reverse('api:project-list')}?owner={obj.pk}")


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    is_active = serializers.BooleanField()


class VocabularySerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    filter = serializers.CharField(allow_null=True, help_text="The project list's query parameter for it")
    terms = TermSerializer(many=True)
