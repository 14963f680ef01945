"""The public side of registrations: the form on the session page, and the cancel link."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from media_pages.ratelimit import RateLimit
from webinars import registrations
from webinars.forms import RegistrationForm
from webinars.models.registrations import RegistrationStatus
from webinars.tasks import send_registration_message


def session_page(
    request: HttpRequest, session, form: RegistrationForm | None = None, status: int = 200
) -> HttpResponse:
    context = session.get_context(request)
    registration_open = session.registration_is_open()
    stored = messages.get_messages(request)
    context.update(
        # After a registration the success message takes the form's place.
        just_registered=any(message.level == messages.SUCCESS for message in stored),
        registration_open=registration_open,
        places_left=registrations.places_left(session) if registration_open else None,
        form=form or RegistrationForm(),
    )
    return render(request, session.get_template(request), context, status=status)


def _notify(registration, kind: str) -> None:
    transaction.on_commit(lambda: send_registration_message.enqueue(registration.pk, kind))


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, session) -> HttpResponse:
    if request.method == "GET":
        return HttpResponseRedirect(session.url + "#inscription")
    if not RateLimit.from_setting("register", "REGISTRATION_RATE_LIMIT", (10, 600)).hit(request):
        messages.error(request, _("Too many attempts from your connection. Try again later."))
        return session_page(request, session, RegistrationForm(request.POST), status=429)
    form = RegistrationForm(request.POST)
    if form.is_spam:
        # Answer as if it worked, so the robot learns nothing; nothing is saved.
        messages.success(request, _("Thank you, your registration is recorded."))
        return HttpResponseRedirect(session.url + "#inscription")
    if not form.is_valid():
        return session_page(request, session, form, status=400)
    data = form.cleaned_data
    try:
        registration = registrations.register(
            session, name=data["name"], email=data["email"], organisation=data["organisation"]
        )
    except registrations.RegistrationClosed:
        form.add_error(None, _("Registration for this session is closed."))
        return session_page(request, session, form, status=409)
    except registrations.AlreadyRegistered as duplicate:
        if duplicate.registration.status == RegistrationStatus.WAITING:
            message = _("This email address is already on the waiting list for this session.")
        else:
            message = _("This email address is already registered for this session.")
        form.add_error(
            "email",
            message + " " + _("The confirmation email holds a link to cancel it."),
        )
        return session_page(request, session, form, status=409)
    if registration.status == RegistrationStatus.CONFIRMED:
        _notify(registration, "confirmation")
        messages.success(
            request, _("You are registered. A confirmation email is on its way to you.")
        )
    else:
        _notify(registration, "waiting")
        messages.success(
            request,
            _(
                "The session is full: you are on the waiting list. We will write to you "
                "if a place frees up."
            ),
        )
    return HttpResponseRedirect(session.url + "#inscription")


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, session) -> HttpResponse:
    """GET asks for confirmation (mail scanners follow links); POST cancels.

    The signed token rides in the query string: Wagtail page paths allow no ``:`` or ``.``.
    """
    token = request.GET.get("jeton", "")[:500]
    registration = registrations.registration_from_token(token, session)
    context = session.get_context(request)
    context.update(registration=registration, cancelled=False)
    if registration is None:
        return render(request, "webinars/cancel_registration.html", context, status=404)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        outcome = registrations.cancel(registration.pk)
        _notify(outcome.registration, "cancelled")
        if outcome.promoted is not None:
            _notify(outcome.promoted, "promoted")
        context.update(registration=outcome.registration, cancelled=True)
    return render(request, "webinars/cancel_registration.html", context)
