"""The gettext catalogues: compiled on start when stale, and the app's domain, which reads
the Leichte Sprache catalogue first for `ls`."""
import logging
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import has_request_context
from flask_babel import Domain

from .languages import EASY_LANGUAGE, page_language

log = logging.getLogger(__name__)


class AppDomain(Domain):
    """The default gettext domain; in Leichte Sprache it reads the easy catalogue first."""

    def __init__(self, directory: str):
        super().__init__(translation_directories=[directory], domain="messages")
        self.easy = Domain(translation_directories=[directory], domain="leichte_sprache")

    def get_translations(self):
        if has_request_context() and page_language() == EASY_LANGUAGE:
            return self.easy.get_translations()
        return super().get_translations()


def compile_catalogues(directory: str) -> list[str]:
    """Build each .mo that is missing or older than its .po (`make translations` does the
    same); so a fresh checkout, a test run or `python wsgi.py` never shows untranslated pages."""
    built = []
    for po_path in Path(directory).glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            handle, tmp = tempfile.mkstemp(dir=str(po_path.parent), suffix=".mo.tmp")
            with os.fdopen(handle, "wb") as mo_file:
                write_mo(mo_file, catalog)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; the server may run as another user
            os.replace(tmp, mo_path)  # atomic: parallel processes never read half a file
            built.append(str(mo_path))
        except OSError as error:  # a read-only installation: `make translations` built them
            log.warning("Cannot compile %s: %s", po_path, error)
    return built
