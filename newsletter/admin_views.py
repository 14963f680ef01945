"""The issue's sending page in the admin: progress, "Send", "Retry failures", "Send me a test"."""

import json
import smtplib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail import hooks

from .email import send_test
from .models import NewsletterPage, NewsletterSend, Subscriber
from .panels import SEND_PERMISSION
from .sending import AlreadySent, recipients, retry_failed, start_send
from .tasks import enqueue_batch


def can_send(user) -> bool:
    return user.has_perm(SEND_PERMISSION)


def issue_sending(request: HttpRequest, page_id: int) -> HttpResponse:
    issue = get_object_or_404(NewsletterPage, pk=page_id)
    if not can_send(request.user):
        raise PermissionDenied
    send = NewsletterSend.objects.filter(issue=issue).first()
    if request.method == "POST":
        return _handle_action(request, issue, send)
    context = {
        "issue": issue,
        "send": send,
        "progress": send.progress() if send else None,
        "recipient_count": recipients(issue).count(),
        "header_title": _("Sending: %(title)s") % {"title": issue.title},
    }
    return TemplateResponse(request, "newsletter/admin/issue_sending.html", context)


def _handle_action(request: HttpRequest, issue: NewsletterPage, send) -> HttpResponse:
    action = request.POST.get("action")
    if action == "test":
        address = request.user.email
        if not address:
            messages.error(request, _("Your account has no email address to send the test to."))
        else:
            try:
                send_test(issue.get_latest_revision_as_object(), address)
            except (OSError, smtplib.SMTPException, ValueError) as error:
                messages.error(
                    request, _("The test could not be sent: %(error)s") % {"error": error}
                )
            else:
                messages.success(request, _("A test was sent to %(email)s.") % {"email": address})
    elif action == "retry" and send is not None:
        count = retry_failed(send, enqueue=enqueue_batch)
        message = _("%(count)s failed messages will be sent again.") % {"count": count}
        messages.success(request, message)
    return redirect("newsletter_issue_sending", page_id=issue.pk)


def confirm_sending(request: HttpRequest, page_id: int) -> HttpResponse:
    """The step between "Send" and sending: who will receive it, how many; only a POST sends.

    The POST carries the count that was shown: if subscribers came or went meanwhile, the
    editor sees the new number and confirms again. A second POST (double click, two editors)
    finds the issue's sending and sends nothing more.
    """
    issue = get_object_or_404(NewsletterPage, pk=page_id)
    if not can_send(request.user):
        raise PermissionDenied
    if NewsletterSend.objects.filter(issue=issue).exists():
        messages.warning(request, _("This issue has already been sent; nothing was sent again."))
        return redirect("newsletter_issue_sending", page_id=issue.pk)
    count = recipients(issue).count()
    count_changed = False
    if request.method == "POST":
        if not issue.live:
            messages.error(request, _("Publish the issue before sending it."))
            return redirect("newsletter_issue_sending", page_id=issue.pk)
        if request.POST.get("recipient_count") == str(count):
            try:
                start_send(issue, request.user, enqueue=enqueue_batch)
            except AlreadySent:
                messages.warning(
                    request, _("This issue has already been sent; nothing was sent again.")
                )
            else:
                messages.success(request, _("Sending has started."))
            return redirect("newsletter_issue_sending", page_id=issue.pk)
        count_changed = True
    context = {
        "issue": issue,
        "recipient_count": count,
        "count_changed": count_changed,
        "header_title": _("Confirm the sending: %(title)s") % {"title": issue.title},
    }
    return TemplateResponse(request, "newsletter/admin/confirm_sending.html", context)


def export_subscriber(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything stored about one subscriber, as JSON (RGPD right of access)."""
    if not request.user.has_perm("newsletter.view_subscriber"):
        raise PermissionDenied
    subscriber = get_object_or_404(Subscriber, pk=pk)
    data = {
        "email": subscriber.email,
        "language": subscriber.language,
        "status": subscriber.status,
        "created_at": subscriber.created_at,
        "confirmed_at": subscriber.confirmed_at,
        "unsubscribed_at": subscriber.unsubscribed_at,
        "consent_records": [
            {
                "action": record.action,
                "at": record.at,
                "consent_text": record.consent_text,
                "consent_version": record.consent_version,
                "source": record.source,
            }
            for record in subscriber.consent_records.all()
        ],
        "deliveries": [
            {
                "issue": delivery.send.issue.title,
                "status": delivery.status,
                "sent_at": delivery.sent_at,
            }
            for delivery in subscriber.deliveries.select_related("send__issue")
        ],
    }
    # What other apps keep about the same address (badges...), without importing them.
    for add_personal_data in hooks.get_hooks("personal_data_export"):
        data.update(add_personal_data(subscriber.email))
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="abonne-{subscriber.pk}.json"'
    return response
