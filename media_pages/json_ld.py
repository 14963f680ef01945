"""schema.org data (JSON-LD) for search engines, and the one way to put it in a page.

Families build their own data (``Event`` for sessions...) and hand it to ``json_ld_script``.
"""

import json

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from community.contributions import credits_by_role
from community.models import Person
from media_pages.community_links import person_url_for
from media_pages.public_address import public_url

# The characters that could close the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` whose content cannot close it early."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def _absolute(request: HttpRequest | None, url: str) -> str:
    return public_url(url)


def _image_url(request: HttpRequest | None, image, spec: str = "fill-1200x630") -> str | None:
    return _absolute(request, image.get_rendition(spec).url) if image else None


def person_json_ld(person: Person, url: str, request: HttpRequest | None = None, roles=()) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": _absolute(request, url),
    }
    if person.bio:
        data["description"] = person.bio
    if person.organisation:
        data["affiliation"] = {"@type": "Organization", "name": person.organisation}
    same_as = [link for link in (person.website, person.social_url) if link]
    if same_as:
        data["sameAs"] = same_as
    if roles:
        data["jobTitle"] = [role.name for role in roles]
    image = _image_url(request, person.photo, "fill-400x400")
    if image:
        data["image"] = image
    return data


def article_json_ld(page: Page, request: HttpRequest | None = None) -> dict:
    """An ``Article`` whose authors are the page's éditorialistes (or else everyone credited)."""
    credits = [credit for _role, group in credits_by_role(page) for credit in group]
    authors = [c for c in credits if c.role.slug == "editorialiste"] or credits
    people: list[dict] = []
    for credit in authors:
        if any(p["name"] == credit.person.name for p in people):
            continue
        entry = {"@type": "Person", "name": credit.person.name}
        url = person_url_for(request, credit.person)
        if url:
            entry["url"] = _absolute(request, url)
        people.append(entry)
    site = page.get_site()
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.get_summary(),
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "inLanguage": "fr",
        "author": people,
        "keywords": [tag.name for tag in page.tags.all()],
        "publisher": {"@type": "Organization", "name": site.site_name if site else ""},
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if hasattr(page, "word_count"):
        data["wordCount"] = page.word_count
        data["timeRequired"] = f"PT{page.reading_time}M"
    image = _image_url(request, page.cover)
    if image:
        data["image"] = image
    return data
