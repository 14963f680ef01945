from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Django's documented place to connect signals: every app's models are loaded by now.
        from accounts.publishing_roles import grant_on_new_page

        post_save.connect(grant_on_new_page, dispatch_uid="accounts_grant_on_new_page")
