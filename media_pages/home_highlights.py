"""What is new, on the home page: each family declares its block with a Wagtail hook.

The home page cannot import the families (docs/architecture.md), so each one registers::

    @hooks.register(HOME_HIGHLIGHTS_HOOK)
    def latest_episode(request, home):
        episode = ...  # a fixed number of queries, whatever the amount of content
        return HomeHighlight(10, "podcasts/home/latest_episode.html", episode) if episode else None

A hook returns ``None`` when it has nothing to show, so the block is left out.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

HOME_HIGHLIGHTS_HOOK = "register_home_highlights"


@dataclass(frozen=True)
class HomeHighlight:
    order: int
    template: str
    item: Any  # what the template shows as ``highlight.item``: a page, or a list of pages


def home_highlights(request: HttpRequest | None, home: Page) -> list[HomeHighlight]:
    """The blocks that have content, in their declared order."""
    found = [declare(request, home) for declare in hooks.get_hooks(HOME_HIGHLIGHTS_HOOK)]
    return sorted((block for block in found if block is not None), key=lambda block: block.order)
