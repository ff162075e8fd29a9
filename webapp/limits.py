"""The feedback limit, per client address and shared by every process and copy:
Flask-Limiter, with its counters in the shared store's Redis (webapp/store.py), or in
this process's memory without REDIS_URL. Each limit is a decorator on a view
(webapp/feedback/views.py); the limit is set by FEEDBACK_RATE_LIMIT."""

import ipaddress
from functools import lru_cache

from flask import current_app, request
from flask_limiter import Limiter

from .store import shared


def _limiter_storage(url):
    """Flask-Limiter's storage URI for REDIS_URL (it names a unix socket redis+unix://)."""
    if not url:
        return "memory://"
    return "redis+unix://" + url.removeprefix("unix://") if url.startswith("unix://") else url


@lru_cache(maxsize=4)
def _trusted_networks(setting):
    """TRUSTED_PROXIES: addresses or networks, comma-separated; `unix` for a unix socket."""
    words = [word.strip() for word in (setting or "").split(",") if word.strip()]
    return "unix" in words, tuple(ipaddress.ip_network(w, strict=False) for w in words if w != "unix")


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address():
    """The client's address, for the limits only (never written anywhere). The
    X-Real-IP (or the last X-Forwarded-For) header is believed only from a proxy in
    TRUSTED_PROXIES: the proxy sets it; from anyone else it is ignored."""
    peer = request.remote_addr or ""
    unix, networks = _trusted_networks(current_app.config.get("TRUSTED_PROXIES"))
    peer_address = _address(peer) if peer else None
    trusted = (unix and not peer) or (
        peer_address is not None and any(ipaddress.ip_address(peer_address) in n for n in networks))
    if trusted:
        forwarded = request.headers.get("X-Real-IP") or request.headers.get(
            "X-Forwarded-For", "").rsplit(",", 1)[-1]
        told = _address(forwarded)
        if told:
            return told
    return peer_address or peer or "unix"


limiter = Limiter(key_func=client_address, default_limits=[])


def init_app(app):
    """After the shared store (webapp/store.py), whose Redis connections it uses."""
    url = app.config.get("REDIS_URL")
    _trusted_networks(app.config.get("TRUSTED_PROXIES"))  # a bad setting fails at start
    app.config["RATELIMIT_STORAGE_URI"] = _limiter_storage(url)
    if url:
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {"connection_pool": shared(app).pool}
    # Redis not answering: count in each process's memory until it answers again.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter.init_app(app)
    _without_limiter_hooks(app)


def _without_limiter_hooks(app):
    """Every limit here is a decorator on a feedback view, which checks it itself. The
    hooks Flask-Limiter adds to every request look for default, application and
    blueprint limits (there are none), add headers (off) and deduct by the response
    (no limit does): they cost 10 % of a guide page."""
    if app.config.get("RATELIMIT_HEADERS_ENABLED"):
        return  # they need the after-request hook
    for hooks in (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs):
        hooks[None] = [hook for hook in hooks.get(None, []) if not _of_limiter(hook)]


def _of_limiter(hook):  # a bound method of the limiter, or a partial with it
    return getattr(hook, "__self__", None) is limiter or limiter in getattr(hook, "args", ())
