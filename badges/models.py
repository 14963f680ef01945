"""Badge classes, the rules that award them, and the awards (Open Badges 2.0 assertions)."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from badges.forms import AwardAdminForm
from badges.images import validate_badge_image
from webinars.choices import SessionFormat


class BadgeClass(models.Model):
    """What a badge recognises, and how to earn it (an Open Badges ``BadgeClass``)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=130, unique=True, blank=True)
    description = models.TextField(_("description"), max_length=1000)
    image = models.FileField(
        _("image"),
        upload_to="badges/",
        validators=[FileExtensionValidator(["png", "svg"]), validate_badge_image],
        help_text=_("PNG or SVG, square, at least 400 × 400 px."),
    )
    criteria_text = models.TextField(_("criteria"), help_text=_("How the badge is earned."))
    criteria_url = models.URLField(
        _("criteria page"), blank=True, help_text=_("A page that explains the criteria.")
    )
    tags = models.CharField(
        _("tags"), max_length=255, blank=True, help_text=_("Separated by commas.")
    )
    alignment_name = models.CharField(
        _("aligned competency"),
        max_length=200,
        blank=True,
        help_text=_("Optional: a competency of a framework (the CRCN, a training plan...)."),
    )
    alignment_url = models.URLField(_("competency page"), blank=True)
    alignment_framework = models.CharField(_("framework"), max_length=200, blank=True)
    alignment_code = models.CharField(_("competency code"), max_length=50, blank=True)
    valid_for_days = models.PositiveIntegerField(
        _("valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: the badge does not expire."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel([FieldPanel("criteria_text"), FieldPanel("criteria_url")]),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("alignment_name"),
                FieldPanel("alignment_url"),
                FieldRowPanel([FieldPanel("alignment_framework"), FieldPanel("alignment_code")]),
            ],
            heading=_("Alignment"),
        ),
        FieldPanel("valid_for_days"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("badge class")
        verbose_name_plural = _("badge classes")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            base = slugify(self.name)[:120] or "badge"
            slug, suffix = base, 2
            while BadgeClass.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, suffix = f"{base}-{suffix}", suffix + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.alignment_url and not self.alignment_name:
            raise ValidationError({"alignment_name": _("Name the competency the page describes.")})

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def image_is_svg(self) -> bool:
        return self.image.name.lower().endswith(".svg")


class RuleKind(models.TextChoices):
    SESSION = "session", _("Attended a given session")
    FORMAT = "format", _("Attended N sessions of a format in a period")
    ROLE = "role", _("Credited N times in a role")


class AwardRule(models.Model):
    """A rule, as data, that awards a badge class to everyone who meets it."""

    badge_class = models.ForeignKey(
        BadgeClass, verbose_name=_("badge class"), on_delete=models.CASCADE, related_name="rules"
    )
    kind = models.CharField(_("rule"), max_length=10, choices=RuleKind.choices)
    session = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    session_format = models.CharField(
        _("format"), max_length=20, choices=SessionFormat.choices, blank=True
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    role = models.ForeignKey(
        "community.Role",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    count = models.PositiveSmallIntegerField(_("how many times"), default=1)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("badge_class"),
        FieldPanel("kind"),
        FieldPanel("session"),
        FieldRowPanel([FieldPanel("session_format"), FieldPanel("count")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("role"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["badge_class", "pk"]
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")

    def __str__(self) -> str:
        return f"{self.badge_class} – {self.describe()}"

    def describe(self) -> str:
        if self.kind == RuleKind.SESSION:
            return _("attended “%(session)s”") % {"session": self.session}
        if self.kind == RuleKind.FORMAT:
            return _("attended %(count)s × %(format)s") % {
                "count": self.count,
                "format": self.get_session_format_display(),
            }
        return _("credited %(count)s × %(role)s") % {"count": self.count, "role": self.role}

    def clean(self) -> None:
        errors = {}
        if self.kind == RuleKind.SESSION and not self.session_id:
            errors["session"] = _("Choose the session to attend.")
        if self.kind == RuleKind.FORMAT and not self.session_format:
            errors["session_format"] = _("Choose the format of the sessions.")
        if self.kind == RuleKind.ROLE and not self.role_id:
            errors["role"] = _("Choose the role.")
        if self.kind in (RuleKind.FORMAT, RuleKind.ROLE) and self.count < 1:
            errors["count"] = _("At least once.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period must end after it starts.")
        if errors:
            raise ValidationError(errors)


def hash_email(email: str, salt: str) -> str:
    """The Open Badges hashed identity: ``sha256$`` + hex digest of address and salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def new_salt() -> str:
    return secrets.token_hex(16)


# Bits in the Open Badges 3.0 status list: the W3C minimum, so that the list says little about
# how many badges there are. Each award holds one bit, drawn at random (W3C's advice: an index
# in issuance order would tell when a badge was issued).
STATUS_LIST_SIZE = 131072


def free_status_index() -> int:
    """A random index of the status list that no award holds (random for herd privacy: an index
    tells nothing of when or in which order a badge was awarded)."""
    for _attempt in range(100):
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if not Award.objects.filter(status_index=index).exists():
            return index
    raise RuntimeError("The Open Badges 3.0 status list is nearly full.")


class Award(models.Model):
    """A badge class awarded to one email address (an Open Badges ``Assertion``).

    The address stays in this table, for the email, the data export and removal; published
    assertions carry only its salted hash. One award per badge class and address, enforced by
    the database, so a rule run twice (or at the same time) awards once.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, verbose_name=_("badge class"), on_delete=models.PROTECT, related_name="awards"
    )
    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=150, blank=True)
    person = models.ForeignKey(
        "community.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    salt = models.CharField(max_length=32, default=new_salt, editable=False)
    identity = models.CharField(max_length=80, editable=False)
    issued_on = models.DateTimeField(_("issued on"), default=timezone.now)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    rule = models.ForeignKey(
        AwardRule,
        verbose_name=_("awarded by the rule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
    )
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("awarded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    may_email = models.BooleanField(_("may be emailed"), default=False)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)
    revocation_reason = models.CharField(_("revocation reason"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    status_index = models.PositiveIntegerField(
        unique=True, default=free_status_index, editable=False
    )

    base_form_class = AwardAdminForm

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                "badge_class", Lower("email"), name="one_award_per_badge_class_and_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} – {self.name or self.identity[:15]}"

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        self.identity = hash_email(self.email, self.salt)
        if self.expires is None and self.badge_class.valid_for_days:
            self.expires = self.issued_on + timedelta(days=self.badge_class.valid_for_days)
        super().save(*args, **kwargs)

    @property
    def status(self) -> str:
        if self.revoked:
            return "revoked"
        if self.expires and self.expires <= timezone.now():
            return "expired"
        return "valid"


class EmailConsent(models.Model):
    """Someone agreed, in their profile, to receive their badges by email."""

    email = models.EmailField(_("email"), max_length=254)
    given_at = models.DateTimeField(_("consent given at"), default=timezone.now)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("badge email consent")
        verbose_name_plural = _("badge email consents")
        constraints = [models.UniqueConstraint(Lower("email"), name="one_badge_consent_per_email")]

    def __str__(self) -> str:
        return self.email
