from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("prosjekter/", views.project_list, name="list"),
    path("prosjekter/ny/", views.project_create, name="create"),
    path("prosjekter/ny/lignende/", views.similar, name="similar"),
    path("mine-prosjekter/", views.my_projects, name="mine"),
    path("prosjekter/<slug:slug>/", views.project_detail, name="detail"),
    path("prosjekter/<slug:slug>/rediger/", views.project_edit, name="edit"),
    path("prosjekter/<slug:slug>/rediger/rad/<slug:key>/", views.project_row, name="row"),
    path("prosjekter/<slug:slug>/publiser/", views.project_publish, name="publish"),
    path("prosjekter/<slug:slug>/arkiver/", views.project_archive, name="archive"),
    path("prosjekter/<slug:slug>/gjenopprett/", views.project_unarchive, name="unarchive"),
    path("prosjekter/<slug:slug>/historikk/", views.project_history, name="history"),
    path(
        "prosjekter/<slug:slug>/historikk/<int:number>/gjenopprett/",
        views.project_restore_version,
        name="restore_version",
    ),
    path("prosjekter/<slug:slug>/dokumenter/<int:pk>/", views.document_download, name="document"),
    path("prosjekter/<slug:slug>/bilder/<int:pk>/", views.image_view, name="image"),
    path(
        "prosjekter/<slug:slug>/bilder/<int:pk>/original/",
        views.image_view,
        {"original": True},
        name="image_original",
    ),
]
