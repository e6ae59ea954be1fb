"""English names for the controlled vocabularies, shown in the English UI."""

from django.db import migrations, models

ENGLISH = {
    "service_area": {
        "helse-og-omsorg": "Health and care",
        "oppvekst": "Childhood and education (kindergarten, school)",
        "sosiale-tjenester-og-nav": "Social services and NAV",
        "kultur-og-frivillighet": "Culture and voluntary work",
        "plan-bygg-og-eiendom": "Planning, building and property",
        "teknisk-og-miljo": "Technical services and environment",
        "naering-og-samfunnsutvikling": "Business and community development",
        "administrasjon-og-hr": "Administration and HR",
        "digitalisering-og-it": "Digitalisation and IT",
        "innbyggerdialog-og-demokrati": "Citizen dialogue and democracy",
    },
    "innovation_type": {
        "tjeneste": "Service",
        "prosess": "Process",
        "organisasjon": "Organisation",
        "teknologi-digital": "Technology/digital",
        "kommunikasjon-innbyggerdialog": "Communication/citizen dialogue",
    },
    "driver": {
        "medarbeiderdrevet": "Employee-driven",
        "brukerdrevet": "User-driven",
        "behovsdrevet": "Need-driven",
        "innbyggerdrevet": "Citizen-driven",
    },
    "method": {
        "tjenestedesign": "Service design",
        "lean": "LEAN",
        "innovative-anskaffelser": "Innovative procurement",
        "veikart-for-tjenesteinnovasjon": "Roadmap for service innovation",
        "gevinstrealisering": "Benefits realisation",
        "samskaping": "Co-creation",
        "brukerinvolvering": "User involvement",
        "ofu-kontrakt": "Public-private development contract (OFU)",
    },
}


def name_in_english(apps, schema_editor):
    Term = apps.get_model("projects", "Term")
    for vocabulary, names in ENGLISH.items():
        for slug, name_en in names.items():
            Term.objects.filter(vocabulary=vocabulary, slug=slug, name_en="").update(name_en=name_en)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="term",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="Shown in the English version of the portal.",
                max_length=100,
                verbose_name="English name",
            ),
        ),
        migrations.RunPython(name_in_english, migrations.RunPython.noop),
    ]
