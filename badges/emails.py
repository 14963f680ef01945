"""The earner's email: text and HTML parts, the baked badge attached, the link to claim it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from badges.baked import baked_image
from badges.models import Award
from badges.tokens import removal_url
from badges.urls_public import assertion_url, badge_page_url


def award_message(awarded: Award) -> EmailMultiAlternatives:
    badge_class = awarded.badge_class
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "award": awarded,
            "badge_class": badge_class,
            "badge_page_url": badge_page_url(awarded),
            "assertion_url": assertion_url(awarded),
            "removal_url": removal_url(awarded),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("badges/emails/award_subject.txt", context)
        text = render_to_string("badges/emails/award.txt", context)
        html = render_to_string("badges/emails/award.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[awarded.email],
    )
    message.attach_alternative(html, "text/html")
    content, kind = baked_image(awarded)
    mime = "image/svg+xml" if kind == "svg" else "image/png"
    message.attach(f"{badge_class.slug}.{kind}", content, mime)
    return message


def send_award_message(awarded: Award) -> None:
    award_message(awarded).send()
