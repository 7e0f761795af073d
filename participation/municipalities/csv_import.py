"""Reading the age structure of a Kommunalprofil from a CSV file.

The format (documented in the README, section "Kommunalprofil CSV format"):

    altersgruppe;einwohner        or        age_band,population
    0-17;1980                               0-17,1980
    ...                                     ...

Every problem is collected with its line number, and nothing is imported unless the whole
file is right: a half-imported age structure would be worse than none.
"""
import csv
import re

from flask_babel import lazy_gettext as _l

from ..age_bands import AGE_BANDS
from ..errors import ValidationError

MAX_CSV_BYTES = 64 * 1024
MAX_COUNT = 10_000_000
MAX_PROBLEMS_SHOWN = 20
BAND_COLUMNS = {"altersgruppe", "age_band"}
COUNT_COLUMNS = {"einwohner", "population"}
# "1980", "12 400" or "12.400" (German thousands separator); never a decimal number.
_INTEGER = re.compile(r"^-?\d{1,3}(?:[. \u00a0\u202f]\d{3})+$|^-?\d+$")


class CsvImportError(ValidationError):
    """The file cannot be imported; `problems` lists (line number or None, message)."""

    code = "csv_invalid"
    default_message = _l("Die Datei wurde nicht importiert. Bitte korrigieren Sie diese Stellen:")

    def __init__(self, problems: list[tuple[int | None, object]]):
        super().__init__()
        self.problems = problems

    def lines(self) -> list[str]:
        shown = [_format(line, message) for line, message in self.problems[:MAX_PROBLEMS_SHOWN]]
        hidden = len(self.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            shown.append(str(_l("… und %(n)s weitere Fehler.", n=hidden)))
        return shown


def _format(line: int | None, message) -> str:
    if line is None:
        return str(message)
    return str(_l("Zeile %(line)s: %(message)s", line=line, message=message))


def _normalise_band(raw: str) -> str:
    return re.sub(r"\s+", "", raw).replace("\u2013", "-").replace("\u2212", "-")


def _decode(data: bytes) -> str:
    if len(data) > MAX_CSV_BYTES:
        raise CsvImportError([(None, _l("Die Datei ist zu groß (höchstens %(kb)s KB).",
                                        kb=MAX_CSV_BYTES // 1024))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise CsvImportError([(line, _l("Die Datei ist nicht in UTF-8 kodiert. Bitte speichern "
                                        "Sie sie als „CSV UTF-8“."))]) from error


def _parse_count(raw: str):
    """The number, or a translated message saying what is wrong with it."""
    value = raw.strip()
    if not value:
        return None, _l("Die Einwohnerzahl fehlt.")
    if not _INTEGER.match(value):
        return None, _l("„%(value)s“ ist keine ganze Zahl.", value=value)
    number = int(re.sub(r"[. \u00a0\u202f]", "", value))
    if number < 0:
        return None, _l("Die Einwohnerzahl darf nicht negativ sein (%(value)s).", value=value)
    if number > MAX_COUNT:
        return None, _l("Die Einwohnerzahl %(value)s ist unplausibel groß.", value=value)
    return number, None


def _header_problem(fields: list[str]):
    names = [f.strip().lower() for f in fields]
    if len(names) == 2 and names[0] in BAND_COLUMNS and names[1] in COUNT_COLUMNS:
        return None
    return _l("Die Kopfzeile muss „altersgruppe;einwohner“ oder „age_band,population“ lauten.")


def parse_age_structure(data: bytes, bands=AGE_BANDS) -> dict[str, int]:
    """Population per age band from the CSV bytes; raises CsvImportError listing every problem."""
    text = _decode(data)
    lines = text.splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise CsvImportError([(None, _l("Die Datei ist leer."))])
    header_line, header = numbered[0]
    delimiter = ";" if ";" in header else ","
    problems: list[tuple[int | None, object]] = []
    header_fields = next(csv.reader([header], delimiter=delimiter))
    problem = _header_problem(header_fields)
    if problem:
        problems.append((header_line, problem))
    counts: dict[str, int] = {}
    seen_on: dict[str, int] = {}
    for number, line in numbered[1:]:
        fields = next(csv.reader([line], delimiter=delimiter))
        if len(fields) != 2:
            problems.append((number, _l("Erwartet werden genau zwei Werte (Altersgruppe und "
                                        "Einwohnerzahl), getrennt durch „%(d)s“.", d=delimiter)))
            band = _normalise_band(fields[0]) if fields else ""
            if band in bands:
                seen_on.setdefault(band, number)  # reported here, not again as "missing"
            continue
        band = _normalise_band(fields[0])
        count, count_problem = _parse_count(fields[1])
        if band not in bands:
            problems.append((number, _l("Die Altersgruppe „%(band)s“ gibt es nicht. Erlaubt sind: "
                                        "%(bands)s.", band=fields[0].strip(),
                                        bands=", ".join(bands))))
        elif band in seen_on:
            problems.append((number, _l("Die Altersgruppe „%(band)s“ steht schon in Zeile "
                                        "%(line)s.", band=band, line=seen_on[band])))
        if count_problem:
            problems.append((number, count_problem))
        if band in bands and band not in seen_on:
            seen_on[band] = number
            if count is not None:
                counts[band] = count
    missing = [band for band in bands if band not in seen_on]
    if missing and not problem:
        problems.append((None, _l("Es fehlen Altersgruppen: %(bands)s.", bands=", ".join(missing))))
    if problems:
        raise CsvImportError(problems)
    return counts
