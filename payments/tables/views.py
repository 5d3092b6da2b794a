"""Staff page of the stipend table: its versions, and importing a new one from CSV with a
preview (every bad line listed; nothing written until staff import a clean file)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.tenancy import staff_view
from core.forms import apply_errors
from payments.tables.forms import TableImportForm
from payments.tables.selectors import tables_list
from payments.tables.services import table_import


@staff_view
def staff_tables(request):
    form = TableImportForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        commit = "import" in request.POST
        try:
            table, rows, errors = table_import(
                actor=request.user,
                name=data["name"],
                effective_from=data["effective_from"],
                currency=data["currency"],
                floor_amount=data["floor_amount"],
                csv_text=data["csv"],
                commit=commit,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if table is not None:
                messages.success(request, f"{table} is imported with {len(rows)} rows.")
                return redirect("payments:staff-tables")
            preview = {"rows": rows, "errors": errors}
    return render(
        request,
        "payments/staff_tables.html",
        {"form": form, "preview": preview, "tables": tables_list()},
    )
