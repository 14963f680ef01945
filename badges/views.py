"""Public badge URLs: Open Badges 2.0 documents, baked images, the earner's badge page."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from badges import ob3
from badges.awarding import revoke
from badges.baked import baked_image
from badges.models import Award, BadgeClass
from badges.openbadges import (
    assertion_document,
    badge_class_document,
    issuer_profile,
    revocation_list_document,
    revoked_document,
    signed_assertion_jws,
    signing_key_document,
)
from badges.tokens import token_is_valid
from badges.urls_public import assertion_url, badge_page_url

JSON_LD = "application/ld+json"


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = JSON_LD
    response["Access-Control-Allow-Origin"] = "*"
    return response


def issuer(request: HttpRequest) -> JsonResponse:
    return _json(issuer_profile())


def badge_class(request: HttpRequest, slug: str) -> JsonResponse:
    return _json(badge_class_document(get_object_or_404(BadgeClass, slug=slug)))


def _award(uid) -> Award:
    return get_object_or_404(Award.objects.select_related("badge_class"), uid=uid)


def assertion(request: HttpRequest, uid) -> JsonResponse:
    awarded = _award(uid)
    if awarded.revoked:
        return _json(revoked_document(awarded), status=410)
    return _json(assertion_document(awarded))


def baked(request: HttpRequest, uid, kind: str) -> HttpResponse:
    awarded = _award(uid)
    if awarded.revoked:
        return HttpResponse(status=410)
    content, baked_kind = baked_image(awarded)
    if baked_kind != kind:
        raise Http404
    response = HttpResponse(content, content_type="image/svg+xml" if kind == "svg" else "image/png")
    response["Content-Disposition"] = f'inline; filename="{awarded.badge_class.slug}.{kind}"'
    return response


# Revocations must show at once: neither the site's page cache nor a CDN may keep these.
NOT_CACHED = "no-cache, max-age=0"
JWT = "application/jwt"


def did_document(request: HttpRequest) -> JsonResponse:
    """The issuer's ``did:web`` document, at ``/.well-known/did.json``."""
    response = JsonResponse(ob3.did_document(), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/did+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def status_list(request: HttpRequest) -> HttpResponse:
    """The signed Bitstring Status List of every award, built afresh on each request."""
    response = HttpResponse(ob3.signed_status_list(), content_type=JWT)
    response["Cache-Control"] = NOT_CACHED
    response["Access-Control-Allow-Origin"] = "*"
    return response


def credential(request: HttpRequest, uid) -> HttpResponse:
    """The award as an Open Badges 3.0 credential (VC-JWT) to download; 410 once revoked."""
    awarded = _award(uid)
    if awarded.revoked:
        response = HttpResponse(status=410)
    else:
        response = HttpResponse(ob3.signed_credential(awarded), content_type=JWT)
        response["Content-Disposition"] = (
            f'attachment; filename="{awarded.badge_class.slug}-{awarded.uid}.jwt"'
        )
        response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = NOT_CACHED
    return response


def signing_key(request: HttpRequest) -> JsonResponse:
    return _json(signing_key_document())


def revocation_list(request: HttpRequest) -> JsonResponse:
    """The OB 2.0 RevocationList of signed assertions, built afresh on each request."""
    response = _json(revocation_list_document())
    response["Cache-Control"] = NOT_CACHED
    return response


def signed_assertion(request: HttpRequest, uid) -> HttpResponse:
    """The award as an OB 2.0 signed assertion (JWS) to download. Given even once revoked: a
    verifier learns that from the issuer's revocation list, which is what it must check."""
    awarded = _award(uid)
    response = HttpResponse(signed_assertion_jws(awarded), content_type="application/jose")
    response["Content-Disposition"] = (
        f'attachment; filename="{awarded.badge_class.slug}-{awarded.uid}.jws"'
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = NOT_CACHED
    return response


def linkedin_url(awarded: Award, issuer_name: str) -> str:
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": awarded.badge_class.name,
        "organizationName": issuer_name,
        "issueYear": awarded.issued_on.year,
        "issueMonth": awarded.issued_on.month,
        "certUrl": badge_page_url(awarded),
        "certId": str(awarded.uid),
    }
    if awarded.expires:
        query |= {"expirationYear": awarded.expires.year, "expirationMonth": awarded.expires.month}
    return "https://www.linkedin.com/profile/add?" + urlencode(query)


def award_page(request: HttpRequest, uid) -> TemplateResponse:
    awarded = _award(uid)
    issuer_data = issuer_profile()
    kind = "svg" if awarded.badge_class.image_is_svg else "png"
    context = {
        "award": awarded,
        "badge_class": awarded.badge_class,
        "issuer": issuer_data,
        "assertion_url": assertion_url(awarded),
        "linkedin_url": linkedin_url(awarded, issuer_data["name"]),
        "image_kind": kind,
        "page_title": awarded.badge_class.name,
    }
    status = 410 if awarded.revoked else 200
    return TemplateResponse(request, "badges/award_page.html", context, status=status)


@require_http_methods(["GET", "POST"])
def request_removal(request: HttpRequest, uid) -> HttpResponse:
    """The earner, following the link of their email, removes their badge (RGPD erasure)."""
    awarded = _award(uid)
    token = request.POST.get("jeton") or request.GET.get("jeton", "")
    if not token_is_valid(awarded, token):
        return TemplateResponse(
            request,
            "badges/removal.html",
            {"award": awarded, "invalid": True, "page_title": _("Remove my badge")},
            status=403,
        )
    if request.method == "POST" and not awarded.revoked:
        revoke(awarded, _("Removed at the earner's request."))
        return redirect(badge_page_url(awarded))
    return TemplateResponse(
        request,
        "badges/removal.html",
        {"award": awarded, "token": token, "page_title": _("Remove my badge")},
    )
