"""The site, its home page, the regulatory pages and an administrator."""

import os

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from media_pages.models import HomePage, SiteIdentity, SitemapPage, StandardPage
from media_pages.public_address import site_host_and_port

from .common import Report, child_page, read_data
from .streamfield import stream_data


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("site.toml")
    load_admin(data["admin"], report)
    home = load_home(data, report)
    identity = load_identity(data["site"], home, report)
    for spec in data["pages"]:
        page = load_page(home, spec, report)
        setting = spec.get("setting")
        if setting and getattr(identity, f"{setting}_id") is None:
            setattr(identity, setting, page)
            identity.save(update_fields=[setting])


def load_admin(spec: dict, report: Report) -> None:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=spec["username"],
        defaults={"email": spec["email"], "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_password(os.environ.get("DEMO_ADMIN_PASSWORD") or spec["password"])
        user.save(update_fields=["password"])
    report.add(f"admin user {user.username}", created)


def load_home(data: dict, report: Report) -> HomePage:
    spec = data["home"]
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        report.add("home page", False)
        return site.root_page.specific

    root = Page.get_first_root_node()
    home = HomePage(
        title=spec["title"], slug="accueil", intro=spec["intro"], body=stream_data(spec["body"])
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    # Wagtail's first migration leaves a "Welcome" page as the site root: replace it.
    welcome = site.root_page if site else None
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port = site_host_and_port()
    site.site_name = data["site"]["name"]
    site.root_page = home
    site.save()
    if welcome is not None and type(welcome.specific) is Page:
        welcome.delete()
    report.add("home page", True)
    return home


def load_identity(spec: dict, home: HomePage, report: Report) -> SiteIdentity:
    site = home.get_site()
    identity, created = SiteIdentity.objects.get_or_create(
        site=site,
        defaults={
            "tagline": spec["tagline"],
            "publisher": spec["publisher"],
            "contact_email": spec["contact_email"],
            "accessibility_status": spec["accessibility_status"],
            **spec.get("social", {}),
        },
    )
    report.add("site identity", created)
    return identity


def load_page(parent: Page, spec: dict, report: Report) -> Page:
    def build() -> Page:
        fields = {
            "title": spec["title"],
            "intro": spec.get("intro", ""),
            "show_in_menus": spec.get("in_menu", False),
        }
        if spec.get("type") == "sitemap":
            return SitemapPage(**fields)
        return StandardPage(**fields, body=stream_data(spec.get("body", [])))

    return child_page(parent, spec["slug"], report, build)
