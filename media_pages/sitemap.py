"""The sitemap lists what the public may see (``media_pages.visibility``), nothing more."""

from wagtail.contrib.sitemaps import Sitemap

from media_pages.visibility import visible_pages


class VisibleSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        pages = visible_pages(root.get_descendants(inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()
