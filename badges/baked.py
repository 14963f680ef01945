"""An award's baked image, from its badge class's image file."""

from badges.baking import bake_png, bake_svg
from badges.models import Award
from badges.urls_public import assertion_url


def baked_image(awarded: Award) -> tuple[bytes, str]:
    badge_class = awarded.badge_class
    with badge_class.image.open("rb") as image:
        content = image.read()
    if badge_class.image_is_svg:
        return bake_svg(content, assertion_url(awarded)), "svg"
    return bake_png(content, assertion_url(awarded)), "png"
