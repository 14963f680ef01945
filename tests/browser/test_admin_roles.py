"""In chromium, as every role: each link of its admin menu and dashboard opens, in French.

The site is the demo served by gunicorn with production settings, plus one account per role
group (and a superuser); every account logs in through the admin's login form.
"""

import re

import pytest

from tests.live_site import gunicorn, prepared_site

PASSWORD = "mot-de-passe-des-roles"
ROLE_GROUPS = [
    "Éditorialiste",
    "Ami critique",
    "Animateur",
    "Rapporteur objectif",
    "Rapporteur subjectif",
    "Rédactrice",
    "Community manager",
    "Illustrateur",
    "Ingénieur de mise en ligne",
]
ACCOUNTS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
for number, name in enumerate({ROLE_GROUPS!r}):
    username = f"role-{{number}}"
    user = User.objects.create_user(username, username + "@example.org", {PASSWORD!r})
    user.groups.add(Group.objects.get(name=name))
User.objects.create_superuser("admin-roles", "admin-roles@example.org", {PASSWORD!r})
"""
# English that leaked into the French admin: Wagtail's default groups and workflow, the root
# page and collection, raw booleans.
ENGLISH = re.compile(r"\b(Moderators|Editors|approval|Root|True|False|None)\b")
MENU_URL = re.compile(r'"url": "(/admin/[^"]*)"')
NOT_CRAWLED = ("/logout/", "/workflow/action/", "/delete/", "/unpublish/", "/lock/", "/unlock/")


@pytest.fixture(scope="module")
def role_site():
    with (
        prepared_site([["load_demo_content"], ["update_index"], ["shell", "-c", ACCOUNTS]]) as env,
        gunicorn(env) as base_url,
    ):
        yield base_url


def username_of(group: str) -> str:
    return f"role-{ROLE_GROUPS.index(group)}" if group in ROLE_GROUPS else "admin-roles"


def log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    assert page.url == base_url + "/admin/", f"{username} could not log in"


def links_of_menu_and_dashboard(page) -> list[str]:
    props = page.locator("#wagtail-sidebar-props").text_content()
    dashboard = page.eval_on_selector_all(
        "main a[href^='/admin/']", "links => links.map(a => a.getAttribute('href'))"
    )
    # The same page once, without its fragment (a fragment alone navigates nowhere).
    links = dict.fromkeys(url.split("#")[0] for url in [*MENU_URL.findall(props), *dashboard])
    return [url for url in links if not any(part in url for part in NOT_CRAWLED)]


def problems_on(page, base_url: str, url: str) -> list[str]:
    response = page.goto(base_url + url)
    found = []
    if response is None or response.status >= 500:
        found.append(f"{url}: status {response.status if response else 'none'}")
    messages = " ".join(page.locator(".messages").all_inner_texts())
    if "permission" in messages.lower():
        found.append(f"{url}: permission denied ({messages.strip()[:80]})")
    english = sorted(set(ENGLISH.findall(page.locator("body").inner_text())))
    if english:
        found.append(f"{url}: English words {english}")
    return found


@pytest.mark.parametrize("group", [*ROLE_GROUPS, "superuser"])
def test_every_link_of_the_roles_menu_and_dashboard_opens_in_french(role_site, browser, group):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    try:
        log_in(page, role_site, username_of(group))
        links = links_of_menu_and_dashboard(page)
        assert links, "an empty admin menu"
        problems = problems_on(page, role_site, "/admin/")
        for url in links:
            problems += problems_on(page, role_site, url)
        assert problems == [], "\n".join(problems)
    finally:
        context.close()
