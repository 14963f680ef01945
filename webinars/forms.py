from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the collective keeps my name, email and organisation to manage this "
            "registration and to write to me about this session."
        ),
        error_messages={"required": _("Tick the box to agree, or we cannot register you.")},
    )
    # A field people never see; robots that fill every input reveal themselves.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))
