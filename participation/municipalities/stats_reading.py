"""Reading the age tables the statistical offices publish (GENESIS-Online, Regionaldatenbank).

Both portals export "CSV" in two layouts:

- table: title lines, a header, the table, a line of underscores and a source line such as
  "(C) Statistisches Bundesamt (Destatis), 2024". Age groups are rows and reference dates
  columns (GENESIS), or reference dates are rows and age groups columns (Regionaldatenbank,
  often with a second header line). Semicolons, German numbers ("12.345"), ISO-8859-1.
- flat ("ffcsv"): one header line and one value per line, with the columns `Zeit` (the
  reference date), `..._Auspraegung_Label` (the age group) and the value column whose name
  ends in `__Anzahl` (or is `Wert`).

Cells may hold the offices' special signs instead of numbers: "-" (nothing, exactly zero),
"." (unknown or secret), "x" (not meaningful), "..." (not yet available), "/" (not reliable
enough). Only "-" is a number (0); the others are unknown, and a band that needs them is
refused later rather than guessed. Every problem is collected with its line number.
"""
import csv
import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from .csv_import import CsvImportError
from .stats_groups import AgeGroup, parse_age_group

UNKNOWN_SIGNS = {".", "x", "X", "...", "…", "/", "()"}
ZERO_SIGNS = {"-", "\u2013", "\u2014"}
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$|^(\d{4})$")
_NUMBER = re.compile(r"^\(?(\d{1,3}(?:\.\d{3})+|\d+)\)?\s*[a-zA-Z]?$")
_SOURCE = re.compile(r"^\s*(\(c\)|©|quelle\b|copyright|\(C\)opyright)", re.IGNORECASE)
_RULE = re.compile(r"^\s*_{3,}\s*;*\s*$")
TOTAL_LABELS = {"insgesamt", "gesamt", "zusammen", "total", "bevölkerung"}


@dataclass
class Cell:
    """One figure of the file: its age group, where it stood, its value or None if unknown."""

    group: AgeGroup
    line: int
    value: int | None
    sign: str = ""


@dataclass
class OfficialTable:
    title: str = ""
    source: str = ""
    layout: str = ""
    # reference date -> list of cells
    dates: dict[date, list[Cell]] = field(default_factory=dict)
    totals: dict[date, tuple[int, int | None]] = field(default_factory=dict)


def parse_date(raw: str) -> date | None:
    match = _DATE.match(raw.strip().removeprefix("Stichtag").strip())
    if not match:
        return None
    d, m, y, iy, im, iday, year = match.groups()
    try:
        if y:
            return date(int(y), int(m), int(d))
        if iy:
            return date(int(iy), int(im), int(iday))
        return date(int(year), 12, 31)  # a year alone: the offices' usual 31.12.
    except ValueError:
        return None


def parse_value(raw: str):
    """(number or None, sign, problem): the figure, an unknown sign, or what is wrong."""
    value = raw.strip().replace("\u00a0", "").replace(" ", "")
    if value in ZERO_SIGNS:
        return 0, value, None
    if value in UNKNOWN_SIGNS or value == "":
        return None, value or "", None
    match = _NUMBER.match(value)
    if not match:
        return None, "", _l("„%(value)s“ ist weder eine Zahl noch ein Zeichen der amtlichen "
                            "Statistik (-, ., x, /, ...).", value=raw.strip())
    return int(match.group(1).replace(".", "")), "", None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    lines = text.splitlines()
    delimiter = ";" if sum(line.count(";") for line in lines[:40]) else ","
    return [(n, [c.strip() for c in next(csv.reader([line], delimiter=delimiter))])
            for n, line in enumerate(lines, start=1) if line.strip()]


def is_flat(rows) -> bool:
    if not rows:
        return False
    header = [c.lower() for c in rows[0][1]]
    return "zeit" in header and any(c.endswith("_auspraegung_label") for c in header)


def read_official(text: str) -> OfficialTable:
    rows = _rows(text)
    if is_flat(rows):
        return _read_flat(rows)
    return _read_table(rows)


def _value_column(header: list[str]) -> int | None:
    lowered = [c.lower() for c in header]
    for index, name in enumerate(lowered):
        if name.endswith("__anzahl") or name == "wert":
            return index
    return None


def _read_flat(rows) -> OfficialTable:
    header = rows[0][1]
    lowered = [c.lower() for c in header]
    table = OfficialTable(layout="flat")
    problems = []
    value_at = _value_column(header)
    labels = [i for i, c in enumerate(lowered) if c.endswith("_auspraegung_label")]
    if value_at is None:
        raise CsvImportError([(rows[0][0], _l("Die Spalte mit den Werten („…__Anzahl“) fehlt."))])
    time_at = lowered.index("zeit")
    title_at = lowered.index("statistik_label") if "statistik_label" in lowered else None
    first_other = None
    for number, cells in rows[1:]:
        if len(cells) != len(header):
            problems.append((number, _l("Die Zeile hat %(n)s statt %(m)s Spalten.",
                                        n=len(cells), m=len(header))))
            continue
        when = parse_date(cells[time_at])
        if when is None:
            problems.append((number, _l("„%(value)s“ ist kein Stichtag.", value=cells[time_at])))
            continue
        if title_at is not None and not table.title:
            table.title = cells[title_at]
        # The age group is the one label that reads as an age. The others (region, sex)
        # must be the same on every line: a second region or a split by sex would be
        # counted twice.
        group, other = None, []
        for index in labels:
            parsed = parse_age_group(cells[index])
            if parsed is not None and group is None:
                group = parsed
            else:
                other.append(cells[index])
        if group is None:
            problems.append((number, _l("In dieser Zeile steht keine Altersgruppe.")))
            continue
        if first_other is None:
            first_other = other
        elif other != first_other:
            problems.append((number, _l("Die Zeile gilt für „%(what)s“, die Zeilen davor für "
                                        "„%(first)s“. Bitte exportieren Sie nur eine Kommune "
                                        "und „Insgesamt“.", what=", ".join(other),
                                        first=", ".join(first_other))))
            continue
        _add_cell(table, problems, when, group, number, cells[value_at])
    table.source = "; ".join(filter(None, [table.title, ", ".join(first_other or [])]))
    return _finish(table, problems)


def _add_cell(table, problems, when, group, number, raw):
    value, sign, problem = parse_value(raw)
    if problem:
        problems.append((number, problem))
        return
    if group.is_total:
        table.totals[when] = (number, value)
        return
    for cell in table.dates.get(when, []):
        if cell.group == group:
            problems.append((number, _l("Die Altersgruppe „%(g)s“ für %(d)s steht schon in "
                                        "Zeile %(line)s.", g=group.label, d=when.strftime("%d.%m.%Y"),
                                        line=cell.line)))
            return
    table.dates.setdefault(when, []).append(Cell(group, number, value, sign))


def _finish(table, problems) -> OfficialTable:
    if not table.dates and not problems:
        problems.append((None, _l("Die Datei enthält keine Altersgruppen mit Stichtag.")))
    if problems:
        raise CsvImportError(problems)
    return table


def _date_columns(cells) -> dict[int, date]:
    return {i: d for i, d in ((i, parse_date(c)) for i, c in enumerate(cells)) if d}


def _is_age(cell: str) -> bool:
    group = parse_age_group(cell)
    return group is not None and not group.is_total


def _read_table(rows) -> OfficialTable:
    table = OfficialTable(layout="table")
    problems = []
    titles, body, after_rule = [], [], False
    for number, cells in rows:
        joined = " ".join(c for c in cells if c)
        if _RULE.match(";".join(cells)) or set(joined) <= {"_"}:
            after_rule = True
            continue
        if _SOURCE.match(joined) or after_rule:
            if _SOURCE.match(joined) and not table.source:
                table.source = joined
            continue
        body.append((number, cells))
    # Header: a line with at least one reference date (dates as columns) or at least two age
    # groups (groups as columns, dates in the rows below).
    start = None
    for index, (number, cells) in enumerate(body):
        if _date_columns(cells[1:]) and not any(parse_age_group(c) for c in cells[:1] if c):
            start, layout = index, "dates_as_columns"
            break
        if sum(1 for c in cells if _is_age(c)) >= 2:
            start, layout = index, "groups_as_columns"
            break
        titles.append(" ".join(c for c in cells if c))
    table.title = " – ".join(t for t in titles[:2] if t)
    if start is None:
        raise CsvImportError([(None, _l("In der Datei steht keine Tabelle mit Altersgruppen und "
                                        "Stichtagen."))])
    header_number, header = body[start]
    if layout == "dates_as_columns":
        columns = _date_columns(header)
        for number, cells in body[start + 1:]:
            group = parse_age_group(cells[0]) if cells else None
            if group is None:
                problems.append((number, _l("„%(value)s“ ist keine Altersgruppe.",
                                            value=cells[0] if cells else "")))
                continue
            for index, when in columns.items():
                raw = cells[index] if index < len(cells) else ""
                _add_cell(table, problems, when, group, number, raw)
    else:
        groups = {i: g for i, g in ((i, parse_age_group(c)) for i, c in enumerate(header)) if g}
        for number, cells in body[start + 1:]:
            when = next((d for d in (parse_date(c) for c in cells[:3]) if d), None)
            if when is None:
                if number == header_number + 1 or not any(parse_value(c)[0] for c in cells):
                    continue  # a second header line (units, "Anzahl")
                problems.append((number, _l("In dieser Zeile steht kein Stichtag.")))
                continue
            for index, group in groups.items():
                raw = cells[index] if index < len(cells) else ""
                _add_cell(table, problems, when, group, number, raw)
    return _finish(table, problems)
