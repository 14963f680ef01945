"""In chromium, as every role: each link of its admin menu and dashboard opens, in French.

The site is the demo served by gunicorn with production settings, plus one account per role
group (and a superuser); every account logs in through the admin's login form.
"""

import re
from pathlib import Path

import pytest
from lxml import html
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.live_site import gunicorn, manage, prepared_site

from .conftest import wait_until_true

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
        prepared_site([["shell", "-c", ACCOUNTS]], from_demo=True) as env,
        gunicorn(env) as base_url,
    ):
        yield base_url, env


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
    """What is wrong with one admin page, fetched with the logged-in browser's cookies.

    The page's HTML is what the server answered (the admin renders its messages and labels on
    the server); loading each one's scripts and styles in chromium would only add time.
    """
    response = page.context.request.get(base_url + url)
    found = []
    if response.status >= 500:
        found.append(f"{url}: status {response.status}")
    if response.url.split("?")[0].endswith("/admin/login/"):
        found.append(f"{url}: sent back to the login form")
    document = html.fromstring(response.text())
    messages = " ".join(m.text_content() for m in document.find_class("messages"))
    if "permission" in messages.lower():
        found.append(f"{url}: permission denied ({' '.join(messages.split())[:80]})")
    english = sorted(set(ENGLISH.findall(visible_text(document))))
    if english:
        found.append(f"{url}: English words {english}")
    return found


def visible_text(document) -> str:
    """The text a reader can get to: no scripts, styles, templates or hidden elements."""
    for element in document.xpath(
        "//script | //style | //template | //noscript | //*[@hidden] | //*[@aria-hidden='true']"
    ):
        element.drop_tree()
    body = document.find("body")
    return (body if body is not None else document).text_content()


@pytest.mark.parametrize("group", [*ROLE_GROUPS, "superuser"])
def test_every_link_of_the_roles_menu_and_dashboard_opens_in_french(role_site, browser, group):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    base_url, _env = role_site
    try:
        log_in(page, base_url, username_of(group))
        links = links_of_menu_and_dashboard(page)
        assert links, "an empty admin menu"
        problems = problems_on(page, base_url, "/admin/")
        for url in links:
            problems += problems_on(page, base_url, url)
        assert problems == [], "\n".join(problems)
    finally:
        context.close()


TITLE = "Évaluer par les pairs, une piste sérieuse"
ALT = "Carte mentale des pratiques d’évaluation du collectif"


def upload_an_image(page, base_url: str, tmp_path: Path) -> None:
    sketch = tmp_path / "carte.png"
    Image.new("RGB", (40, 30), "teal").save(sketch)
    page.goto(base_url + "/admin/images/add/")
    page.set_input_files("#id_file", str(sketch))
    page.fill("#id_title", "Carte des pratiques")
    page.fill("#id_alt_text", ALT)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def choose_in_modal(page, button: str, choice: str) -> None:
    page.get_by_role("button", name=button).click()
    page.locator(".modal a", has_text=choice).first.click()
    page.locator(".modal").wait_for(state="hidden")


def write_and_submit_an_editorial(page, base_url: str) -> None:
    page.goto(base_url + "/admin/pages/")  # the Éditorialiste's explorer is the editorials
    with page.expect_navigation():
        page.locator("a[href$='/add_subpage/']").first.click()
    page.fill("#id_title", TITLE)
    page.fill("#id_intro", "Le collectif teste l’évaluation entre pairs.")
    choose_in_modal(page, "Choisir une image", "Carte des pratiques")
    wait_until_true(page, "document.querySelector('[name=\"cover\"]').value !== ''")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Paragraphe").first.click()
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Des pairs qui se relisent apprennent autant que ceux qui sont relus.")
    wait_until_true(
        page, "document.querySelector('[name=\"body-0-value\"]').value.includes('relus')"
    )
    page.get_by_role("button", name="Ajouter un(e) Crédit").click()
    choose_in_modal(page, "Choisir une personne", "Claire Vasseur")
    choose_in_modal(page, "Choisir un rôle", "Éditorialiste")
    wait_until_true(
        page,
        "['credits-0-person', 'credits-0-role']"
        ".every(name => document.querySelector(`[name=${name}]`).value !== '')",
    )
    page.get_by_role("tab", name="Promotion").click()
    page.locator(".tagit-new input").fill("pairs")
    page.locator(".tagit-new input").press("Enter")
    wait_until_true(page, "document.getElementById('id_tags').value.includes('pairs')")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Soumettre à Relecture par un ami critique").click()
    answer = page.locator(".messages", has_text=re.compile("soumise|erreur", re.I))
    try:
        # Saving a revision and starting the workflow on a loaded two-core machine can take
        # longer than playwright's default 30 s.
        answer.wait_for(timeout=90_000)
    except PlaywrightTimeoutError:
        raise AssertionError(
            f"no answer to the submission at {page.url}: {page.locator('main').inner_text()[:500]}"
        ) from None
    messages = page.locator(".messages").inner_text()
    errors = page.locator(".error-message").all_inner_texts()
    assert "soumise" in messages, f"not submitted: {messages} {errors}"


def approve_from_the_dashboard(page) -> None:
    row = page.locator("main tr", has_text=TITLE)  # "Awaiting your review"
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    page.wait_for_load_state("networkidle")


def test_an_editorial_goes_from_the_editorialist_through_review_to_the_public(
    role_site, browser, tmp_path
):
    base_url, env = role_site
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    visitor = browser.new_context(locale="fr-FR").new_page()
    try:
        log_in(page, base_url, username_of("Éditorialiste"))
        upload_an_image(page, base_url, tmp_path)
        write_and_submit_an_editorial(page, base_url)
        visitor.goto(base_url + "/editoriaux/")
        assert visitor.get_by_role("link", name=TITLE).count() == 0  # not before the review

        context.clear_cookies()
        log_in(page, base_url, username_of("Ami critique"))
        approve_from_the_dashboard(page)

        visitor.goto(base_url + "/editoriaux/")
        with visitor.expect_navigation():
            visitor.get_by_role("link", name=TITLE).first.click()
        assert visitor.locator("h1").inner_text() == TITLE
        assert visitor.locator(f"main img[alt='{ALT}']").count() == 1
        assert "Claire Vasseur" in visitor.locator(".credits").inner_text()
        assert visitor.get_by_role("link", name=re.compile(r"^#?pairs$", re.I)).count() == 1
        feed = visitor.request.get(base_url + "/editoriaux/feed.xml")
        assert feed.status == 200 and TITLE in feed.text()
        manage(env, "db_worker", "--batch")  # the search index is kept by the task worker
        visitor.goto(base_url + "/recherche/?q=pairs+relisent")
        assert visitor.get_by_role("link", name=TITLE).count() >= 1
    finally:
        visitor.context.close()
        context.close()


SESSION_SLUG = "evaluer-autrement"
REPORT_ADDITION = "Une enseignante a proposé de partager les grilles avec les familles."


def session_page_id(env) -> int:
    output = manage(
        env,
        "shell",
        "-c",
        "from webinars.models import WebinarPage; "
        f"print(WebinarPage.objects.get(slug={SESSION_SLUG!r}).pk)",
    )
    return int(output.split()[-1])  # the shell prints its automatic imports first


def test_the_objective_rapporteur_adds_to_their_report_and_an_animateur_publishes_it(
    role_site, browser
):
    base_url, env = role_site
    session_id = session_page_id(env)
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    visitor = browser.new_context(locale="fr-FR").new_page()
    try:
        log_in(page, base_url, username_of("Rapporteur objectif"))
        page.goto(f"{base_url}/admin/pages/{session_id}/edit/")
        # Their report, and none of the fields an Animateur keeps: neither seen nor posted.
        for field in ("title", "start", "capacity", "online_url", "subjective_report", "slug"):
            assert page.locator(f"[name='{field}']").count() == 0, field
        archive = page.locator(".w-panel__header", has_text="Après la session : archives")
        archive.locator("[data-panel-toggle]").click()
        editor = page.locator(
            ".w-field__wrapper:has(#id_objective_report) .public-DraftEditor-content"
        )
        editor.click()
        page.keyboard.press("Control+End")
        page.keyboard.press("Enter")
        page.keyboard.type(REPORT_ADDITION)
        # Draftail writes its state to the form a moment after the last key: as a person does,
        # submit once it has.
        wait_until_true(
            page,
            f"document.getElementById('id_objective_report').value.includes({REPORT_ADDITION[:20]!r})",
        )
        page.get_by_role("button", name="Plus d'actions").click()
        page.get_by_role("button", name="Soumettre à Relecture par un animateur").click()
        page.locator(".messages", has_text="soumise").wait_for()
        visitor.goto(f"{base_url}/webinaires/{SESSION_SLUG}/")
        assert REPORT_ADDITION not in visitor.locator("main").inner_text()  # not before review

        context.clear_cookies()
        log_in(page, base_url, username_of("Animateur"))
        row = page.locator("main tr", has_text="Évaluer autrement")
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approuver", exact=True).click()
        page.wait_for_load_state("networkidle")

        visitor.goto(f"{base_url}/webinaires/{SESSION_SLUG}/")
        main = visitor.locator("main").inner_text()
        assert REPORT_ADDITION in main
        assert "Trente-deux participants" in main  # what was there stays
        assert (
            visitor.locator("h1").inner_text() == "Évaluer autrement : compétences et bienveillance"
        )
    finally:
        visitor.context.close()
        context.close()
