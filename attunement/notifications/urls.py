from django.urls import path

from attunement.notifications import views

urlpatterns = [
    path("settings/reminders/", views.reminders_page, name="reminders"),
    path("settings/reminders/push/on/", views.push_on, name="push_on"),
    path("settings/reminders/push/off/", views.push_off, name="push_off"),
]
