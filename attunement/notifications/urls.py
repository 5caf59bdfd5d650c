from django.urls import path

from attunement.notifications import views

urlpatterns = [
    path("settings/reminders/", views.reminders_page, name="reminders"),
]
