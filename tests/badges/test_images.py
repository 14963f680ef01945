"""Badge images are checked on upload; baking keeps one assertion per image."""

import io

import openbadges_bakery
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from badges.baking import bake_png, bake_svg, unbaked_png_url
from badges.images import validate_badge_image

from .conftest import SVG, png_bytes


def upload(content: bytes, name="b.svg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def svg(attributes: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect/></svg>'.encode()


@pytest.mark.parametrize(
    "content",
    [SVG, png_bytes(400, 400), png_bytes(1200, 1200), svg('viewBox="0 0 512 512"')],
)
def test_square_images_of_400_px_or_more_are_accepted(content):
    validate_badge_image(upload(content))


@pytest.mark.parametrize(
    ("content", "french"),
    [
        (png_bytes(399, 399), "au moins 400 px"),
        (png_bytes(500, 400), "carrée (celle-ci mesure 500 × 400 px)"),
        (svg('width="400px" height="600"'), "carrée"),
        (svg('viewBox="0 0 100 100"'), "au moins 400 px"),
        (svg(""), "une largeur et une hauteur"),
        (b"<svg><unclosed></svg>", "XML bien formé"),
        (b"GIF89a....", "PNG ou SVG"),
        (b"\x89PNG\r\n\x1a\nbroken", "n’a pas pu être lue"),
    ],
)
def test_bad_images_are_refused_in_french(content, french):
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_badge_image(upload(content))
    assert french in " ".join(error.value.messages)


def test_an_svg_with_an_external_entity_is_not_expanded():
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><text>&x;</text></svg>'
    )
    validate_badge_image(upload(hostile))
    assert b"root:" not in bake_svg(hostile, "https://example.org/a.json")


def test_baking_again_replaces_the_assertion():
    once = bake_png(png_bytes(), "https://example.org/a.json")
    twice = bake_png(once, "https://example.org/b.json")
    assert twice.count(b"openbadges\x00") == 1
    assert unbaked_png_url(twice) == "https://example.org/b.json"
    assert openbadges_bakery.unbake(io.BytesIO(twice)) == "https://example.org/b.json"
    svg_twice = bake_svg(bake_svg(SVG, "https://example.org/a.json"), "https://example.org/b.json")
    assert svg_twice.count(b"openbadges:assertion") == 1
    assert openbadges_bakery.unbake(io.BytesIO(svg_twice)) == "https://example.org/b.json"
