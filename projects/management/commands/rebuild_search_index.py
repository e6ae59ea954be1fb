from django.core.management.base import BaseCommand

from common.pagecache import site_changed
from projects.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the project search index (text, weighted vector and word list) from scratch. Saves keep it "
        "current; run this after bulk changes outside the services, such as renaming organisations in the registry."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        site_changed()  # cached search results and lists were made from the old index
        self.stdout.write(f"Search index rebuilt for {count} projects.")
