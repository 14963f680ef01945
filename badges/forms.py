from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class AwardAdminForm(WagtailAdminModelForm):
    """Revoking an award needs its reason; the reason is what the assertion's URL answers."""

    def clean(self):
        data = super().clean()
        if data.get("revoked") and not data.get("revocation_reason", "").strip():
            self.add_error("revocation_reason", _("Give the reason for revoking this badge."))
        return data

    def save(self, commit=True):
        award = self.instance
        if award.revoked and award.revoked_at is None:
            award.revoked_at = timezone.now()
        if not award.revoked:
            award.revoked_at = None
        return super().save(commit)
