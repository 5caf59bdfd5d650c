from django.urls import path

from attunement.insights import views

urlpatterns = [
    path("insights/", views.progress_page, name="insights"),
    path("insights/pulse/", views.pulse_page, name="insights_pulse"),
    path("insights/focus/", views.focus_page, name="insights_focus"),
]
