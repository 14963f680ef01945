"""The credits panel of every page: a row still being filled in never blocks a draft.

Autosave posts the page every few seconds as a draft. A credit row with its person chosen but
not yet its role (or the reverse) made that post fail with 400, and the editor showed
"L'enregistrement automatique est en pause". In a draft such a row is left out (a new row is not
saved, an existing one keeps its saved values); publishing still requires both.
"""

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model
from wagtail.snippets.widgets import AdminSnippetChooser

REQUIRED_TO_PUBLISH = ("person", "role")


class CreditForm(WagtailAdminModelForm):
    def defer_required_fields(self):
        super().defer_required_fields()
        for name in REQUIRED_TO_PUBLISH:
            if name in self.fields and self.fields[name].required:
                self.fields[name].required = False
                self.deferred_required_fields.append(name)

    def is_incomplete_in_draft(self) -> bool:
        if not self.is_deferred_validation:
            return False
        return not all(self.data.get(self.add_prefix(name)) for name in REQUIRED_TO_PUBLISH)

    def has_changed(self) -> bool:
        # An existing row that reads as unchanged is not saved: it keeps its saved values.
        if self.instance.pk and self.is_incomplete_in_draft():
            return False
        return super().has_changed()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and self.is_incomplete_in_draft():
            cleaned[DELETION_FIELD_NAME] = True  # a new row is left out of the draft
        return cleaned

    def _post_clean(self):
        # Leave the row's object as it was saved: no half-filled credit reaches the draft.
        if not self.is_incomplete_in_draft():
            super()._post_clean()


class NamedChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser says "Choisir rôle": French needs the article."""

    def __init__(self, model, *, choose_one, choose_another, edit, **kwargs):
        super().__init__(model, **kwargs)
        self.choose_one_text = choose_one
        self.choose_another_text = choose_another
        self.link_to_chosen_text = edit


def person_chooser(model):
    return NamedChooser(
        model,
        choose_one=_("Choose a person"),
        choose_another=_("Choose another person"),
        edit=_("Edit this person"),
    )


def role_chooser(model):
    return NamedChooser(
        model,
        choose_one=_("Choose a role"),
        choose_another=_("Choose another role"),
        edit=_("Edit this role"),
    )


class CreditsPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        child_options = self.child_edit_handler.get_form_options()
        formset["form"] = get_form_for_model(
            self.db_field.related_model,
            form_class=CreditForm,
            fields=child_options.get("fields", []),
            widgets=child_options.get("widgets", {}),
            defer_required_on_fields=child_options.get("defer_required_on_fields", []),
        )
        return options
