"""The allow-list of embeddable presentations: each service's link gives its iframe address."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from media_pages.presentation_providers import resolve_presentation

ALLOWED = [
    (
        "https://view.genially.com/65da9accbbb01e0014a797ae/interactive-content-basic",
        "Genially",
        "https://view.genially.com/65da9accbbb01e0014a797ae",
    ),
    (
        "https://www.canva.com/design/DAFabc123/Xyz_789/view?utm_content=x",
        "Canva",
        "https://www.canva.com/design/DAFabc123/Xyz_789/view?embed",
    ),
    (
        "https://docs.google.com/presentation/d/1AbC-dEf_2/edit#slide=id.p",
        "Google Slides",
        "https://docs.google.com/presentation/d/1AbC-dEf_2/embed",
    ),
    (
        "https://docs.google.com/presentation/d/e/2PACX-1vR/pub?start=false",
        "Google Slides",
        "https://docs.google.com/presentation/d/e/2PACX-1vR/embed",
    ),
    ("https://h5p.org/node/1234", "H5P", "https://h5p.org/h5p/embed/1234"),
    (
        "https://academie.h5p.com/content/1291234567",
        "H5P",
        "https://academie.h5p.com/content/1291234567/embed",
    ),
    ("https://prezi.com/p/abc123xyz/les-roles/", "Prezi", "https://prezi.com/p/embed/abc123xyz/"),
    (
        "https://slides.com/collectif/outils-distance",
        "reveal.js (slides.com)",
        "https://slides.com/collectif/outils-distance/embed",
    ),
    ("https://revealjs.com/demo/#/2", "reveal.js", "https://revealjs.com/demo/#/2"),
    (
        "https://tube-numerique-educatif.apps.education.fr/w/9xYz",
        "PeerTube",
        "https://tube-numerique-educatif.apps.education.fr/videos/embed/9xYz",
    ),
]


@pytest.mark.parametrize(("url", "provider", "src"), ALLOWED)
def test_allowed_services_give_their_embed_address(url, provider, src):
    embed = resolve_presentation(url)
    assert (embed.provider, embed.src) == (provider, src)


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://example.com/deck", "provider_not_allowed"),
        ("https://view.genially.com.evil.example/65da9accbbb01e0014a797ae", "provider_not_allowed"),
        ("http://view.genially.com/65da9accbbb01e0014a797ae", "not_https"),
        ("javascript:alert(1)", "not_https"),
        ("https://www.canva.com/fr_fr/", "unrecognised_link"),
        ("https://peertube.example/w/9xYz", "provider_not_allowed"),
    ],
)
def test_other_links_are_refused(url, code):
    with pytest.raises(ValidationError) as error:
        resolve_presentation(url)
    assert error.value.code == code


def test_refusal_names_the_accepted_services_in_french_and_english():
    with pytest.raises(ValidationError) as error:
        resolve_presentation("https://example.com/deck")
    with translation.override("fr"):
        message = error.value.messages[0]
    assert "ne peuvent pas être intégrées" in message and "Genially" in message
    with translation.override("en"):
        assert "cannot be embedded" in error.value.messages[0]


def test_self_hosted_revealjs_hosts_come_from_the_settings(settings):
    settings.PRESENTATION_REVEALJS_HOSTS = ["diapos.academie.example"]
    assert resolve_presentation("https://diapos.academie.example/atelier/").provider == "reveal.js"
    with pytest.raises(ValidationError):
        resolve_presentation("https://revealjs.com/demo/")
