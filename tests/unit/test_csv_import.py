"""The age-structure CSV: every documented variant is read, every problem names its line."""
import pytest

from participation.municipalities.csv_import import MAX_CSV_BYTES, CsvImportError, parse_age_structure

GOOD = {"0-17": 1980, "18-29": 1490, "30-49": 2860, "50-64": 2970, "65-79": 2110, "80+": 990}


def csv(header="altersgruppe;einwohner", rows=None, sep=";", newline="\n") -> bytes:
    rows = rows if rows is not None else [f"{b}{sep}{c}" for b, c in GOOD.items()]
    return newline.join([header, *rows]).encode("utf-8")


def problems(data: bytes) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        parse_age_structure(data)
    return caught.value.lines()


def test_semicolon_file_with_german_header():
    assert parse_age_structure(csv()) == GOOD


def test_comma_file_with_english_header_crlf_and_bom():
    data = b"\xef\xbb\xbf" + csv("age_band,population", sep=",", newline="\r\n")
    assert parse_age_structure(data) == GOOD


def test_blank_lines_quotes_spaces_and_thousands_separators_are_accepted():
    rows = ['"0-17";"1.980"', " 18 - 29 ; 1490 ", "", "30-49;2 860", "50-64;2970",
            "65–79;2110", "80+;990", ""]
    assert parse_age_structure(csv("Altersgruppe;Einwohner", rows)) == GOOD


def test_unknown_band_names_the_line():
    rows = [f"{b};{c}" for b, c in GOOD.items()] + ["90+;12"]
    [line] = problems(csv(rows=rows))
    assert line.startswith("Zeile 8:") and "„90+“ gibt es nicht" in line


@pytest.mark.parametrize("value, words", [("-5", "nicht negativ"), ("viele", "keine ganze Zahl"),
                                          ("12,5", "keine ganze Zahl"), ("", "fehlt"),
                                          ("99999999999", "unplausibel")])
def test_bad_number_names_the_line(value, words):
    rows = [f"{b};{c}" for b, c in GOOD.items()]
    rows[2] = f"30-49;{value}" if "," not in value else f'30-49;"{value}"'
    [line] = problems(csv(rows=rows))
    assert line.startswith("Zeile 4:") and words in line


def test_duplicate_band_names_both_lines():
    rows = [f"{b};{c}" for b, c in GOOD.items()] + ["0-17;5"]
    [line] = problems(csv(rows=rows))
    assert line.startswith("Zeile 8:") and "steht schon in Zeile 2" in line


def test_missing_band_is_named():
    rows = [f"{b};{c}" for b, c in GOOD.items() if b != "80+"]
    [line] = problems(csv(rows=rows))
    assert "Es fehlen Altersgruppen: 80+" in line


def test_wrong_number_of_fields():
    rows = [f"{b};{c}" for b, c in GOOD.items()]
    rows[0] = "0-17;1980;extra"
    [line] = problems(csv(rows=rows))
    assert line.startswith("Zeile 2:") and "genau zwei Werte" in line


def test_every_bad_line_is_listed_at_once():
    rows = [f"{b};{c}" for b, c in GOOD.items()]
    rows[1], rows[4] = "18-29;x", "65-79;-1"
    lines = problems(csv(rows=rows))
    assert [line.split(":")[0] for line in lines] == ["Zeile 3", "Zeile 6"]


def test_missing_or_wrong_header():
    [line] = problems(csv(header="band;count"))
    assert line.startswith("Zeile 1:") and "Kopfzeile" in line


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n \n\r\n"])
def test_empty_file(data):
    assert problems(data) == ["Die Datei ist leer."]


def test_not_utf8_names_the_line():
    data = "altersgruppe;einwohner\n0-17;1980\nä;1\n".encode("latin-1")
    [line] = problems(data)
    assert line.startswith("Zeile 3:") and "UTF-8" in line


def test_oversized_file():
    data = csv() + b"\n" + b" " * MAX_CSV_BYTES
    [line] = problems(data)
    assert "zu groß" in line
