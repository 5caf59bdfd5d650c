from django.urls import path

from attunement.listening import views

urlpatterns = [
    path("listening/", views.index, name="listening"),
    path("listening/start/", views.start, name="listening_start"),
    path("listening/progress/", views.progress_page, name="listening_progress"),
    path("listening/<uuid:uuid>/", views.conversation_page, name="listening_conversation"),
    path("listening/<uuid:uuid>/live/", views.live, name="listening_live"),
    path("listening/<uuid:uuid>/piece/", views.send_piece, name="listening_piece"),
    path("listening/<uuid:uuid>/reflection/check/", views.check_reflection, name="listening_check"),
    path("listening/<uuid:uuid>/reflection/", views.send_reflection, name="listening_reflection"),
    path("listening/<uuid:uuid>/confirm/", views.confirm, name="listening_confirm"),
    path("listening/<uuid:uuid>/respond/", views.respond, name="listening_respond"),
    path("listening/<uuid:uuid>/step/", views.in_person_step, name="listening_step"),
    path("listening/<uuid:uuid>/pause/", views.pause, name="listening_pause"),
    path("listening/<uuid:uuid>/resume/", views.resume, name="listening_resume"),
    path("listening/<uuid:uuid>/end/", views.end, name="listening_end"),
    path("listening/<uuid:uuid>/rate/", views.rate, name="listening_rate"),
]
