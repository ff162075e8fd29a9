"""gunicorn settings for production: used by `make serve`, the Dockerfile and `make bench`.

Run behind a reverse proxy that buffers requests and responses (see README,
Deployment). Environment: SECRET_KEY and SITE_URL (required by the production
config), BIND (default 127.0.0.1:$PORT, PORT default 8000), WEB_CONCURRENCY
(workers, default the CPU count), THREADS (per worker, default 8)."""

import os

os.environ.setdefault("FLASK_CONFIG", "production")

wsgi_app = "webapp:create_app()"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# One process per CPU for Python's work; threads in each, so a slow client ties up
# one thread, not a whole worker.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
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
