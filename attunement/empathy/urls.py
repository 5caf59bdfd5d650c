from django.urls import path

from attunement.empathy import views

urlpatterns = [
    path("empathy/", views.index, name="empathy"),
    path("empathy/rounds/new/", views.round_new, name="empathy_round_new"),
    path("empathy/rounds/<uuid:uuid>/", views.round_detail, name="empathy_round"),
    path("empathy/rounds/<uuid:uuid>/guess/", views.guess, name="empathy_guess"),
    path("empathy/accuracy/", views.accuracy_page, name="empathy_accuracy"),
    path("empathy/quiz/", views.quiz_page, name="empathy_quiz"),
    path("empathy/quiz/next/", views.quiz_next, name="empathy_quiz_next"),
    path("empathy/quiz/<uuid:uuid>/answer/", views.quiz_answer, name="empathy_quiz_answer"),
    path("empathy/quiz/<uuid:uuid>/guess/", views.quiz_guess, name="empathy_quiz_guess"),
    path("empathy/quiz/<uuid:uuid>/mark/", views.quiz_mark, name="empathy_quiz_mark"),
    path("empathy/about-me/", views.self_page, name="empathy_self"),
    path("empathy/about-me/<str:item_id>/", views.self_answer, name="empathy_self_answer"),
    path("empathy/words/", views.granularity, name="empathy_words"),
    path("empathy/perspective/", views.perspective, name="empathy_perspective"),
    path("empathy/perspective/<uuid:uuid>/", views.disagreement, name="empathy_disagreement"),
    path("empathy/perspective/<uuid:uuid>/story/", views.story, name="empathy_story"),
    path("empathy/perspective/stories/<uuid:uuid>/rate/", views.rate, name="empathy_rate"),
]
