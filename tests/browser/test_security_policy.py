"""The Content-Security-Policy blocks nothing the site or the admin needs (issue 12 #17).

Chromium reports every blocked script, style or frame as a ``securitypolicyviolation`` event;
the pages below are used the way visitors and editors use them, and no event may fire.
"""

import re

import pytest

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(RECORD_VIOLATIONS)
    # Third-party frames answer locally: no request leaves the machine.
    page.route(re.compile(r"https://(?!127\.0\.0\.1).*"), lambda route: route.fulfill(body="ok"))
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_public_pages_work_under_the_policy(demo_site, watched):
    response = watched.goto(demo_site + "/presentations/les-roles-du-collectif/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    watched.get_by_role("button", name=re.compile("Afficher la présentation")).click()
    assert watched.locator(".embed-frame iframe").count() == 1
    assert violations(watched) == []
    watched.goto(demo_site + "/")
    watched.locator("#search-q").press_sequentially("évalu")
    watched.get_by_role("option").first.wait_for()
    assert violations(watched) == []


def test_the_admin_page_editor_works_under_the_policy(demo_site, watched):
    watched.goto(demo_site + "/admin/login/")
    watched.fill("#id_username", "admin")
    watched.fill("#id_password", "collectif-demo")
    watched.press("#id_password", "Enter")
    watched.wait_for_url(re.compile(r"/admin/$"))
    watched.goto(demo_site + "/admin/pages/")
    edit = watched.locator("a[href*='/admin/pages/'][href$='/edit/']").first
    watched.goto(demo_site + edit.get_attribute("href"))
    title = watched.locator("#id_title")
    title.fill(title.input_value() + " (relu)")
    watched.locator("button.action-save").first.click()
    watched.wait_for_selector(".messages .success")
    assert violations(watched) == []
