"""Logos of organizations and programs: PNG or JPEG up to 2 MB, checked by content with
Pillow (the file must decode as the image it claims to be; the name and the browser's
content type are not trusted). Stored privately under random names, served through views
that decide who may see them."""

import os
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from PIL import Image, UnidentifiedImageError

from core.uploads.services import open_stored_bytes

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


def logo_upload_to(instance, filename: str) -> str:
    # Random names: an upload's name says nothing and cannot be guessed.
    extension = os.path.splitext(filename)[1].lower()
    return f"{instance._meta.model_name}-logos/{uuid.uuid4().hex}{extension}"


def logo_response(field_file, content_type: str, filename: str, public: bool):
    """Sends a stored logo as an attachment with safe headers."""
    response = FileResponse(
        open_stored_bytes(field_file),
        content_type=content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"{filename}{EXTENSIONS.get(content_type, '')}",
    )
    response["Cache-Control"] = "public, max-age=300" if public else "private"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def logo_attach(instance, upload) -> None:
    """Validates `upload` and stores it as `instance.logo` (not saved yet); the previous
    file is deleted once the transaction commits."""
    content_type = logo_content_type(upload)
    previous = instance.logo.name if instance.logo else ""
    instance.logo.save(f"logo{EXTENSIONS[content_type]}", upload, save=False)
    instance.logo_content_type = content_type
    if previous:
        storage = instance.logo.storage
        transaction.on_commit(lambda: storage.delete(previous))
