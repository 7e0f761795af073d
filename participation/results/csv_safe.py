"""CSV that a spreadsheet opens without running anything.

A cell beginning with =, +, -, @ (or a tab or carriage return, which some spreadsheet
programs skip before looking for a formula) is read as a formula by Excel and LibreOffice.
Such text cells get a leading apostrophe, which shows as text and is never evaluated.
Numbers are written as numbers: a negative count is not text typed by someone.
"""
import csv
import io

from ..text_input import clean_for_export

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, (int, float)):
        return value
    text = clean_for_export(str(value))  # no bidi override reorders a plan cell
    if text.startswith(DANGEROUS_STARTS):
        return "'" + text
    return text


def write_csv(header: list[str], rows: list[list]) -> str:
    """CSV text with a BOM (Excel then reads UTF-8 umlauts right) and ';' as separator,
    as German spreadsheet programs expect."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
