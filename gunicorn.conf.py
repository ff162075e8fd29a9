"""gunicorn settings for production: used by `make serve`, the Dockerfile and `make bench`.

Run behind the buffering proxy (deploy/nginx.conf; `make serve` starts both).
Environment: SECRET_KEY and SITE_URL (required by the production config), BIND
(default 127.0.0.1:$PORT, PORT default 8000; `unix:/path` for a socket),
WEB_CONCURRENCY (workers, default the CPUs this process may use), THREADS (per
worker, default 8)."""

import math
import os
from pathlib import Path

from gunicorn import glogging

os.environ.setdefault("FLASK_CONFIG", "production")

wsgi_app = "webapp:create_app()"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")



def usable_cpus(root="/"):
    """The CPUs this process may use: its affinity, capped by a cgroup CPU quota (v2
    cpu.max or v1 cfs_quota_us) where one is set. os.cpu_count() counts the host's
    cores, which in a container may be many more than it is given."""
    root = Path(root)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    quotas = [quota for quota in _cgroup_quotas(root) if quota > 0]
    if quotas:
        cpus = min(cpus, max(1, math.ceil(min(quotas))))
    return cpus


def _cgroup_quotas(root):
    """CPU quotas (in CPUs) of this process's cgroup and its parents, v2 and v1."""
    try:
        lines = (root / "proc/self/cgroup").read_text().splitlines()
    except OSError:
        return
    mount = root / "sys/fs/cgroup"
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers == "":  # v2: "0::/path"
            base, quota_file, period_file = mount, "cpu.max", None
        elif "cpu" in controllers.split(","):  # v1: "4:cpu,cpuacct:/path"
            base = next((mount / name for name in (controllers, "cpu,cpuacct", "cpu")
                         if (mount / name).is_dir()), None)
            quota_file, period_file = "cpu.cfs_quota_us", "cpu.cfs_period_us"
        else:
            continue
        if base is None:
            continue
        # The process's cgroup and its parents; inside a container the mount's root
        # is often the container's own cgroup.
        directory = base / path.lstrip("/")
        for folder in [directory, *directory.parents]:
            if folder.is_relative_to(base):
                yield from _read_quota(folder, quota_file, period_file)


def _read_quota(folder, quota_file, period_file):
    try:
        if period_file is None:
            quota, period = (folder / quota_file).read_text().split()
        else:
            quota = (folder / quota_file).read_text().strip()
            period = (folder / period_file).read_text().strip()
    except (OSError, ValueError):
        return
    if quota not in ("max", "-1"):
        yield int(quota) / int(period)


# One process per usable CPU for Python's work; threads in each, so a slow request
# ties up one thread, not a whole worker.
workers = int(os.environ.get("WEB_CONCURRENCY") or usable_cpus())
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "8"))
# The app is built once, before the workers fork: content is read and the
# configuration (SECRET_KEY, SITE_URL) is checked once, and the memory is shared.
preload_app = True
worker_tmp_dir = "/dev/shm"
control_socket_disable = True  # not used; it would need a writable home directory

timeout = 30  # a worker stuck this long is restarted
graceful_timeout = 20
keepalive = 5
limit_request_line = 2048
limit_request_fields = 50
limit_request_field_size = 8190

# Access log: method, path without the query string, status, size, time, and the
# proxy's request id. No query strings, bodies, cookies or client addresses.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms id=%({x-request-id}i)s'
errorlog = "-"
loglevel = "info"


class ErrorLogWithoutMessages(glogging.Logger):
    """gunicorn's own error log (a failure outside the app: "Error handling request")
    kept as the app's (webapp/errors.py): the request's path without its query string,
    the traceback without the error's message, which could quote what was sent."""

    def setup(self, cfg):
        super().setup(cfg)
        from webapp.errors import TracebacksWithoutMessages

        self.error_log.addFilter(TracebacksWithoutMessages())

    def exception(self, msg, *args, **kwargs):
        if isinstance(msg, BaseException):  # an error logged as itself: its type only
            msg = type(msg).__name__
        args = [arg.split("?", 1)[0] if isinstance(arg, str) else arg for arg in args]
        super().exception(msg, *args, **kwargs)


logger_class = ErrorLogWithoutMessages
