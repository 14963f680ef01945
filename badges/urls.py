from django.urls import path

from badges import views

app_name = "badges"

urlpatterns = [
    path("emetteur.json", views.issuer, name="issuer"),
    path("classes/<slug:slug>.json", views.badge_class, name="badge_class"),
    path("assertions/<uuid:uid>.json", views.assertion, name="assertion"),
    path("assertions/<uuid:uid>.jwt", views.credential, name="credential"),
    path("assertions/<uuid:uid>.jws", views.signed_assertion, name="signed_assertion"),
    path("cle-publique.json", views.signing_key, name="signing_key"),
    path("revocations.json", views.revocation_list, name="revocation_list"),
    path("statuts.jwt", views.status_list, name="status_list"),
    path("assertions/<uuid:uid>/badge.<str:kind>", views.baked, name="baked_image"),
    path("<uuid:uid>/", views.award_page, name="award_page"),
    path("<uuid:uid>/retrait/", views.request_removal, name="removal"),
]
