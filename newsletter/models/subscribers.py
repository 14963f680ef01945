import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("fr", _("French")), ("en", _("English"))]


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class Subscriber(models.Model):
    """One address on the list. Only ``confirmed`` subscribers receive issues (double opt-in)."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="fr")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("subscribed on"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("last confirmation email"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def normalize(email: str) -> str:
        # Addresses are compared case-insensitively: "Anne@Example.org" is one subscriber.
        return email.strip().lower()


class ConsentAction(models.TextChoices):
    REQUESTED = "requested", _("Subscription requested")
    CONFIRMED = "confirmed", _("Subscription confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    RESUBSCRIBED = "resubscribed", _("Resubscribed")


def consent_version(text: str) -> str:
    """A short fingerprint of the consent wording, so a record says which wording was shown."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class ConsentRecord(models.Model):
    """Proof of consent (RGPD art. 7): what was agreed to, when, and how. Append-only."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consent_records"
    )
    action = models.CharField(_("action"), max_length=14, choices=ConsentAction.choices)
    at = models.DateTimeField(_("date"), default=timezone.now)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=12, blank=True)
    source = models.CharField(
        _("source"), max_length=40, blank=True, help_text=_("form, email link, one-click...")
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.subscriber} – {self.get_action_display()} – {self.at:%Y-%m-%d %H:%M}"
