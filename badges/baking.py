"""Baked badge images: the badge class image carrying its assertion (Open Badges baking 2.0).

PNG: an ``iTXt`` chunk with keyword ``openbadges`` before ``IEND``, holding the assertion URL
(hosted verification). SVG: an ``openbadges:assertion`` element whose ``verify`` attribute is
the same URL, first child of the root ``svg`` element.
"""

import struct
import zlib

from lxml import etree

from badges.images import parse_svg

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OPENBADGES_NS = "http://openbadges.org"


def _chunks(content: bytes):
    position = len(PNG_SIGNATURE)
    while position < len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kind = content[position + 4 : position + 8]
        end = position + 12 + length
        yield kind, content[position + 8 : position + 8 + length], content[position:end]
        position = end


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def bake_png(content: bytes, assertion_url: str) -> bytes:
    """The PNG with one ``openbadges`` iTXt chunk (any earlier one replaced)."""
    if not content.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    itxt = b"openbadges\x00\x00\x00\x00\x00" + assertion_url.encode("utf-8")
    out = [PNG_SIGNATURE]
    for kind, data, raw in _chunks(content):
        if kind == b"iTXt" and data.startswith(b"openbadges\x00"):
            continue
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", itxt))
        out.append(raw)
    return b"".join(out)


def bake_svg(content: bytes, assertion_url: str) -> bytes:
    root = parse_svg(content)
    for old in root.findall(f"{{{OPENBADGES_NS}}}assertion"):
        root.remove(old)
    # lxml cannot add a namespace declaration to an existing element: copy onto a new root.
    nsmap = {**root.nsmap, "openbadges": OPENBADGES_NS}
    baked = etree.Element(root.tag, nsmap=nsmap, attrib=dict(root.attrib))
    baked.text = root.text
    assertion = etree.SubElement(baked, f"{{{OPENBADGES_NS}}}assertion")
    assertion.set("verify", assertion_url)
    assertion.tail = root.text
    for child in root:
        baked.append(child)
    return etree.tostring(baked, xml_declaration=True, encoding="utf-8")


def unbaked_png_url(content: bytes) -> str | None:
    for kind, data, _raw in _chunks(content):
        if kind == b"iTXt" and data.startswith(b"openbadges\x00"):
            return data.split(b"\x00", 5)[-1].decode("utf-8")
    return None
