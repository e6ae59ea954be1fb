"""An Atom feed of confirmed adoptions: who has taken which published project into use, as the source's
editors have confirmed it. Linked from /spredning/."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .models import Adoption


class ConfirmedAdoptionsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Confirmed adoptions in Spre")
    subtitle = _("Municipalities and county authorities that have taken a project into use, confirmed by the source.")

    def link(self):
        return reverse("diffusion:overview")

    def items(self):
        return (
            Adoption.objects.counted()
            .confirmed()
            .filter(source__state=Project.State.PUBLISHED)
            .select_related("source__owner", "organisation")
            .order_by("-confirmed_at", "-pk")[:100]
        )

    def item_title(self, item):
        return f"{item.organisation}: {item.source.title}"

    def item_description(self, item):
        return f"{item.organisation} – {item.get_status_display()} – {item.source.title} ({item.source.owner})"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    def item_pubdate(self, item):
        return item.confirmed_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return str(item.organisation)
