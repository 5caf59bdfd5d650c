from django.urls import path

from attunement.safety import views

urlpatterns = [
    path("safety/", views.safety_home, name="safety"),
    path("safety/screen/", views.screen, name="safety_screen"),
    path("safety/screen/skip/", views.screen_skip, name="safety_screen_skip"),
    path("safety/screen/<uuid:uuid>/", views.screen_result, name="safety_screen_result"),
    path("safety/quick-exit/", views.quick_exit_info, name="quick_exit"),
    path("safety/exit/", views.quick_exit_go, name="quick_exit_go"),
    path("safety/misread/", views.misread, name="safety_misread"),
    path("journal/", views.journal, name="journal"),
    path("journal/<uuid:uuid>/", views.journal_entry, name="journal_entry"),
    path("journal/<uuid:uuid>/delete/", views.journal_delete, name="journal_delete"),
]
