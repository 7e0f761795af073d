"""Age tables as GENESIS-Online and the Regionaldatenbank export them: table and flat layout,
ISO-8859-1, title and source lines, German numbers and the offices' special signs."""
from datetime import date

import pytest

from participation.municipalities.csv_import import CsvImportError
from participation.municipalities.stats_groups import parse_age_group
from participation.municipalities.stats_import import import_statistics

# Groups of a GENESIS table that reaches 85+ (single ages are added by some tables as well).
GROUPS = ["unter 3 Jahre", "3 bis unter 6 Jahre", "6 bis unter 10 Jahre", "10 bis unter 15 Jahre",
          "15 bis unter 18 Jahre", "18 bis unter 20 Jahre", "20 bis unter 25 Jahre",
          "25 bis unter 30 Jahre", "30 bis unter 40 Jahre", "40 bis unter 50 Jahre",
          "50 bis unter 65 Jahre", "65 bis unter 75 Jahre", "75 bis unter 80 Jahre",
          "80 bis unter 85 Jahre", "85 Jahre und mehr"]
# The Regionaldatenbank's table 12411-02-03-4, "Altersgruppen (17)": it ends at "75 und mehr".
GROUPS_17 = ["unter 3 Jahre", "3 bis unter 6 Jahre", "6 bis unter 10 Jahre",
             "10 bis unter 15 Jahre", "15 bis unter 18 Jahre", "18 bis unter 20 Jahre",
             "20 bis unter 25 Jahre", "25 bis unter 30 Jahre", "30 bis unter 35 Jahre",
             "35 bis unter 40 Jahre", "40 bis unter 45 Jahre", "45 bis unter 50 Jahre",
             "50 bis unter 55 Jahre", "55 bis unter 60 Jahre", "60 bis unter 65 Jahre",
             "65 bis unter 75 Jahre", "75 Jahre und mehr"]


def genesis_table_latin1() -> bytes:
    """GENESIS-Online "Tabelle" export: title lines, dates as columns, a rule, the source."""
    values_2022 = ["312", "298", "401", "523", "1.204", "-", "611", "702", "1.380", "1.455",
                   "2.970", "1.260", "850", "604", "386"]
    values_2023 = ["305", "301", "399", "530", "1.190", "12", "598", "715", "1.371", "1.470",
                   "2.990", "1.271", "839", "611", "402"]
    lines = ["12411-0018: Bevölkerung: Gemeinden, Stichtag, Altersgruppen",
             "Fortschreibung des Bevölkerungsstandes",
             "Bevölkerungsstand (Anzahl)", "Gemeinde Heimstadt (Kreis Süd)",
             ";31.12.2022;31.12.2023"]
    lines += [f"{g};{a};{b}" for g, a, b in zip(GROUPS, values_2022, values_2023)]
    lines += ["Insgesamt;.;13.004",  # the 2022 total kept secret: "."
              "__________",
              "Gebietsstand: 31.12.2023",
              "(C)opyright Statistisches Bundesamt (Destatis), 2024 | Stand: 14.06.2024 / 10:12:31",
              "Zeichenerklärung: - = nichts vorhanden; . = Zahlenwert unbekannt oder geheim zu "
              "halten; x = Tabellenfach gesperrt"]
    return "\r\n".join(lines).encode("iso-8859-1")


def test_genesis_table_in_iso_8859_1_with_title_source_and_signs():
    imported = import_statistics(genesis_table_latin1())
    assert imported.encoding == "iso-8859-1"
    assert imported.layout == "table"
    assert imported.source.startswith("(C)opyright Statistisches Bundesamt (Destatis), 2024")
    assert "Bevölkerung: Gemeinden" in imported.title  # ISO-8859-1 umlauts read right
    assert sorted(imported.series) == [date(2022, 12, 31), date(2023, 12, 31)]
    y2022 = imported.series[date(2022, 12, 31)]
    # 0-17 = 312+298+401+523+1204; 18-29 = "-" (0) + 611 + 702; 80+ = 604 + 386
    assert y2022 == {"0-17": 2738, "18-29": 1313, "30-49": 2835, "50-64": 2970,
                     "65-79": 2110, "80+": 990}
    assert imported.series[date(2023, 12, 31)]["18-29"] == 12 + 598 + 715
    assert sum(imported.series[date(2023, 12, 31)].values()) == 13004  # checked against total


def flat_file(years=(2020, 2021, 2022), groups=GROUPS, rows_extra=()) -> bytes:
    """GENESIS-Online "Flatfile CSV" (ffcsv): one figure per line, UTF-8."""
    header = ("Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;"
              "1_Merkmal_Label;1_Auspraegung_Code;1_Auspraegung_Label;2_Merkmal_Code;"
              "2_Merkmal_Label;2_Auspraegung_Code;2_Auspraegung_Label;"
              "BEVSTD__Bevoelkerungsstand__Anzahl")
    lines = [header]
    for offset, year in enumerate(years):
        for index, group in enumerate(groups):
            value = 100 * (index + 1) + offset * 10
            lines.append(f"12411;Fortschreibung des Bevölkerungsstandes;STAG;Stichtag;31.12.{year};"
                         f"GEMEIN;Gemeinden;06432001;Heimstadt;ALTX20;Altersgruppen;"
                         f"ALT{index:03d};{group};{value}")
    lines.extend(rows_extra)
    return "\n".join(lines).encode("utf-8")


def test_flat_file_with_several_years():
    imported = import_statistics(flat_file())
    assert imported.layout == "flat"
    assert [d.year for d in sorted(imported.series)] == [2020, 2021, 2022]
    first, last = imported.series[date(2020, 12, 31)], imported.series[date(2022, 12, 31)]
    assert first["0-17"] == 100 + 200 + 300 + 400 + 500
    assert last["0-17"] == first["0-17"] + 5 * 20
    assert first["80+"] == 1400 + 1500
    assert "Heimstadt" in imported.source
    assert imported.latest == last


def test_regional_table_ending_at_75_refuses_80_plus_and_says_why():
    lines = ["12411-02-03-4: Bevölkerung nach Geschlecht und Altersgruppen (17) - Stichtag "
             "31.12. - regionale Tiefe: Gemeinden", "Fortschreibung des Bevölkerungsstandes",
             "Stichtag;Schlüssel;Gemeinde;" + ";".join(GROUPS_17),
             "31.12.2023;06432001;Heimstadt;" + ";".join(str(100 + i) for i in range(17)),
             "__________", "(C) Statistische Ämter des Bundes und der Länder, 2024"]
    with pytest.raises(CsvImportError) as caught:
        import_statistics("\n".join(lines).encode("iso-8859-1"))
    text = " ".join(caught.value.lines())
    assert "Stichtag 31.12.2023" in text
    assert "„65-79“ lässt sich nicht genau bilden" in text
    assert "die Gruppe „75 Jahre und mehr“ (Zeile 4) reicht über die Grenze" in text
    assert "„80+“ lässt sich nicht genau bilden" in text


def test_a_secret_group_needed_for_a_band_is_refused_with_its_line():
    data = genesis_table_latin1().replace(b"80 bis unter 85 Jahre;604", b"80 bis unter 85 Jahre;.")
    with pytest.raises(CsvImportError) as caught:
        import_statistics(data)
    [line] = caught.value.lines()
    assert "Stichtag 31.12.2022" in line and "„80+“" in line
    assert "„80 bis unter 85 Jahre“ (Zeile 19)" in line and "„.“" in line


def test_a_bad_number_and_a_second_region_are_named_by_line():
    extra = ["12411;Fortschreibung;STAG;Stichtag;31.12.2022;GEMEIN;Gemeinden;06432002;Anderdorf;"
             "ALTX20;Altersgruppen;ALT000;unter 3 Jahre;55"]
    data = flat_file(years=(2022,), rows_extra=extra).replace(b";300\n", b";3,5\n")
    with pytest.raises(CsvImportError) as caught:
        import_statistics(data)
    lines = caught.value.lines()
    assert lines[0].startswith("Zeile 4:") and "„3,5“ ist weder eine Zahl" in lines[0]
    assert lines[1].startswith("Zeile 17:") and "Anderdorf" in lines[1]


def test_the_apps_own_two_column_file_still_imports():
    data = "altersgruppe;einwohner\n0-17;1980\n18-29;1490\n30-49;2860\n50-64;2970\n65-79;2110\n80+;990"
    imported = import_statistics(data.encode())
    assert imported.series == {None: {"0-17": 1980, "18-29": 1490, "30-49": 2860, "50-64": 2970,
                                      "65-79": 2110, "80+": 990}}


@pytest.mark.parametrize("label, bounds", [
    ("unter 3 Jahre", (0, 2)), ("3 bis unter 6 Jahre", (3, 5)), ("75 Jahre und mehr", (75, None)),
    ("unter 1 Jahr", (0, 0)), ("45-Jährige", (45, 45)), ("65 bis 74 Jahre", (65, 74)),
    ("80+", (80, None)), ("0-17", (0, 17)), ("90 Jahre und älter", (90, None))])
def test_office_group_names(label, bounds):
    group = parse_age_group(label)
    assert (group.low, group.high) == bounds


def test_not_an_age_group():
    assert parse_age_group("männlich") is None
