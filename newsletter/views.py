"""Public views: the subscription form, the confirmation link and the unsubscribe links."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from media_pages.visibility import visible_pages

from . import subscriptions, tasks
from .models import NewsletterIndexPage, SubscriberStatus
from .tokens import (
    ExpiredToken,
    InvalidToken,
    read_confirmation_token,
    read_resubscribe_token,
    read_unsubscribe_token,
    resubscribe_token,
)


def current_archive() -> NewsletterIndexPage | None:
    return visible_pages(NewsletterIndexPage.objects.all()).order_by("path").first()


def message_page(request: HttpRequest, title: str, text: str, status: int = 200) -> HttpResponse:
    context = {"title": title, "text": text, "archive": current_archive()}
    return TemplateResponse(request, "newsletter/message.html", context, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = read_confirmation_token(token)
    except ExpiredToken:
        return message_page(
            request,
            _("This link has expired"),
            _(
                "Confirmation links are valid for a limited time. "
                "Subscribe again to receive a new one."
            ),
            status=400,
        )
    except InvalidToken:
        return message_page(
            request,
            _("This link is not valid"),
            _(
                "The link may have been cut or altered. "
                "Copy the whole address from the email, or subscribe again."
            ),
            status=400,
        )
    outcome = subscriptions.confirm(int(data.get("id", 0)), str(data.get("email", "")))
    if outcome is subscriptions.Confirmation.NOT_PENDING:
        return message_page(
            request,
            _("Nothing to confirm"),
            _(
                "This address has no subscription waiting for confirmation. "
                "You can subscribe again."
            ),
            status=400,
        )
    return message_page(
        request,
        _("Your subscription is confirmed"),
        _("Thank you! You will receive the next issues of the newsletter."),
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058: a POST unsubscribes at once, with no cookie, CSRF token or confirmation.

    A GET (the footer link) shows a one-button page instead of unsubscribing, because mail
    security scanners open every link of a message.
    """
    try:
        subscriber_id, fingerprint = read_unsubscribe_token(token)
    except ExpiredToken:
        return message_page(
            request,
            _("This link has expired"),
            _(
                "Unsubscribe links are valid for a year. Use the link at the bottom of a more "
                "recent issue: it unsubscribes you in one click."
            ),
            status=400,
        )
    except InvalidToken:
        return message_page(
            request,
            _("This link is not valid"),
            _("The link may have been cut or altered. Copy the whole address from the email."),
            status=400,
        )
    archive = current_archive()
    if request.method == "GET":
        context = {"token": token, "archive": archive}
        return TemplateResponse(request, "newsletter/unsubscribe.html", context)
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    subscriber = subscriptions.unsubscribe(
        subscriber_id,
        fingerprint,
        source="one-click (RFC 8058)" if one_click else "unsubscribe page",
    )
    unsubscribed = subscriber is not None and subscriber.status == SubscriberStatus.UNSUBSCRIBED
    context = {
        "archive": archive,
        # A token of its own, short-lived: the unsubscribe link cannot subscribe anyone back.
        "resubscribe_token": resubscribe_token(subscriber) if unsubscribed else "",
        "consent_text": archive.consent_text if archive else "",
    }
    return TemplateResponse(request, "newsletter/unsubscribed.html", context)


@require_POST
def resubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """ "Unsubscribed by mistake?": a new double opt-in, the confirmation link goes by email."""
    try:
        subscriber_id, fingerprint = read_resubscribe_token(token)
    except InvalidToken:
        return message_page(
            request,
            _("This link is not valid"),
            _("Subscribe again with the form of the newsletter archive."),
            status=400,
        )
    archive = current_archive()
    if request.POST.get("consent") != "on":
        return message_page(
            request,
            _("You are still unsubscribed"),
            _("Tick the box to agree to receive the newsletter."),
            status=400,
        )
    subscriber = subscriptions.subscriber_for_link(subscriber_id, fingerprint)
    if subscriber is not None:
        subscriptions.request_subscription(
            subscriber.email,
            subscriber.language,
            archive.consent_text if archive else "",
            send_confirmation=tasks.send_confirmation_email.enqueue,
            source="unsubscribe page",
        )
    return message_page(
        request,
        _("Check your inbox"),
        _(
            "To subscribe again, open the confirmation link we are sending to your address. "
            "Until then, you stay unsubscribed."
        ),
    )
