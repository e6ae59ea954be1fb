from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import OpenDay


class UpcomingOpenDaysFeed(Feed):
    feed_type = Atom1Feed
    title = _("Open days in Spre")
    subtitle = _("Upcoming open days and digital visits to innovation projects in municipalities.")

    def link(self):
        return reverse("opendays:list")

    def items(self):
        return OpenDay.objects.listed().upcoming().select_related("project__owner").order_by("starts_at", "pk")[:100]

    def item_title(self, item):
        when = format_date(timezone.localtime(item.starts_at), "SHORT_DATETIME_FORMAT")
        return f"{item.title} ({when})"

    def item_description(self, item):
        return f"{item.project.owner}: {item.project.title}. {item.description}"

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}#{item.uid}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return str(item.project.owner)
