"""Admin CSV exports that a spreadsheet opens as text, never as formulas.

Visitors type names and organisations; a cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return would be run as a formula (``=HYPERLINK(...)``) by Excel or LibreOffice.
OWASP's remedy: such a cell starts with a single quote. (Wagtail's XLSX export already forces
strings.)
"""

from wagtail.admin.views.generic import IndexView

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeIndexView(IndexView):
    def write_csv_row(self, writer, row_dict):
        cells = {
            field: self.preprocess_field_value(field, value, self.FORMAT_CSV)
            for field, value in row_dict.items()
        }
        return writer.writerow({field: neutralise_formula(cell) for field, cell in cells.items()})
