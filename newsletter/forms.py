from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from newsletter.models.subscribers import LANGUAGE_CHOICES


class NewsletterPageForm(WagtailAdminPageForm):
    """Starts a new issue with the content published since the previous one, to be trimmed."""

    def __init__(self, data=None, files=None, parent_page=None, *args, **kwargs):
        instance = kwargs.get("instance")
        if data is None and parent_page is not None and instance is not None and not instance.pk:
            body_block = instance._meta.get_field("body").stream_block
            kwargs.setdefault("initial", {})["body"] = body_block.to_python(
                parent_page.specific.initial_issue_body()
            )
        super().__init__(data, files, parent_page, *args, **kwargs)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter a valid email address, for example nom@exemple.fr."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=LANGUAGE_CHOICES,
        initial="fr",
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I agree to receive the newsletter"),
        error_messages={"required": _("Tick the box to agree to receive the newsletter.")},
    )
    # Honeypot: hidden from people and assistive technologies; bots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
