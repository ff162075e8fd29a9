"""A throwaway redis-server for the tests, started the way `make serve` starts its own
(scripts/serve_stack.py: a unix socket in a temporary folder, nothing on disk)."""

import contextlib
import importlib.util
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def serve_stack():
    spec = importlib.util.spec_from_file_location("serve_stack", ROOT / "scripts" / "serve_stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def running_redis():
    """Yields the REDIS_URL of a fresh redis-server; stops it and removes its folder."""
    stack = serve_stack()
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed: run `make redis` (Debian's redis-server)")
    folder = tempfile.mkdtemp(prefix="shared-store-")
    process, url = stack.start_redis(folder)
    try:
        yield url
    finally:
        stack.stop(process, signal.SIGTERM, 5)
        shutil.rmtree(folder, ignore_errors=True)
