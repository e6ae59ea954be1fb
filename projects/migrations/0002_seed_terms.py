"""Seed the controlled vocabularies. Portal admins may add, rename or deactivate terms afterwards."""

from django.db import migrations

TERMS = {
    "service_area": [
        ("helse-og-omsorg", "Helse og omsorg"),
        ("oppvekst", "Oppvekst (barnehage, skole)"),
        ("sosiale-tjenester-og-nav", "Sosiale tjenester og NAV"),
        ("kultur-og-frivillighet", "Kultur og frivillighet"),
        ("plan-bygg-og-eiendom", "Plan, bygg og eiendom"),
        ("teknisk-og-miljo", "Teknisk og miljø"),
        ("naering-og-samfunnsutvikling", "Næring og samfunnsutvikling"),
        ("administrasjon-og-hr", "Administrasjon og HR"),
        ("digitalisering-og-it", "Digitalisering og IT"),
        ("innbyggerdialog-og-demokrati", "Innbyggerdialog og demokrati"),
    ],
    "innovation_type": [
        ("tjeneste", "Tjeneste"),
        ("prosess", "Prosess"),
        ("organisasjon", "Organisasjon"),
        ("teknologi-digital", "Teknologi/digital"),
        ("kommunikasjon-innbyggerdialog", "Kommunikasjon/innbyggerdialog"),
    ],
    "driver": [
        ("medarbeiderdrevet", "Medarbeiderdrevet"),
        ("brukerdrevet", "Brukerdrevet"),
        ("behovsdrevet", "Behovsdrevet"),
        ("innbyggerdrevet", "Innbyggerdrevet"),
    ],
    "method": [
        ("tjenestedesign", "Tjenestedesign"),
        ("lean", "LEAN"),
        ("innovative-anskaffelser", "Innovative anskaffelser"),
        ("veikart-for-tjenesteinnovasjon", "Veikart for tjenesteinnovasjon"),
        ("gevinstrealisering", "Gevinstrealisering"),
        ("samskaping", "Samskaping"),
        ("brukerinvolvering", "Brukerinvolvering"),
        ("ofu-kontrakt", "OFU-kontrakt"),
    ],
}


def seed(apps, schema_editor):
    Term = apps.get_model("projects", "Term")
    for vocabulary, terms in TERMS.items():
        for order, (slug, name) in enumerate(terms, start=1):
            Term.objects.update_or_create(
                vocabulary=vocabulary, slug=slug, defaults={"name": name, "order": order * 10}
            )


def unseed(apps, schema_editor):
    Term = apps.get_model("projects", "Term")
    for vocabulary, terms in TERMS.items():
        Term.objects.filter(vocabulary=vocabulary, slug__in=[slug for slug, _name in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
