from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("confirmation/<str:token>/", views.confirm, name="confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("reabonnement/<str:token>/", views.resubscribe, name="resubscribe"),
]
