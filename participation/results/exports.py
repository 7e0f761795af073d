"""Exports of a session's results: CSV and JSON, with no participant identifiers.

Both are built only from `session_results` and `representation`, which carry idea ids,
texts and counts; participant ids, tokens, nicknames and client ids never reach them."""
import json

from flask_babel import format_decimal
from flask_babel import gettext as _

from ..age_bands import NO_ANSWER
from ..workshops.join_bands import BAND_LABELS
from .csv_safe import write_csv
from .services import CHANNEL_LABELS
from ..municipalities.band_scheme import band_order
from .tallies import BANDS, CHANNELS


def _band_header(band: str) -> str:
    """ "Punkte Altersgruppe 18 bis 29", not the code "18-29" or "none"."""
    if band == NO_ANSWER:
        return _("Punkte ohne Altersangabe")
    return _("Punkte Altersgruppe %(band)s", band=BAND_LABELS[band])


def _decimal(value) -> str:
    """In the reader's locale, so their spreadsheet reads a number: "0,84" in German."""
    return "" if value is None else format_decimal(value, "#,##0.00")


def results_csv(results: dict) -> str:
    header = [_("Phase"), _("Art"), _("Rang"), _("Text"), _("Gruppe"), _("Punkte"),
              _("Rang gewichtet"), _("Punkte gewichtet")]
    # The standard bands and every band a participant of this session answered in.
    bands = band_order({*BANDS, *(band for phase in results["phases"]
                                  for band in phase["by_age_band"])})
    header += [_band_header(band) for band in bands]
    header += [_("Punkte %(channel)s", channel=CHANNEL_LABELS[channel]) for channel in CHANNELS]
    rows = []
    for phase in results["phases"]:
        weighted_rank = {i["id"]: i["weighted_rank"] for i in phase["weighted_ideas"]}
        for idea in phase["ideas"]:
            rows.append(_row(phase["label"], _("Idee"), idea, idea["text"], idea["cluster_name"],
                             weighted_rank.get(idea["id"]), bands))
        for cluster in phase["clusters"]:
            rows.append(_row(phase["label"], _("Gruppe"), cluster, cluster["name"], "", None,
                             bands))
    return write_csv(header, rows)


def _row(phase_label, kind, item, text, cluster_name, weighted_rank, bands):
    row = [phase_label, kind, item["dots_rank"], text, cluster_name, item["dots"],
           weighted_rank if weighted_rank is not None else "",
           _decimal(item.get("weighted"))]
    row += [item["by_age_band"].get(band, 0) for band in bands]
    row += [item["by_channel"].get(channel, 0) for channel in CHANNELS]
    return row


def results_json(results: dict, who: dict) -> str:
    payload = {"results": results, "representation": who}
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)
