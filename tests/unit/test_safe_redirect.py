"""The one redirect check (participation/safe_redirect.py) on the inputs that lead off the
site; every route taking `next` uses it (login, display switch, erase)."""
import pytest

from participation.safe_redirect import safe_next

DANGEROUS = [
    "//evil.example",              # protocol-relative: another host
    "//evil.example/path",
    "/\\evil.example",             # browsers read a backslash as a slash
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",            # browsers drop tab, CR and LF inside a URL
    "/\n/evil.example",
    "/\r\n/x",
    " /x",
    "evil.example",                # relative to the current page, not a site path
    "",
    None,
    "/" + "a" * 2001,
]


@pytest.mark.parametrize("target", DANGEROUS)
def test_a_target_off_the_site_gives_the_fallback(target):
    assert safe_next(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", ["/", "/m/3/plan?tab=2#x", "/j/K7PM3Q", "/r/K7PM3Q?lang=tr"])
def test_a_path_on_the_site_is_kept(target):
    assert safe_next(target, "/fallback") == target


def test_the_routes_share_the_one_check():
    """No route keeps its own copy of the check."""
    import participation.accounts.routes as accounts_routes
    import participation.i18n.prefs as prefs
    import participation.privacy.routes as privacy_routes
    for module in (accounts_routes, privacy_routes, prefs):
        assert module.safe_next is safe_next
