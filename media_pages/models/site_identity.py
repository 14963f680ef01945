from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from media_pages.content_cache import cached_for_content
from media_pages.visibility import visible_pages


class AccessibilityStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


# The networks the footer links to with rel="me" (profile verification), in footer order.
SOCIAL_NETWORKS = [
    ("twitter_url", "Twitter / X"),
    ("mastodon_url", "Mastodon"),
    ("bluesky_url", "Bluesky"),
    ("linkedin_url", "LinkedIn"),
    ("peertube_url", "PeerTube"),
]
HTTPS_ONLY = _("Give the full address of the profile, starting with https://.")


class ProfileURLField(models.URLField):
    """An https address of a profile; the form says so, rather than "enter a valid URL"."""

    default_validators = [URLValidator(schemes=["https"], message=HTTPS_ONLY)]

    def formfield(self, **kwargs):
        return super().formfield(**{"error_messages": {"invalid": HTTPS_ONLY}, **kwargs})


def social_url_field(verbose_name: str) -> models.URLField:
    return ProfileURLField(
        verbose_name,
        blank=True,
        help_text=_("The address of the collective’s profile page, shown in the footer."),
    )


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who publishes the site and the regulatory pages every page links to (RGAA)."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    publisher = models.CharField(
        _("publisher"), max_length=255, blank=True, help_text=_("Shown in the footer.")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    social_image = models.ForeignKey(
        "media_pages.CollectifImage",
        verbose_name=_("default social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_status = models.CharField(
        _("accessibility status"),
        max_length=10,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NONE,
        help_text=_("The RGAA compliance level stated in the footer."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("personal data"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sitemap_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("site map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    twitter_url = social_url_field(_("Twitter / X profile"))
    mastodon_url = social_url_field(_("Mastodon profile"))
    bluesky_url = social_url_field(_("Bluesky profile"))
    linkedin_url = social_url_field(_("LinkedIn profile"))
    peertube_url = social_url_field(_("PeerTube channel"))

    panels = [
        MultiFieldPanel(
            [FieldPanel("tagline"), FieldPanel("publisher"), FieldPanel("contact_email")],
            heading=_("Identity"),
        ),
        FieldPanel("social_image"),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_page"),
                FieldPanel("legal_page"),
                FieldPanel("privacy_page"),
                FieldPanel("sitemap_page"),
            ],
            heading=_("Regulatory pages"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _network in SOCIAL_NETWORKS],
            heading=_("Social accounts"),
        ),
    ]

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identities")

    @classmethod
    def for_site(cls, site):
        # Read on every page (header, footer, meta): from the cache until anything changes.
        if site is None:
            return super().for_site(site)
        return cached_for_content(
            None, f"identity:{site.pk}", lambda: super(SiteIdentity, cls).for_site(site)
        )

    def footer_links(self) -> list[tuple[str, Page]]:
        """The live regulatory pages, in footer order, fetched in one query."""
        status = self.get_accessibility_status_display()
        wanted = [
            (_("Accessibility: %(status)s") % {"status": status}, self.accessibility_page_id),
            (_("Legal notice"), self.legal_page_id),
            (_("Personal data"), self.privacy_page_id),
            (_("Site map"), self.sitemap_page_id),
        ]
        ids = [page_id for _label, page_id in wanted if page_id]
        pages = cached_for_content(
            None, "footer:" + "-".join(map(str, ids)), lambda: visible_pages().in_bulk(ids)
        )
        return [(label, pages[page_id]) for label, page_id in wanted if page_id in pages]

    def social_accounts(self) -> list[tuple[str, str]]:
        """(network, profile address) of every account filled in, in footer order."""
        return [
            (network, getattr(self, name))
            for name, network in SOCIAL_NETWORKS
            if getattr(self, name)
        ]
