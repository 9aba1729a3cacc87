"""How the tests, benchmarks and scripts start Chromium: Debian's build (or $CHROMIUM),
headless, driven by Playwright, and with no internet.

No internet: every host name but the loopback ones resolves to "not found" at once, as on a
machine without a network. And every request a page makes is recorded (``launch`` returns a
``RecordingBrowser``): no page of the course may ask for anything outside this machine (a CDN
that a classroom's firewall drops would hold it blank), and the browser tests fail on any
request to a host that is not loopback (``outside``).
"""

import os
from urllib.parse import urlsplit

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
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about", "file"}  # never leave the machine


def outside(url):
    """Whether a request for ``url`` would leave this machine."""
    parts = urlsplit(url)
    return parts.scheme not in LOCAL_SCHEMES and parts.hostname not in LOOPBACK


class RecordingBrowser:
    """Playwright's Browser, recording the URL of every request of every page opened with it
    (``requests``, in order); anything else is the Browser's own."""

    def __init__(self, browser):
        self.browser = browser
        self.requests = []

    def _record(self, context):
        context.on("request", lambda request: self.requests.append(request.url))
        return context

    def new_context(self, **options):
        return self._record(self.browser.new_context(**options))

    def new_page(self, **options):
        page = self.browser.new_page(**options)  # about:blank: nothing requested yet
        self._record(page.context)
        return page

    def outside_requests(self, since=0):
        """The recorded URLs (from the ``since``-th on) that would leave this machine."""
        return [url for url in self.requests[since:] if outside(url)]

    def __getattr__(self, name):
        return getattr(self.browser, name)


def path():
    """The Chromium executable: $CHROMIUM, or Debian's /usr/bin/chromium."""
    return os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def launch(playwright):
    """A headless Chromium started by ``playwright`` (a sync_playwright() instance), recording
    every request its pages make."""
    return RecordingBrowser(
        playwright.chromium.launch(executable_path=path(), headless=True, args=ARGS))
