"""Uploaded files: checked by content, stored privately under random names, served only as
attachments by views that checked a permission first. Reused by every app that takes files
(resumes here; prerequisite files in applications):

    stored = store_pdf(upload=request.FILES["file"], owner=user, purpose=StoredFile.Purpose.X)
    ...                                   # inside the caller's transaction
    return file_response(stored)          # in a view, after its permission check

`store_pdf` validates everything before it writes anything, so a rejected file leaves
nothing behind; a caller whose own work fails afterwards calls `discard(stored)`.
"""

import hashlib
import unicodedata
from typing import IO

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, Http404
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from core.uploads.models import StoredFile

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_NAME_LENGTH = 150
# Characters that mean a path, markup or a shell trick; none belongs in a document's name.
FORBIDDEN_NAME_CHARACTERS = set('<>:"/\\|?*;`$&{}')


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def clean_file_name(name: str, *, extension: str = ".pdf") -> str:
    """The uploader's file name, accepted only when it is a plain name: no folders, no
    markup or control characters. It is shown as the download's name, never used as a
    storage path."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        raise ValidationError("The file has no name. Rename it, e.g. resume.pdf, and try again.")
    bad = sorted(
        {c for c in name if c in FORBIDDEN_NAME_CHARACTERS or unicodedata.category(c)[0] == "C"}
    )
    if bad or name.startswith(".") or ".." in name:
        shown = " ".join(repr(c)[1:-1] for c in bad) or ". at the start or '..'"
        raise ValidationError(
            f"The file name “{name[:80]}” contains characters that are not allowed ({shown}). "
            "Rename the file, e.g. resume.pdf, and upload it again."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"The file name is longer than {MAX_NAME_LENGTH} characters. Shorten it and try again."
        )
    if not name.lower().endswith(extension):
        name += extension
    return name


# What a PDF may not carry: scripts, actions that start programs or fetch/submit data, and
# files inside the file. Reviewers download uploads and open them in whatever reader they have.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition"}
ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/RichMedia", "/XFA"}
ACTIVE_TYPES = {"/EmbeddedFile", "/RichMedia"}
MAX_PDF_OBJECTS = 200_000


def _active_content(reader: PdfReader) -> str | None:
    """What active content the document holds ("JavaScript", "a launch action", "embedded
    files"), found by walking every object reachable from its catalog; None when it has none."""
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "too many objects to check"
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            action = item.get("/S")
            if action in ACTIVE_ACTIONS:
                return "a launch action" if action == "/Launch" else _describe(action)
            if item.get("/Type") in ACTIVE_TYPES:
                return "embedded files"
            for name in item.keys():
                if name in ACTIVE_KEYS:
                    return _describe(name)
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def _describe(name: str) -> str:
    if name in {"/JS", "/JavaScript"}:
        return "JavaScript"
    if name in {"/EmbeddedFiles", "/EF", "/EmbeddedFile"}:
        return "embedded files"
    if name in {"/SubmitForm", "/ImportData"}:
        return "a form that sends or loads data"
    return "interactive media"


def check_pdf(upload: IO[bytes], *, size: int) -> int:
    """Checks that the bytes are a readable PDF within the size limit, whatever the file's
    name or declared type say. Returns the number of pages."""
    if size == 0:
        raise ValidationError("The file is empty. Choose the PDF again; it may not have saved.")
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {_megabytes(size)}; the limit is {_megabytes(MAX_UPLOAD_BYTES)}. "
            "Export a smaller PDF (e.g. without large images) and upload it again."
        )
    upload.seek(0)
    if b"%PDF-" not in upload.read(1024):
        raise ValidationError(
            "This file is not a PDF: its content is something else, whatever its name says. "
            "Save or export your document as PDF and upload that."
        )
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                "This PDF is password-protected, so reviewers could not open it. "
                "Save a copy without a password and upload that."
            )
        pages = len(reader.pages)
        active = _active_content(reader)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged input
        raise ValidationError(
            "This PDF is damaged and cannot be read. Export it again and upload the new file."
        ) from error
    finally:
        upload.seek(0)
    if pages == 0:
        raise ValidationError("This PDF has no pages. Upload the document itself.")
    if active is not None:
        raise ValidationError(
            f"This PDF contains {active}, which we do not accept: reviewers open these files "
            "on their own computers. Print it to a new PDF (File › Print › Save as PDF) or "
            "export it again without attachments or scripts, and upload that."
        )
    return pages


def _sha256(upload: IO[bytes]) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store_pdf(*, upload: UploadedFile, owner: AbstractBaseUser, purpose: str) -> StoredFile:
    """Validates an uploaded PDF and stores it under a random name. Call it inside the
    caller's transaction; nothing is written when the file is rejected."""
    name = clean_file_name(upload.name)
    check_pdf(upload, size=upload.size)
    stored = StoredFile(
        owner=owner,
        purpose=purpose,
        original_name=name,
        content_type="application/pdf",
        size=upload.size,
        sha256=_sha256(upload),
    )
    stored.file.save("upload.pdf", upload, save=False)  # the name comes from StoredFile.id
    try:
        stored.save()
    except BaseException:
        stored.file.storage.delete(stored.file.name)
        raise
    return stored


def discard(stored: StoredFile) -> None:
    """Removes a file written earlier in a transaction that is now failing."""
    stored.file.storage.delete(stored.file.name)


def delete_stored_file(stored: StoredFile) -> None:
    """Deletes the row now and the bytes once the transaction commits (a rollback keeps both)."""
    storage, name = stored.file.storage, stored.file.name
    stored.delete()
    transaction.on_commit(lambda: storage.delete(name))


FILE_MISSING_MESSAGE = "This file is no longer available. Ask its owner to upload it again."


def open_stored_bytes(field_file):
    """The stored bytes, opened for reading; a file whose bytes are gone (lost disk, a
    restore without the media folder) answers 404 like a missing object, never a 500."""
    try:
        return field_file.open("rb")
    except (FileNotFoundError, IsADirectoryError, ValueError) as error:
        raise Http404(FILE_MISSING_MESSAGE) from error


def file_response(stored: StoredFile) -> FileResponse:
    """The file as a download that a browser never renders or runs in the site's origin."""
    response = FileResponse(
        open_stored_bytes(stored.file),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
