import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.people.demo import tiny_pdf


def pdf_bytes(text: str = "Resume") -> bytes:
    return tiny_pdf([text])


def pdf_upload(name: str = "resume.pdf", text: str = "Resume") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), "application/pdf")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a resume")
    return buffer.getvalue()


COMPLETE_PROFILE = {
    "legal_name": "Ada Lovelace",
    "country": "GB",
    "bio": "I like engines.",
    "skills": [{"name": "Python", "level": "advanced"}],
}
