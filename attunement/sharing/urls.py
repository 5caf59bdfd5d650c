from django.urls import path

from attunement.sharing import views

urlpatterns = [
    path("questions/", views.today, name="sharing_today"),
    path("questions/history/", views.history, name="sharing_history"),
    path("questions/together/", views.together, name="sharing_together"),
    path("questions/comfort/", views.comfort, name="sharing_comfort"),
    path("questions/<uuid:uuid>/", views.question, name="sharing_question"),
    path("questions/<uuid:uuid>/answer/", views.answer, name="sharing_answer"),
    path("questions/<uuid:uuid>/skip/", views.skip, name="sharing_skip"),
    path("questions/<uuid:uuid>/favourite/", views.favourite, name="sharing_favourite"),
    path("questions/answers/<uuid:uuid>/react/", views.react, name="sharing_react"),
    path("questions/answers/<uuid:uuid>/check/", views.check_reply, name="sharing_check_reply"),
    path("questions/answers/<uuid:uuid>/share/", views.share, name="sharing_share"),
]
