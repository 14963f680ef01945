from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from .publishing_roles import grant_on_new_page

        post_save.connect(grant_on_new_page, dispatch_uid="community_grant_on_new_page")
        from . import signals

        signals.connect()
