"""What a session is (format, mode) and the time zone it is lived in."""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

PARIS = ZoneInfo("Europe/Paris")


class SessionFormat(models.TextChoices):
    WEBINAR = "webinaire", _("Webinar")
    WORKSHOP = "atelier", _("Workshop")
    PLENARY = "pleniere", _("Plenary")
    QUIZ = "quiz", _("Quiz")
    TERRITORIAL_CHALLENGE = "defi-territorial", _("Territorial challenge")


class SessionMode(models.TextChoices):
    ONLINE = "distance", _("Online")
    IN_PERSON = "presence", _("In person")
    HYBRID = "hybride", _("Hybrid")
