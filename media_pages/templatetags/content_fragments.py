"""``{% content_fragment "name" [vary …] [if=expr] [seconds=N] %}…{% endcontent_fragment %}``.

The HTML between the tags, rendered once per content token and kept in this process
(``media_pages.content_cache.memoized``) for the same name, address (path and query string),
host, interface language and ``vary`` values. Only for what the content and the address decide:
never a form's CSRF token, a message, or anything about the visitor (``if=`` false renders
afresh). What depends on the clock is kept ``FRAGMENT_CACHE_SECONDS`` at most (the page cache's
bound), or less with ``seconds=``; a clock-driven value (``page.is_past``) can be a ``vary``.

Only the pages Wagtail serves are kept (``page`` in the context), and not those in a restricted
subtree: what they show depends on who passed the password or logged in. A view of its own
whose every word follows from the address and the public content (the search page) says so with
``fragments_shared`` in its context. Previews and requests
that are not GET or HEAD always render afresh: a draft must never be kept, and a form posted
back shows what the visitor typed.
"""

from django import template
from django.conf import settings
from django.template.base import FilterExpression, NodeList
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from media_pages.content_cache import NotKept, memoized
from media_pages.visibility import is_within_restriction

register = template.Library()


class ContentFragmentNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        name: FilterExpression,
        vary: list[FilterExpression],
        options: dict[str, FilterExpression],
    ):
        self.nodelist, self.name, self.vary, self.options = nodelist, name, vary, options

    def render(self, context) -> SafeString:
        request, page = context.get("request"), context.get("page")
        path = getattr(page, "path", None)
        if (
            request is None
            or (path is None and not context.get("fragments_shared"))
            or request.method not in {"GET", "HEAD"}
            or getattr(request, "is_preview", False)
            or (path is not None and is_within_restriction(path))
            or ("if" in self.options and not self.options["if"].resolve(context))
        ):
            return self.nodelist.render(context)
        key = "|".join(
            [
                "fragment",
                str(self.name.resolve(context)),
                request.get_host(),
                request.get_full_path(),
                get_language() or "",
                *(str(value.resolve(context)) for value in self.vary),
            ]
        )
        seconds = settings.FRAGMENT_CACHE_SECONDS
        if "seconds" in self.options:
            seconds = min(seconds, int(self.options["seconds"].resolve(context) or seconds))
        return memoized(request, key, lambda: self.render_once(context, request), seconds)

    def render_once(self, context, request) -> SafeString:
        """The fragment, not kept if rendering it asked for something of this visitor's."""
        csrf_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        messages = getattr(request, "_messages", None)
        messages_before = getattr(messages, "used", False)
        if messages is not None:
            messages.used = False
        html = mark_safe(self.nodelist.render(context))
        csrf_used = request.META["CSRF_COOKIE_NEEDS_UPDATE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = csrf_before or csrf_used
        messages_used = getattr(messages, "used", False)
        if messages is not None:
            messages.used = messages_before or messages_used
        if csrf_used or messages_used:
            raise NotKept(html)
        return html


@register.tag("content_fragment")
def content_fragment(parser, token) -> ContentFragmentNode:
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("content_fragment needs a name")
    options = {}
    while bits and bits[-1].split("=", 1)[0] in {"if", "seconds"}:
        option, value = bits.pop().split("=", 1)
        options[option] = parser.compile_filter(value)
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    name, *vary = (parser.compile_filter(bit) for bit in bits)
    return ContentFragmentNode(nodelist, name, vary, options)
