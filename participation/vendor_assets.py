"""The browser libraries the pages need, served by the app itself from static/vendor/.

`make assets` copies them there from node_modules (npm). A server started as
`python wsgi.py` without `make` (as a systemd unit does) checks at start: it copies what npm
has installed, and says loudly what is still missing, since without socket.io.min.js no
live page ever connects.
"""
import os
import shutil
import sys

VENDOR_FILES = {
    # served file -> where `npm install` puts it
    "socket.io.min.js": "node_modules/socket.io-client/dist/socket.io.min.js",
    "axe.min.js": "node_modules/axe-core/axe.min.js",
}


def check_vendor_assets(root: str, stream=None) -> list[str]:
    """The pages go live only with static/vendor/socket.io.min.js, which `make assets`
    copies from node_modules. A server started without `make` copies it itself when npm
    has installed it, else says loudly what is missing. Returns what is still missing."""
    missing = []
    for name, source in VENDOR_FILES.items():
        target = os.path.join(root, "static", "vendor", name)
        if os.path.exists(target):
            continue
        source = os.path.join(root, source)
        if os.path.exists(source):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
            continue
        missing.append(name)
    if "socket.io.min.js" in missing:
        print("\n*** static/vendor/socket.io.min.js is missing: the live pages cannot connect. ***\n"
              "*** Run `make install` (or `npm install && make assets`) in "
              f"{root}, then restart. ***\n", file=stream or sys.stderr, flush=True)
    return missing
