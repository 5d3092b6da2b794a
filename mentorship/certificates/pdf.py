"""The letter of completion as a PDF (fpdf2), with the public verification address and a
QR code to it (qrcode, already installed for two-factor setup, drawn as a PNG in memory).

fpdf2's built-in fonts cover Latin-1 only: characters outside it are replaced so a name in
another script never breaks the download (the verification page shows the name exactly)."""

from io import BytesIO

import qrcode
from django.http import HttpResponse
from fpdf import FPDF

from core.outbox.services import absolute_url
from mentorship.certificates.models import Certificate


def verification_address(certificate: Certificate) -> str:
    return absolute_url("mentorship:verify", verification=certificate.verification_id)


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def _qr_png(data: str) -> BytesIO:
    image = qrcode.make(data, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def certificate_pdf(certificate: Certificate) -> bytes:
    address = verification_address(certificate)
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(_latin1(f"Letter of completion: {certificate.mentee_name}"))
    pdf.set_author(_latin1(certificate.organization_name))
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 24)
    pdf.set_y(40)
    pdf.cell(width, 14, "Letter of completion", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("Helvetica", "", 13)
    pdf.cell(width, 8, "This certifies that", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(width, 14, _latin1(certificate.mentee_name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(
        width,
        8,
        _latin1(
            f"completed the {certificate.program_name} mentorship of "
            f"{certificate.organization_name}, from {certificate.starts_at:%d %B %Y} "
            f"to {certificate.ends_at:%d %B %Y}."
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(
        width,
        6,
        f"Issued {certificate.issued_at:%d %B %Y}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    size = 45
    pdf.image(_qr_png(address), x=(pdf.w - size) / 2, y=170, w=size, h=size)
    pdf.set_y(220)
    pdf.cell(width, 6, "Check this letter at", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(width, 6, _latin1(address), align="C", link=address, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(
        width,
        6,
        f"Verification id: {certificate.verification_id}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def certificate_pdf_response(certificate: Certificate) -> HttpResponse:
    """The letter as a download (pages and the API)."""
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="letter-of-completion-{certificate.verification_id}.pdf"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
