from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("mine-sider/", views.dashboard, name="dashboard"),
    path("konto/profil/", views.profile, name="profile"),
    path("konto/slett/", views.account_delete, name="delete"),
]
