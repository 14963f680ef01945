from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from badges.views import did_document
from media_pages import page_routing
from media_pages.sitemap import VisibleSitemap
from media_pages.urls import page_file_urlpatterns
from media_pages.views import favicon, robots_txt
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", search_views.search, name="search"),
    path("recherche/suggestions/", search_views.autocomplete, name="search_autocomplete"),
    # Without a CSRF token: the switcher is in every page's footer, which then stays the same
    # for every visitor and can be cached; a forged request could only change the language.
    path("langue/", csrf_exempt(set_language), name="set_language"),
    path("lettre/", include("newsletter.urls")),
    path("badges/", include("badges.urls")),
    # The Open Badges 3.0 issuer's did:web document (did:web of SITE_URL resolves here).
    path(".well-known/did.json", did_document, name="did_document"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": VisibleSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.SERVE_MEDIA:
    # Not django's static(): podcast apps and players need HEAD and Range on audio.
    from media_pages.serving import media_urlpatterns

    urlpatterns += media_urlpatterns()

# Feeds and sidecar files of pages (feed.xml, chapters.json, transcript.vtt) keep their names.
urlpatterns += page_file_urlpatterns()
# Wagtail's patterns, pages served with their route kept in memory until the content changes.
urlpatterns += [path("", include(page_routing.wagtail_urlpatterns()))]
