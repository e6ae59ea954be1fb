from django.urls import path

from common.pagecache import public_page

from . import views
from .feeds import ConfirmedAdoptionsFeed

app_name = "diffusion"

urlpatterns = [
    path("spredning/", views.overview, name="overview"),
    path("spredning/atom/", public_page(ConfirmedAdoptionsFeed()), name="feed"),
    path("prosjekter/<slug:slug>/kopier/", views.copy, name="copy"),
    path("prosjekter/<slug:slug>/ta-i-bruk/", views.declare, name="declare"),
    path("prosjekter/<slug:slug>/ibruktakelser/", views.project_adoptions, name="project_adoptions"),
    path("ibruktakelser/<int:pk>/", views.adoption_detail, name="adoption"),
    path("ibruktakelser/<int:pk>/endre/", views.adoption_edit, name="adoption_edit"),
    path("ibruktakelser/<int:pk>/trekk-tilbake/", views.adoption_withdraw, name="adoption_withdraw"),
    path("ibruktakelser/<int:pk>/bekreft/", views.adoption_confirm, name="adoption_confirm"),
    path("ibruktakelser/<int:pk>/erfaringer/", views.adoption_report, name="adoption_report"),
]
