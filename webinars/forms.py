import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Control characters (newlines included) and Unicode line/paragraph separators: a name goes into
# email bodies and CSV exports, where they would start a line of their own.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def single_line(value: str) -> str:
    return " ".join(CONTROL_CHARACTERS.sub(" ", value).split())


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

    def clean_name(self) -> str:
        name = single_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def clean_organisation(self) -> str:
        return single_line(self.cleaned_data["organisation"])

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))
