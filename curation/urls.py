from django.urls import path

from . import views

app_name = "curation"

urlpatterns = [
    path("samlinger/", views.collection_list, name="collections"),
    path("samlinger/<slug:slug>/", views.collection_detail, name="collection"),
    path("kurator/forside/", views.front_page, name="front_page"),
    path("kurator/forside/<int:pk>/flytt/", views.feature_move, name="feature_move"),
    path("kurator/forside/<int:pk>/fjern/", views.feature_remove, name="feature_remove"),
    path("kurator/samlinger/", views.collection_manage_list, name="collection_manage_list"),
    path("kurator/samlinger/<int:pk>/", views.collection_edit, name="collection_edit"),
    path("kurator/samlinger/<int:pk>/publiser/", views.collection_publish, name="collection_publish"),
    path("kurator/samlinger/<int:pk>/flytt/", views.collection_move, name="collection_move"),
    path("kurator/samlinger/<int:pk>/prosjekter/<int:item_pk>/", views.collection_item, name="collection_item"),
    path("kurator/prosjekter/<slug:slug>/", views.project, name="project"),
    path("kurator/prosjekter/<slug:slug>/fremhev/", views.project_feature, name="project_feature"),
    path("kurator/prosjekter/<slug:slug>/priser/", views.project_award, name="project_award"),
    path("kurator/prosjekter/<slug:slug>/priser/<int:pk>/fjern/", views.award_remove, name="award_remove"),
    path("kurator/prosjekter/<slug:slug>/samlinger/", views.project_collect, name="project_collect"),
    path("kurator/prosjekter/<slug:slug>/send-tilbake/", views.project_send_back, name="project_send_back"),
    path("kurator/prosjekter/<slug:slug>/gjennomgatt/", views.project_reviewed, name="project_reviewed"),
]
