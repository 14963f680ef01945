"""One address of every public page type on the demo, for the "uncached" rows of `make bench`.

Found in the demo site itself (the first visible page of each type, the first person, role and
tag that have a page), so that the rows follow the demo when it changes. Each address is asked
with a session cookie, which the page cache never answers: the page is built for the request.
"""

FIND_ADDRESSES = """
from django.utils import translation
from community.contributions import visible_people
from community.models import Role
from media_pages.models import BasePage, CommunityIndexPage, PageTag, TagIndexPage
from media_pages.visibility import visible_pages
from webinars.models import WebinarPage

translation.activate("en")
found = {}
for page in visible_pages().specific().order_by("path"):
    if not isinstance(page, BasePage):
        continue
    name = type(page)._meta.verbose_name
    if isinstance(page, WebinarPage):
        name += " (past)" if page.is_past else " (upcoming)"
    found.setdefault(str(name), page.url)
community = CommunityIndexPage.objects.live().first()
person = visible_people(visible_pages()).order_by("name").first()
if community and person:
    found["person"] = community.url + community.reverse_subpage("person", args=[person.slug])
    found["roles"] = community.url + community.reverse_subpage("roles")
    role = Role.objects.filter(slug="participant").first() or Role.objects.first()
    found["role"] = community.url + community.reverse_subpage("role", args=[role.slug])
tags = TagIndexPage.objects.live().first()
tagged = PageTag.objects.filter(content_object__in=visible_pages()).select_related("tag").first()
if tags and tagged:
    found["tag"] = tags.url + tags.reverse_subpage("tag", args=[tagged.tag.slug])
found["search page"] = "/recherche/?q=classe"
for name, url in found.items():
    print("ADDRESS", url, name)
words = set()
for title in visible_pages().values_list("title", flat=True):
    words.update(w.lower() for w in title.replace("’", " ").replace("'", " ").split()
                 if len(w) > 5 and w.isalpha())
for word in sorted(words):
    print("WORD", word)
"""


def page_addresses(output: str) -> dict[str, str]:
    """``{page type: address}`` from the output of ``FIND_ADDRESSES``."""
    addresses = {}
    for line in output.splitlines():
        if line.startswith("ADDRESS "):
            _marker, url, name = line.split(" ", 2)
            addresses[name] = url
    return addresses


def search_words(output: str) -> list[str]:
    """Words of the demo's page titles, from the output of ``FIND_ADDRESSES``: queries that find
    something, for the search row that asks a new query each time."""
    return [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("WORD ")]
