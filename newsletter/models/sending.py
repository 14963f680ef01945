from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NewsletterSend(models.Model):
    """The sending of one issue: at most one per issue, so a second click sends nothing more.

    The email is rendered once when the send is requested and kept here, so every batch (and
    a worker resuming after a crash) sends exactly the same message.
    """

    issue = models.OneToOneField(
        "newsletter.NewsletterPage",
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="send",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested on"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    html_body = models.TextField(_("HTML body"))
    text_body = models.TextField(_("text body"))
    # A worker that cannot reach the SMTP server backs off until then instead of spinning.
    not_before = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("newsletter sending")
        verbose_name_plural = _("newsletter sendings")
        default_permissions = ("view",)
        permissions = [("send_newsletter", _("Can send a newsletter issue to its subscribers"))]

    def __str__(self) -> str:
        return str(self.issue)

    def progress_label(self) -> str:
        counts = self.progress()
        return _("%(sent)s sent of %(total)s, %(failed)s failed") % counts

    progress_label.short_description = _("Progress")

    def progress(self) -> dict[str, int]:
        """``{"total", "sent", "failed", "skipped", "waiting"}`` in one query."""
        counts = self.deliveries.aggregate(
            total=Count("pk"),
            sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
            failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
            skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED)),
        )
        counts["waiting"] = counts["total"] - counts["sent"] - counts["failed"] - counts["skipped"]
        return counts


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (unsubscribed)")


class Delivery(models.Model):
    """One issue to one subscriber. The unique constraint is what makes "at most once" hold."""

    send = models.ForeignKey(NewsletterSend, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (without the address) when a subscriber's data is erased, so counts stay true.
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"], name="one_delivery_per_issue_and_subscriber"
            )
        ]
        indexes = [models.Index(fields=["send", "status"])]

    def __str__(self) -> str:
        return f"{self.send} → {self.subscriber} ({self.status})"
