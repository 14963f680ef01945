from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from media_pages.routing import FILE_ROUTE_PATTERN
from media_pages.views import robots_txt
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", search_views.search, name="search"),
    path("langue/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    # django.conf.urls.static.static() does nothing unless DEBUG; the embedded default must
    # serve uploads in any mode.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Routable sub-pages named like files (feed.xml...): see media_pages/routing.py.
    re_path(FILE_ROUTE_PATTERN, wagtail_views.serve, name="wagtail_serve_file_route"),
    path("", include(wagtail_urls)),
]
