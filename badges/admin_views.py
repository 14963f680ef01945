"""Admin: award a badge by hand (one address or a CSV), revoke an award with its reason."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from badges.awarding import Candidate
from badges.manual import award_from_csv, award_many
from badges.models import Award, BadgeClass
from badges.urls_public import assertion_url, badge_page_url


class ManualAwardForm(forms.Form):
    badge_class = forms.ModelChoiceField(
        label=gettext_lazy("Badge class"), queryset=BadgeClass.objects.all()
    )
    email = forms.EmailField(label=gettext_lazy("Email of one person"), required=False)
    name = forms.CharField(label=gettext_lazy("Their name"), max_length=150, required=False)
    file = forms.FileField(
        label=gettext_lazy("Or a CSV file of emails"),
        required=False,
        help_text=gettext_lazy("One email per line; a second column may give the name."),
    )
    narrative = forms.CharField(
        label=gettext_lazy("Why (shown as evidence)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("file"):
            raise ValidationError(_("Give an email address or a CSV file."))
        if data.get("file"):
            data["content"] = data["file"].read()
        return data


def manual_award(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("badges.add_award"):
        raise PermissionDenied
    form = ManualAwardForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("content") is not None:
                result = award_from_csv(
                    data["badge_class"],
                    data["content"],
                    awarded_by=request.user,
                    narrative=data["narrative"],
                )
            else:
                candidate = Candidate(email=data["email"], name=data["name"])
                result = award_many(
                    data["badge_class"],
                    [candidate],
                    awarded_by=request.user,
                    narrative=data["narrative"],
                )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            _report(request, result)
            return redirect(reverse("badges_manual_award"))
    return TemplateResponse(
        request,
        "badges/admin/manual_award.html",
        {"form": form, "page_title": _("Award a badge")},
    )


def _report(request: HttpRequest, result) -> None:
    messages.success(
        request,
        _("%(awarded)d awarded, %(already)d already had this badge.")
        % {"awarded": len(result.awarded), "already": len(result.already)},
    )
    for error in result.errors:
        messages.error(request, error)


def export_awards(request: HttpRequest) -> HttpResponse:
    """Every award made to one address, as JSON (RGPD right of access)."""
    if not request.user.has_perm("badges.view_award"):
        raise PermissionDenied
    email = request.GET.get("email", "").strip().lower()
    data = awards_of(email) if email else []
    response = HttpResponse(
        json.dumps({"email": email, "badges": data}, cls=DjangoJSONEncoder, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="badges.json"'
    return response


def awards_of(email: str) -> list[dict]:
    """The awards of an address, for a data export (also joined to the subscriber export)."""
    return [
        {
            "badge": awarded.badge_class.name,
            "issued_on": awarded.issued_on,
            "expires": awarded.expires,
            "evidence": awarded.evidence,
            "revoked": awarded.revoked,
            "revocation_reason": awarded.revocation_reason,
            "assertion": assertion_url(awarded),
            "page": badge_page_url(awarded),
        }
        for awarded in Award.objects.filter(email__iexact=email).select_related("badge_class")
    ]
