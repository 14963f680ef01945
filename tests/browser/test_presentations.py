"""The interactive presentation loads only when asked, by keyboard, as a titled iframe."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_server(live_server):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    return live_server


def test_presentation_loads_on_request_from_the_keyboard(demo_server, page):
    requested_hosts: list[str] = []
    page.on("request", lambda request: requested_hosts.append(request.url.split("/")[2]))
    # No third-party request reaches the network, with or without the click.
    page.route("https://view.genially.com/**", lambda route: route.fulfill(body="<p>demo</p>"))
    page.goto(demo_server.url + "/presentations/les-roles-du-collectif/")
    assert page.locator("iframe").count() == 0
    assert "view.genially.com" not in requested_hosts
    button = page.get_by_role("button", name="Afficher la présentation (Genially)")
    button.focus()
    page.keyboard.press("Enter")
    frame = page.locator(".embed-frame iframe")
    title = "Présentation interactive : Les rôles du collectif apprenant"
    assert frame.get_attribute("title") == title
    assert "allow-scripts" in frame.get_attribute("sandbox")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    box = frame.bounding_box()
    assert box is not None and abs(box["width"] / box["height"] - 16 / 9) < 0.05
    page.set_viewport_size({"width": 360, "height": 740})
    small = frame.bounding_box()
    assert small is not None and small["width"] <= 360


def test_text_alternative_is_on_the_page_without_loading_anything(demo_server, page):
    page.goto(demo_server.url + "/presentations/outils-pour-la-classe-a-distance/")
    heading = page.get_by_role("heading", name="Version texte de la présentation")
    assert heading.is_visible()
    assert "classe virtuelle" in page.locator(".text-alternative").inner_text()
