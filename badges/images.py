"""Badge images: PNG or SVG, square, at least 400 px, checked when they are uploaded."""

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree
from PIL import Image, UnidentifiedImageError

MIN_SIZE = 400
MAX_BYTES = 2 * 1024 * 1024
_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


def image_kind(content: bytes) -> str | None:
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    head = content[:2048].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in content[:4096].lower():
        return "svg"
    return None


def png_size(content: bytes) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(content)) as image:
            return image.size
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(_("The PNG image could not be read.")) from error


def parse_svg(content: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise ValidationError(_("The SVG image is not well-formed XML.")) from error
    if etree.QName(root).localname != "svg":
        raise ValidationError(_("The file is not an SVG image."))
    return root


def svg_size(content: bytes) -> tuple[float, float]:
    """The SVG's size in px: width/height attributes, or else its viewBox."""
    root = parse_svg(content)
    width, height = root.get("width"), root.get("height")
    if width and height:
        matches = _LENGTH.match(width), _LENGTH.match(height)
        if all(matches):
            return float(matches[0].group(1)), float(matches[1].group(1))
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            return float(view_box[2]), float(view_box[3])
        except ValueError:
            pass
    raise ValidationError(_("The SVG image needs a width and height in px, or a viewBox."))


def validate_badge_image(upload) -> None:
    upload.seek(0)
    content = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The image is larger than 2 MB."))
    kind = image_kind(content)
    if kind is None:
        raise ValidationError(_("A badge image must be a PNG or an SVG file."))
    width, height = png_size(content) if kind == "png" else svg_size(content)
    if width != height:
        raise ValidationError(
            _("A badge image must be square (this one is %(width)s × %(height)s px).")
            % {"width": f"{width:g}", "height": f"{height:g}"}
        )
    if width < MIN_SIZE:
        raise ValidationError(
            _("A badge image must be at least %(min)s px wide (this one is %(width)s px).")
            % {"min": MIN_SIZE, "width": f"{width:g}"}
        )
