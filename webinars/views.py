"""The public side of registrations: the form on the session page, and the cancel link."""

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from media_pages.ratelimit import RateLimit
from webinars import registrations
from webinars.forms import RegistrationForm
from webinars.models.registrations import RegistrationStatus
from webinars.tasks import send_registration_message, send_registration_request

ALREADY_INTERVAL = 600
CHECK_YOUR_INBOX = gettext_lazy(
    "Thank you. An email is on its way to this address: open its link to confirm the "
    "registration. Nothing is recorded until then."
)


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
    """The form's answer is the same whatever the address: the email tells its owner the rest.

    A new address gets a link to confirm (nothing is stored until then); an address that already
    holds a registration gets a reminder with its cancel link.
    """
    if request.method == "GET":
        return HttpResponseRedirect(session.url + "#inscription")
    if not RateLimit.from_setting("register", "REGISTRATION_RATE_LIMIT", (10, 600)).hit(request):
        messages.error(request, _("Too many attempts from your connection. Try again later."))
        return session_page(request, session, RegistrationForm(request.POST), status=429)
    form = RegistrationForm(request.POST)
    if form.is_spam:
        # Answer as if it worked, so the robot learns nothing; nothing is saved.
        messages.success(request, CHECK_YOUR_INBOX)
        return HttpResponseRedirect(session.url + "#inscription")
    if not form.is_valid():
        return session_page(request, session, form, status=400)
    if not session.registration_is_open():
        form.add_error(None, _("Registration for this session is closed."))
        return session_page(request, session, form, status=409)
    data = form.cleaned_data
    existing = registrations.active_registration(session, data["email"])
    if existing is not None:
        # The address owner did not necessarily ask: one reminder per 10 minutes at most.
        key = f"webinars:already:{existing.pk}:{existing.created_at.timestamp()}"
        if cache.add(key, True, timeout=ALREADY_INTERVAL):
            _notify(existing, "already")
    else:
        email = registrations.normalise_email(data["email"])
        name, organisation = data["name"], data["organisation"]
        transaction.on_commit(
            lambda: send_registration_request.enqueue(session.pk, name, email, organisation)
        )
    messages.success(request, CHECK_YOUR_INBOX)
    return HttpResponseRedirect(session.url + "#inscription")


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, session) -> HttpResponse:
    """The link of the first email: GET asks (mail scanners follow links), POST registers."""
    token = request.GET.get("jeton", "")[:2000]
    context = session.get_context(request)
    try:
        registration_request = registrations.request_from_token(token, session)
    except registrations.ExpiredRequest:
        context["problem"] = "expired"
        return render(request, "webinars/confirm_registration.html", context, status=400)
    if registration_request is None:
        context["problem"] = "invalid"
        return render(request, "webinars/confirm_registration.html", context, status=404)
    context["registration_request"] = registration_request
    if request.method == "GET":
        return render(request, "webinars/confirm_registration.html", context)
    try:
        registration = registrations.register(
            session,
            name=registration_request.name,
            email=registration_request.email,
            organisation=registration_request.organisation,
        )
    except registrations.RegistrationClosed:
        context["problem"] = "closed"
        return render(request, "webinars/confirm_registration.html", context, status=409)
    except registrations.AlreadyRegistered as duplicate:
        # Only the address owner has this link: telling them is no leak.
        context["registration"] = duplicate.registration
        context["already"] = True
        return render(request, "webinars/confirm_registration.html", context)
    if registration.status == RegistrationStatus.CONFIRMED:
        _notify(registration, "confirmation")
    else:
        _notify(registration, "waiting")
    context["registration"] = registration
    return render(request, "webinars/confirm_registration.html", context)


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
