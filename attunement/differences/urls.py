from django.urls import path

from attunement.differences import views

urlpatterns = [
    path("differences/", views.index, name="differences"),
    path("differences/take/", views.take, name="differences_take"),
    path("differences/take/<slug:dimension>/", views.step, name="differences_step"),
    path("differences/share/", views.share, name="differences_share"),
    path("differences/guess/", views.guess, name="differences_guess"),
    path("differences/map/", views.map_page, name="differences_map"),
    path(
        "differences/cards/<str:card_id>/talked/",
        views.card_talked,
        name="differences_card_talked",
    ),
    path(
        "differences/cards/<str:card_id>/talked/undo/",
        views.card_talk_undone,
        name="differences_card_talk_undone",
    ),
]
