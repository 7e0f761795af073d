"""One entry point for every age-table file: the app's own two-column CSV or an office export.

Returns the population per band for one or several reference dates, with the source line.
The whole file or nothing: any problem (a line that cannot be read, a band that cannot be
derived for some date) raises CsvImportError naming every problem with its line.
"""
import codecs
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from ..age_bands import AGE_BANDS
from .csv_import import MAX_CSV_BYTES, BAND_COLUMNS, CsvImportError, parse_age_structure
from .stats_groups import derive_band
from .stats_reading import parse_date, read_official

MAX_STATS_BYTES = 512 * 1024  # office exports of a few hundred groups and dates
OWN_FORMAT = "own"


@dataclass
class ImportedStatistics:
    series: dict[date | None, dict[str, int]] = field(default_factory=dict)
    source: str = ""
    title: str = ""
    layout: str = OWN_FORMAT
    encoding: str = "utf-8"
    # The file's own groups per reference date (office tables only), kept for later bands.
    cells: dict[date, list] = field(default_factory=dict)

    @property
    def latest(self) -> dict[str, int]:
        dated = [d for d in self.series if d is not None]
        return self.series[max(dated)] if dated else self.series[None]


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding found: UTF-8 (with or without BOM), UTF-16 with BOM, else
    Windows-1252/ISO-8859-1, in which GENESIS and many Land offices still export."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "iso-8859-1"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "iso-8859-1"


def _is_own_format(text: str) -> bool:
    """The two-column file; "altersgruppe;2030;2040" (years as columns) is a table."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    fields = [f.strip().strip('"') for f in first.replace(",", ";").split(";")]
    return fields[0].lower() in BAND_COLUMNS and not any(parse_date(f) for f in fields[1:])


def import_statistics(data: bytes, bands=AGE_BANDS) -> ImportedStatistics:
    if len(data) > MAX_STATS_BYTES:
        raise CsvImportError([(None, _l("Die Datei ist zu groß (höchstens %(kb)s KB).",
                                        kb=MAX_STATS_BYTES // 1024))])
    text, encoding = decode(data)
    if not text.strip():
        raise CsvImportError([(None, _l("Die Datei ist leer."))])
    if _is_own_format(text):
        if len(data) > MAX_CSV_BYTES:
            raise CsvImportError([(None, _l("Die Datei ist zu groß (höchstens %(kb)s KB).",
                                            kb=MAX_CSV_BYTES // 1024))])
        counts = parse_age_structure(text.encode("utf-8"), bands)
        return ImportedStatistics(series={None: counts}, encoding=encoding)
    table = read_official(text)
    result = ImportedStatistics(source=table.source, title=table.title, layout=table.layout,
                                encoding=encoding)
    problems = []
    for when in sorted(table.dates):
        cells = table.dates[when]
        day = when.strftime("%d.%m.%Y")
        counts = {}
        for band in bands:
            count, reason = derive_band(cells, band)
            if reason is not None:
                problems.append((None, _l("Stichtag %(d)s: %(reason)s", d=day, reason=reason)))
            else:
                counts[band] = count
        total_line, total = table.totals.get(when, (None, None))
        if total is not None and len(counts) == len(bands) and sum(counts.values()) != total:
            problems.append((total_line, _l(
                "Stichtag %(d)s: die Altersgruppen ergeben %(sum)s, die Zeile „Insgesamt“ "
                "nennt %(total)s. Die Gruppen überschneiden sich oder es fehlen welche.",
                d=day, sum=sum(counts.values()), total=total)))
        result.series[when] = counts
        result.cells[when] = [c for c in cells if not c.group.is_total]
    if problems:
        raise CsvImportError(problems)
    return result
