from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """Someone's registration to a session: confirmed, on the waiting list, or cancelled.

    One row per (session, email), enforced by the database, so a second request with the
    same address can only find the first row, never add one. ``webinars.registrations``
    creates, cancels and promotes rows; the ``*_sent_at`` columns make each email go once.
    """

    session = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list at"), null=True, blank=True
    )
    attended = models.BooleanField(_("attended"), default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    replay_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["session", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "session", Lower("email"), name="one_registration_per_session_and_email"
            )
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
