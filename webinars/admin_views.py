"""Admin: import the attendance of a session from a videoconference tool's CSV export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from webinars.attendance import emails_from_csv, mark_attendance
from webinars.models import WebinarPage

ATTENDANCE_PERMISSION = "webinars.change_registration"


class AttendanceImportForm(forms.Form):
    session = forms.ModelChoiceField(
        label=gettext_lazy("Session"), queryset=WebinarPage.objects.order_by("-start")
    )
    file = forms.FileField(
        label=gettext_lazy("Attendance file (CSV)"),
        help_text=gettext_lazy("The participants report exported by the videoconference tool."),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            try:
                data["emails"] = emails_from_csv(upload.read())
            except ValidationError as error:
                self.add_error("file", error)
        return data


def import_attendance(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ATTENDANCE_PERMISSION):
        raise PermissionDenied
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = mark_attendance(form.cleaned_data["session"], form.cleaned_data["emails"])
        messages.success(
            request,
            _(
                "%(marked)d marked as attended, %(already)d already marked, "
                "%(unknown)d not registered."
            )
            % {"marked": result.marked, "already": result.already, "unknown": len(result.unknown)},
        )
        if result.unknown:
            messages.warning(
                request,
                _("Not registered: %(emails)s") % {"emails": ", ".join(result.unknown[:50])},
            )
        return redirect(reverse("webinars_attendance_import"))
    return TemplateResponse(
        request,
        "webinars/admin/attendance_import.html",
        {"form": form, "page_title": _("Import attendance")},
    )
