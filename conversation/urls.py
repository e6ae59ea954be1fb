from django.urls import path

from . import views

app_name = "conversation"

comment = "prosjekter/<slug:slug>/kommentarer/<int:pk>/"

urlpatterns = [
    path("prosjekter/<slug:slug>/kommentarer/ny/", views.comment_create, name="create"),
    path(comment + "svar/", views.comment_reply, name="reply"),
    path(comment + "rediger/", views.comment_edit, name="edit"),
    path(comment + "slett/", views.comment_delete, name="delete"),
    path(comment + "historikk/", views.comment_history, name="history"),
    path(comment + "svaret/", views.comment_answer, name="answer"),
    path(comment + "rapporter/", views.comment_report, name="report"),
    path(comment + "skjul/", views.comment_hide, name="hide"),
    path(comment + "gjenopprett/", views.comment_restore, name="restore"),
    path(comment + "avvis-rapporter/", views.comment_dismiss, name="dismiss"),
    path("moderering/", views.moderation, name="moderation"),
    path("moderering/brukere/<int:user_pk>/blokker/", views.user_block, name="block"),
    path("moderering/brukere/<int:user_pk>/opphev-blokkering/", views.user_unblock, name="unblock"),
]
