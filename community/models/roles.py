from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class PodcastRole(models.TextChoices):
    """Roles of the Podcasting 2.0 taxonomy that a collective's role maps onto in feeds."""

    HOST = "host", _("Host")
    GUEST = "guest", _("Guest")
    COHOST = "co-host", _("Co-host")
    PRODUCER = "producer", _("Producer")
    EDITOR = "editor", _("Editor")
    WRITER = "writer", _("Writer")
    ARTIST = "cover art designer", _("Cover art designer")
    REPORTER = "reporter", _("Reporter")
    CONSULTANT = "consultant", _("Consultant")


class RoleForm(models.TextChoices):
    """How a person's roles are written in French after their name (their own choice)."""

    FEMININE = "feminine", _("feminine (Animatrice)")
    MASCULINE = "masculine", _("masculine (Animateur)")
    INCLUSIVE = "inclusive", _("inclusive (Animateur·rice)")


class Role(index.Indexed, models.Model):
    """One of the collective's roles (Passeur, Animateur...), kept as data editors can change."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_fr_feminine = models.CharField(
        _("feminine form"), max_length=80, blank=True, help_text=_("Animatrice, Rédactrice...")
    )
    name_fr_masculine = models.CharField(
        _("masculine form"), max_length=80, blank=True, help_text=_("Animateur, Rédacteur...")
    )
    name_fr_inclusive = models.CharField(
        _("inclusive form"),
        max_length=80,
        blank=True,
        help_text=_("Animateur·rice, Rédacteur·rice... (used when a person chose no form)"),
    )
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    podcast_role = models.CharField(
        _("podcast role"),
        max_length=40,
        choices=PodcastRole.choices,
        default=PodcastRole.GUEST,
        help_text=_("How a credit in this role appears in podcast feeds (podcast:person)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("name_fr_feminine"),
                        FieldPanel("name_fr_masculine"),
                        FieldPanel("name_fr_inclusive"),
                    ]
                )
            ],
            heading=_("French forms after a person's name"),
        ),
        MultiFieldPanel([FieldPanel("description_fr"), FieldPanel("description_en")]),
        FieldRowPanel([FieldPanel("podcast_role"), FieldPanel("sort_order")]),
    ]
    search_fields = [
        index.SearchField("name_fr"),
        index.SearchField("name_en"),
        index.SearchField("description_fr"),
        index.AutocompleteField("name_fr"),
    ]

    class Meta:
        ordering = ["sort_order", "name_fr"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active interface language, French when no English name is set."""
        if (get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        return self.name_fr

    def name_for(self, person) -> str:
        """The role after ``person``'s name, in the form they chose ("Claire Dumas, Animatrice").

        English has one form; French falls back to the inclusive form, then to the role's name.
        """
        if (get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        chosen = getattr(person, "role_form", "") or RoleForm.INCLUSIVE
        forms = {
            RoleForm.FEMININE: self.name_fr_feminine,
            RoleForm.MASCULINE: self.name_fr_masculine,
            RoleForm.INCLUSIVE: self.name_fr_inclusive,
        }
        return forms.get(chosen) or self.name_fr_inclusive or self.name_fr

    @property
    def group_name(self) -> str:
        """The role heading several people at once: the inclusive form in French."""
        return self.name_for(None)

    @property
    def description(self) -> str:
        if (get_language() or "fr").startswith("en") and self.description_en:
            return self.description_en
        return self.description_fr
