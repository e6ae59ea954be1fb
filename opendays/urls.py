from django.urls import path

from common.pagecache import public_page

from . import views
from .feeds import UpcomingOpenDaysFeed

app_name = "opendays"

urlpatterns = [
    path("visningsdager/", views.open_day_list, name="list"),
    path("visningsdager/kalender.ics", views.calendar_feed, name="calendar"),
    path("visningsdager/atom/", public_page(UpcomingOpenDaysFeed()), name="feed"),
    path("visningsdager/<int:pk>/", views.open_day_detail, name="detail"),
    path("visningsdager/<int:pk>/kalender.ics", views.open_day_ics, name="ics"),
    path("visningsdager/<int:pk>/meld-pa/", views.sign_up, name="sign_up"),
    path("visningsdager/<int:pk>/meld-av/", views.sign_up_cancel, name="sign_up_cancel"),
    path("visningsdager/<int:pk>/rediger/", views.open_day_edit, name="edit"),
    path("visningsdager/<int:pk>/avlys/", views.open_day_cancel, name="cancel"),
    path("visningsdager/<int:pk>/deltakere/", views.participants, name="participants"),
    path("visningsdager/<int:pk>/deltakere.csv", views.participants_csv, name="participants_csv"),
    path("visningsdager/<int:pk>/melding/", views.message, name="message"),
    path("prosjekter/<slug:slug>/visningsdager/ny/", views.open_day_create, name="create"),
    path("prosjekter/<slug:slug>/digitalt-besok/", views.digital_visit, name="visit"),
    path("prosjekter/<slug:slug>/digitalt-besok/rediger/", views.digital_visit_edit, name="visit_edit"),
    path("prosjekter/<slug:slug>/digitalt-besok/lysbilder/", views.slides_download, name="slides"),
]
