from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from community.panels import person_chooser, role_chooser

from .people import Person
from .roles import Role


class Credit(Orderable):
    """*Person* was *role* of *page*: one line of a page's credits.

    The key points at Wagtail's ``Page`` so that every page type built on ``BasePage`` gets
    credits from one table, and a person's contributions are one query away.
    """

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(
        "community.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="credits",
    )
    role = models.ForeignKey(
        "community.Role", verbose_name=_("role"), on_delete=models.PROTECT, related_name="credits"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [
        FieldPanel("person", widget=person_chooser(Person)),
        FieldPanel("role", widget=role_chooser(Role)),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "person", "role"], name="unique_credit_per_page_person_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.role_name}"

    @property
    def role_name(self) -> str:
        """The role as it reads after this person's name (their chosen form)."""
        return self.role.name_for(self.person)
