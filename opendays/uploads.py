"""The open days' uploads (a digital visit's slides) for `manage.py clean_uploads`, named in
`settings.UPLOAD_FOLDERS`: a replaced or removed file is deleted after the commit (`services.save_digital_visit`),
and the sweep removes what a rolled-back save or an older version of the portal left behind."""

from .models import DigitalVisit


def referenced_files() -> set[str]:
    """Every slides file a digital visit refers to (the folder `opendays/slides` holds nothing else)."""
    return set(DigitalVisit.objects.exclude(slides_file="").values_list("slides_file", flat=True))
