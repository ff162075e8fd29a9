"""Browser tests: the site served on a free local port, driven by Debian's Chromium.

Playwright's own browser download does not work here, so pytest-playwright's
fixtures (`browser`, `context`, `page`, `new_context`) are pointed at
/usr/bin/chromium through `browser_type_launch_args`. Every test in this folder
is marked `browser`: `pytest -m "not browser"` skips them.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from browser_helpers import DESKTOP, PHONE

from tests.support.live_server import LiveServer
from webapp.config import TestingConfig

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]



class BrowserConfig(TestingConfig):
    """The test configuration with real CSRF protection, as a browser meets it."""

    WTF_CSRF_ENABLED = True


class ShortExpiryConfig(BrowserConfig):
    """Answers expire after 8 seconds without activity; the warning comes 5 seconds before."""

    GUIDE_IDLE_TIMEOUT = timedelta(seconds=8)
    GUIDE_IDLE_WARNING = timedelta(seconds=5)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: runs in a real browser (Chromium via Playwright); slower")


@pytest.fixture(scope="session")
def live_server():
    with LiveServer(BrowserConfig) as server:
        yield server


@pytest.fixture(scope="session")
def short_expiry_server():
    with LiveServer(ShortExpiryConfig) as server:
        yield server


@pytest.fixture(scope="session")
def base_url(live_server):
    """pytest-playwright gives every context this base URL, so `page.goto("/da/")` works."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def phone_page(new_context):
    """375×667, touch, as on a small phone."""
    return new_context(**PHONE).new_page()


@pytest.fixture
def desktop_page(new_context):
    """1280×800, mouse and keyboard."""
    return new_context(**DESKTOP).new_page()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot as test-artifacts/screenshots/<name>.png (ignored by git)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        if not page.evaluate("matchMedia('(pointer: coarse)').matches"):
            page.screenshot(path=str(path), full_page=True, animations="disabled")
            return path
        # A full-page capture drops the touch emulation for a moment (a phone would show
        # what only a mouse gets): the screen is made as tall as the page instead.
        screen = page.viewport_size
        page.set_viewport_size({**screen, "height": page.evaluate("document.documentElement.scrollHeight")})
        page.screenshot(path=str(path), animations="disabled")
        page.set_viewport_size(screen)
        return path

    return take
