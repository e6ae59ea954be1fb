from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("varsler/", views.notification_list, name="list"),
    path("varsler/merk-alle-som-lest/", views.mark_all_read, name="mark_all_read"),
    path("varsler/<int:pk>/apne/", views.open_notification, name="open"),
    path("varsler/innstillinger/", views.preferences, name="preferences"),
    path("varsler/avmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("folg/", views.follow, name="follow"),
    path("folg/<int:pk>/slutt/", views.unfollow, name="unfollow"),
]
