"""The editorials' RSS 2.0 feed, served by ``EditorialIndexPage`` at ``feed.xml``."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed

from community.models import Credit

FEED_LENGTH = 30


class EditorialFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index) -> None:
        super().__init__()
        self.index = index

    def __call__(self, request: HttpRequest, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return self.index.title

    def link(self) -> str:
        return self.index.get_full_url(self.request)

    def description(self) -> str:
        return self.index.intro or self.index.title

    def feed_url(self) -> str:
        return self.index.get_full_url(self.request) + self.index.reverse_subpage("feed")

    def items(self):
        credits = Credit.objects.select_related("person", "role").order_by("sort_order")
        return self.index.editorials().prefetch_related(
            Prefetch("credits", queryset=credits), "tags"
        )[:FEED_LENGTH]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.standfirst

    def item_link(self, item) -> str:
        return item.get_full_url(self.request)

    def item_guid(self, item) -> str:
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item) -> str | None:
        names = [c.person.name for c in item.credits.all() if c.role.slug == "editorialiste"]
        return ", ".join(names) or None

    def item_categories(self, item) -> list[str]:
        return [tag.name for tag in item.tags.all()]
