from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CollectifImage(AbstractImage):
    """Wagtail image with its alternative text and the credit line illustrators ask for."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_(
            "What the image shows, for people who cannot see it (read aloud by screen readers)."
        ),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    # Wagtail's optional "description" would be a second, optional alt text: not offered.
    admin_form_fields = (
        "title",
        "alt_text",
        *(name for name in Image.admin_form_fields if name not in ("title", "description")),
        "credit",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self) -> str:
        # Wagtail falls back to the title, which names the file rather than describing it.
        return self.alt_text or self.description or self.title


class CollectifRendition(AbstractRendition):
    image = models.ForeignKey(CollectifImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
