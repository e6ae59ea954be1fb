from django.core.management.base import BaseCommand

from common.pagecache import site_changed
from projects.facets import rebuild


class Command(BaseCommand):
    help = (
        "Recompute the project list's facet counts kept ahead (projects/facets.py) from the projects themselves. "
        "Safe at any time; worth running after bulk changes made outside the portal, or nightly."
    )

    def handle(self, *args, **options):
        projects = rebuild()
        site_changed()
        self.stdout.write(f"Facet counts rebuilt for {projects} listed projects.")
