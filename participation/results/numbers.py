"""Numbers as the reader writes them: "9,3" on a German page, "9.3" on an English one.

Used by the results pages (a Jinja filter) and by the CSV export, whose cells a spreadsheet
in the reader's locale must read as numbers."""
from flask_babel import format_decimal

ONE_DECIMAL = "#,##0.0"
TWO_DECIMALS = "#,##0.00"


def decimal(value, pattern: str = ONE_DECIMAL) -> str:
    """A fractional number in the current locale ("" for None)."""
    if value is None:
        return ""
    return format_decimal(value, format=pattern)


def init_app(app) -> None:
    app.add_template_filter(decimal, "decimal")
