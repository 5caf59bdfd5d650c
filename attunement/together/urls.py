from django.urls import path

from attunement.together import views

urlpatterns = [
    path("together/", views.overview, name="together"),
    path("together/filters/", views.filters, name="together_filters"),
    path("together/swipe/", views.swipe, name="together_swipe"),
    path("together/swipe/answers/", views.answers, name="together_answers"),
    path("together/plan/<str:activity_id>/", views.plan_new, name="together_plan_new"),
    path("together/plans/<uuid:uuid>/", views.plan, name="together_plan"),
    path("together/plans/<uuid:uuid>/cancel/", views.cancel, name="together_cancel"),
    path("together/plans/<uuid:uuid>/highlight/", views.highlight, name="together_highlight"),
    path("together/plans/<uuid:uuid>/calendar.ics", views.plan_ics, name="together_plan_ics"),
    path("together/memories/", views.memories, name="together_memories"),
    path("together/calendar/", views.calendar, name="together_calendar"),
    path("together/calendar/new/", views.feed_new, name="together_feed_new"),
    path("together/calendar/revoke/", views.feed_revoke, name="together_feed_revoke"),
    path("together/feed/<str:token>.ics", views.feed, name="together_feed"),
]
