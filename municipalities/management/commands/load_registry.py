from pathlib import Path

from django.core.management.base import BaseCommand

from common.pagecache import site_changed
from municipalities.registry import DATA_DIR, load_registry
from municipalities.signals import registry_loaded


class Command(BaseCommand):
    help = "Load or update counties, municipalities, county authorities and the change history (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Folder with the registry CSV files.")

    def handle(self, *args, data_dir, **options):
        report = load_registry(data_dir)
        registry_loaded.send(sender=self.__class__)  # e.g. the project list's counts by county and size
        site_changed()  # organisation pages and /kommuner/ show the registry
        self.stdout.write(
            f"Registry: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
        )
        for line in report.renumbered:
            self.stdout.write(f"  renumbered {line}")
        for line in report.deactivated:
            self.stdout.write(f"  no longer in the registry: {line}")
