"""Apple's rules for podcast cover art, checked when a show or an episode is saved."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image as PILImage

MIN_SIDE = 1400
MAX_SIDE = 3000
FORMATS = {"JPEG", "PNG"}


def artwork_problems(image) -> list[str]:
    """What keeps ``image`` (a Wagtail image) from being podcast cover art; empty when fine."""
    try:
        with image.open_file() as handle, PILImage.open(handle) as picture:
            kind, mode, (width, height) = picture.format, picture.mode, picture.size
            transparent = "transparency" in picture.info
    except (OSError, ValueError):
        return [_("The cover image file cannot be read.")]
    problems = []
    if kind not in FORMATS:
        problems.append(
            _("it must be a JPEG or PNG file (this one is %(format)s)") % {"format": kind}
        )
    if width != height:
        problems.append(
            _("it must be square (this one is %(width)s × %(height)s px)")
            % {"width": width, "height": height}
        )
    if not (min(width, height) >= MIN_SIDE and max(width, height) <= MAX_SIDE):
        problems.append(
            _("its sides must measure between %(min)s and %(max)s px")
            % {"min": MIN_SIDE, "max": MAX_SIDE}
        )
    if mode not in ("RGB", "P") or (mode == "P" and transparent):
        problems.append(_("it must use RGB colours without transparency (this one is %(mode)s)")
                        % {"mode": mode})  # fmt: skip
    return problems


def validate_artwork(image) -> None:
    problems = artwork_problems(image)
    if problems:
        raise ValidationError(
            _("Podcast apps will refuse this cover: %(problems)s.")
            % {"problems": "; ".join(problems)},
            code="artwork",
        )
