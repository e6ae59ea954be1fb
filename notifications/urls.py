from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("varsler/", views.notification_list, name="list"),
    path("varsler/merk-alle-som-lest/", views.mark_all_read, name="mark_all_read"),
    path("varsler/<int:pk>/apne/", views.open_notification, name="open"),
]
