"""Program logos: PNG or JPEG up to 2 MB, checked by content with Pillow (the file must
decode as the image it claims to be; the name and the browser's content type are not
trusted)."""

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg"}


def logo_content_type(upload) -> str:
    """The content type of a valid logo upload, or a ValidationError for the `logo` field."""
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError(
            {"logo": f"The logo is {upload.size / 1024 / 1024:.1f} MB; use at most 2 MB."}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                raise ValidationError({"logo": "The logo is too large; use at most 4096×4096."})
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            {"logo": "This file is not a PNG or JPEG image (or it is damaged)."}
        ) from error
    finally:
        upload.seek(0)
    if kind not in CONTENT_TYPES:
        raise ValidationError({"logo": f"Use a PNG or JPEG image, not {kind}."})
    return CONTENT_TYPES[kind]
