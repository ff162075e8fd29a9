# The site as three images from one file, the same recipe as `make serve`:
# - the app (the default target): gunicorn with gunicorn.conf.py, not root;
# - the proxy (--target proxy): Debian's nginx with deploy/nginx.conf, serving
#   the static files itself and passing the rest to the app;
# - redis (--target redis): Debian's redis-server, the state every copy shares.
# compose.yaml runs all three: SECRET_KEY=... SITE_URL=https://... docker compose up --build
# Base images are named by tag: pin them by digest where you build (README, Deployment).

# 1. The stylesheet, script, fonts and icons (Sass needs Node).
FROM node:22-bookworm-slim AS static-files
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Makefile package.json package-lock.json ./
COPY static/scss static/scss
COPY static/js static/js
RUN make static-files

# 2. Python packages from the lock file (hashes checked), compiled catalogues, gzip
#    and Brotli copies of the static files, and nginx's config for the proxy.
FROM python:3.11-slim-bookworm AS build
WORKDIR /app
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements requirements
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY webapp webapp
RUN pip install --no-cache-dir --no-deps --no-build-isolation .
COPY translations translations
RUN pybabel compile -d translations
COPY --from=static-files /app/static/build static/build
RUN python -m whitenoise.compress --quiet static/build
COPY deploy deploy
ARG UPSTREAM=app:8000
RUN python deploy/nginx.py --listen 8080 --upstream "$UPSTREAM" --run-dir /tmp \
        --static-root /srv/static/build --brotli --no-as-root > /app/nginx.conf

# 3. The proxy: nginx on 8080, not root; writes only under /tmp.
FROM debian:bookworm-slim AS proxy
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10002 --no-create-home --shell /usr/sbin/nologin proxy
COPY --from=build /app/nginx.conf /etc/nginx/app.conf
COPY --from=build /app/static/build /srv/static/build
USER 10002
EXPOSE 8080
CMD ["nginx", "-c", "/etc/nginx/app.conf", "-p", "/tmp", "-e", "stderr"]

# 4. Redis for webapp/store.py: not root, nothing written to disk (every key lives
#    minutes), on the app's network only (compose.yaml, deploy/k8s/redis.yaml).
FROM debian:bookworm-slim AS redis
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/*
USER 10003
EXPOSE 6379
CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", \
     "--appendonly", "no", "--dir", "/tmp", "--maxmemory", "128mb", "--maxmemory-policy", "volatile-ttl"]

# 5. The app: no compilers, no Node, not root. gunicorn listens on 127.0.0.1 unless
#    BIND says otherwise (compose.yaml and the Kubernetes manifests set it for the
#    proxy's network only).
FROM python:3.11-slim-bookworm AS app
# The image's own setuptools (an old one, with known advisories) is not needed.
RUN python -m pip uninstall --no-cache-dir --yes setuptools wheel \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app/instance && chown 10001 /app/instance
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app/translations translations
COPY --from=build /app/static/build static/build
COPY content content
# Drawn inline beside easy-read headings (webapp/markdown_ext.py).
COPY static/img static/img
COPY webapp webapp
COPY migrations migrations
COPY gunicorn.conf.py ./
# PYTHONPATH: the app runs from /app, where content/ and translations/ are.
ENV PATH=/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FLASK_CONFIG=production \
    BIND=127.0.0.1:8000
USER 10001
EXPOSE 8000
# Asks with SITE_URL's host: production answers any other Host with 400.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.parse as p, urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': p.urlsplit(os.environ['SITE_URL']).netloc}), timeout=4)"]
# The feedback database's schema first (SQLite in instance/, or DATABASE_URL).
CMD ["sh", "-c", "flask --app webapp db upgrade && exec gunicorn --config gunicorn.conf.py"]
