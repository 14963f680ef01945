"""An issue as an email: HTML with inlined CSS and absolute links, plus a plain-text part.

The issue is rendered once with a placeholder where each subscriber's unsubscribe address
goes; ``build_message`` swaps it in, so sending 10,000 messages renders the templates once.
"""

import uuid
from dataclasses import dataclass
from email.utils import formataddr
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from lxml import html as lxml_html

from .tokens import unsubscribe_token

UNSUBSCRIBE_PLACEHOLDER = "https://newsletter.invalid/unsubscribe-placeholder"
_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def absolute_links(html: str, base: str) -> str:
    """Every ``href`` and ``src`` made absolute: an email has no address to resolve them."""
    document = lxml_html.document_fromstring(html)
    document.make_links_absolute(base + "/", resolve_base_href=True)
    return "<!DOCTYPE html>\n" + lxml_html.tostring(document, encoding="unicode")


def render_issue(issue) -> RenderedIssue:
    """Subject, HTML and text of an issue, in the issue's language, with the placeholder."""
    archive = issue.get_parent().specific
    with translation.override(issue.language):
        context = {
            "issue": issue,
            "archive": archive,
            "site_url": site_url(),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        }
        html = render_to_string("newsletter/email/issue.html", context)
        text = render_to_string("newsletter/email/issue.txt", context)
    html = _inliner.inline(absolute_links(html, site_url()))
    return RenderedIssue(subject=issue.subject, html=html, text=text.strip() + "\n")


def unsubscribe_url(subscriber) -> str:
    path = reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])
    return site_url() + path


def message_id(issue_id: int, delivery_id: int | str) -> str:
    # Stable per delivery: were a message ever resent after a crash, the copy carries the same
    # Message-ID and mail clients show it once.
    domain = urlsplit(site_url()).hostname or "localhost"
    return f"<newsletter.{issue_id}.{delivery_id}@{domain}>"


def build_message(
    rendered: RenderedIssue,
    *,
    to: str,
    unsubscribe: str,
    issue_id: int,
    delivery_id: int | str,
    connection=None,
) -> EmailMultiAlternatives:
    """The message for one recipient, with the RFC 2369/8058 one-click unsubscribe headers."""
    domain = urlsplit(site_url()).hostname or "localhost"
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": formataddr((settings.WAGTAIL_SITE_NAME, f"newsletter.{domain}")),
            "Message-ID": message_id(issue_id, delivery_id),
            "Precedence": "bulk",
        },
    )
    message.attach_alternative(
        rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe)), "text/html"
    )
    return message


def preview_email(issue, text: bool = False) -> HttpResponse:
    rendered = render_issue(issue)
    if text:
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
    return HttpResponse(rendered.html)


def send_test(issue, to: str) -> None:
    """One copy of the issue to an editor, marked as a test in the subject."""
    rendered = render_issue(issue)
    with translation.override(issue.language):
        subject = gettext("[Test] %(subject)s") % {"subject": rendered.subject}
    rendered = RenderedIssue(subject=subject, html=rendered.html, text=rendered.text)
    build_message(
        rendered,
        to=to,
        unsubscribe=site_url() + "/",
        issue_id=issue.pk,
        delivery_id=f"test-{uuid.uuid4().hex}",
    ).send()
