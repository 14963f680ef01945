"""The view the archive page routes its subscription form to.

It receives the page and imports no page model, so the page module can import it.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from media_pages.ratelimit import RateLimit
from newsletter import subscriptions, tasks
from newsletter.forms import SubscribeForm


def subscribe_form_view(archive, request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    context = {"page": archive, "self": archive, "form": form, "archive": archive}
    if request.method == "POST":
        limit = RateLimit.from_setting("subscribe", "NEWSLETTER_SUBSCRIBE_RATE_LIMIT", (5, 600))
        if not limit.hit(request):
            context["rate_limited"] = True
            # What was typed stays in the form: nothing is lost, only delayed.
            return TemplateResponse(request, "newsletter/subscribe.html", context, status=429)
        if form.is_bot():
            return HttpResponseRedirect(archive.url + archive.reverse_subpage("subscribe_done"))
        if form.is_valid():
            subscriptions.request_subscription(
                form.cleaned_data["email"],
                form.cleaned_data["language"],
                archive.consent_text,
                send_confirmation=tasks.send_confirmation_email.enqueue,
            )
            return HttpResponseRedirect(archive.url + archive.reverse_subpage("subscribe_done"))
        return TemplateResponse(request, "newsletter/subscribe.html", context, status=400)
    return TemplateResponse(request, "newsletter/subscribe.html", context)
