"""How the tests, benchmarks and scripts start Chromium: Debian's build (or $CHROMIUM),
headless, driven by Playwright, and with no internet.

No internet: every host name but the loopback ones resolves to "not found" at once, as on a
machine without a network. The pages under test fetch a few things from CDNs (Voila's lab
template links Font Awesome and MathJax from cdn.jsdelivr.net and cdnjs); on a network that
drops such connections instead of refusing them, the page would wait for the browser's
connect timeout before it renders, and a test would time out for a reason that is not ours.
Every page must work without them, and the browser tests show that it does.
"""

import os

ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def path():
    """The Chromium executable: $CHROMIUM, or Debian's /usr/bin/chromium."""
    return os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def launch(playwright):
    """A headless Chromium started by ``playwright`` (a sync_playwright() instance)."""
    return playwright.chromium.launch(executable_path=path(), headless=True, args=ARGS)
