from django.core.management.base import BaseCommand

from projects.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the project search index (text, weighted vector and word list) from scratch. Saves keep it "
        "current; run this after bulk changes outside the services, such as renaming organisations in the registry."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Search index rebuilt for {count} projects.")
