from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from .roles import RoleForm


class Person(index.Indexed, models.Model):
    """Someone who contributes to the collective; credited on content, shown on a profile."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=1000)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Académie, school, department..."),
    )
    website = models.URLField(_("website"), blank=True)
    social_url = models.URLField(
        _("social profile"), blank=True, help_text=_("Mastodon, LinkedIn, X...")
    )
    role_form = models.CharField(
        _("form of role names"),
        max_length=10,
        choices=RoleForm.choices,
        default=RoleForm.INCLUSIVE,
        help_text=_("How the collective's roles read after this person's name in credits."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("organisation"),
        FieldPanel("role_form"),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("social_url")], heading=_("Links")),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("bio"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:150] or "personne"
        slug, suffix = base, 2
        while Person.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug
