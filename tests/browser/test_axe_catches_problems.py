"""The sweep itself can fail: axe reports a known serious violation in chromium."""

from .conftest import axe_violations


def test_axe_reports_an_unlabelled_input_and_an_image_without_alt(page, axe_source):
    page.set_content(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    ids = {violation["id"] for violation in axe_violations(page, axe_source)}
    assert {"image-alt", "label"} <= ids
