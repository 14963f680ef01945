"""Limits on the forms anyone can post to: attempts per client, and the size of what is sent.

``FormAttemptsMiddleware`` counts the failed POSTs to the admin login and page or document
password forms (``media_pages.ratelimit``): past the limit, the form answers 429 with a French
message until the window ends, even to the right password. A form that succeeds redirects and
is not counted, so a school whose teachers sign in from one address is never locked out.

``PublicBodySizeMiddleware`` refuses, with 413, POST bodies larger than
``PUBLIC_POST_MAX_BYTES`` outside the admin (registration, subscription, search, passwords), so
a public form never reads megabytes; the admin keeps Django's own limits for uploads.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from media_pages.ratelimit import RateLimit

GUARDED_FORMS = {
    "wagtailadmin_login": "login",
    "admin:login": "login",
    "wagtailcore_authenticate_with_password": "page-password",
    "wagtaildocs_authenticate_with_password": "page-password",
}
DEFAULT_ATTEMPTS = (10, 900)


def too_many_attempts(request: HttpRequest, window: int) -> HttpResponse:
    response = TemplateResponse(
        request,
        "security/refused.html",
        {
            "title": _("Too many attempts"),
            "message": _(
                "Too many attempts from your connection. Wait %(minutes)s minutes, then try again."
            )
            % {"minutes": max(1, window // 60)},
        },
        status=429,
    )
    response["Retry-After"] = str(window)
    return response


class FormAttemptsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        limit = getattr(request, "_collectif_form_limit", None)
        # Both forms redirect on success and answer the form again (200) when refused.
        if limit is not None and response.status_code == 200:
            limit.hit(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        action = GUARDED_FORMS.get(match.view_name if match else "")
        if action is None or request.method != "POST":
            return None
        setting = "ADMIN_LOGIN_RATE_LIMIT" if action == "login" else "PAGE_PASSWORD_RATE_LIMIT"
        limit = RateLimit.from_setting(action, setting, DEFAULT_ATTEMPTS)
        if limit.exceeded(request):
            return too_many_attempts(request, limit.window)
        request._collectif_form_limit = limit
        return None


class PublicBodySizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        if request.method == "POST" and not request.path.startswith(self.admin_prefixes):
            limit = getattr(settings, "PUBLIC_POST_MAX_BYTES", 64 * 1024)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = limit + 1
            if length > limit:
                return render(
                    request,
                    "security/refused.html",
                    {
                        "title": _("Form too large"),
                        "message": _(
                            "What was sent is too large for this form. Shorten the text and "
                            "send it again."
                        ),
                    },
                    status=413,
                )
        return self.get_response(request)
