# The site in one image: gunicorn with gunicorn.conf.py, behind your reverse proxy.
# Build: docker build -t aktivitetstilbud .
# Run:   docker run -e SECRET_KEY=... -e SITE_URL=https://... -p 8000:8000 aktivitetstilbud

# 1. The stylesheet, script, fonts and icons (Sass needs Node).
FROM node:20-bookworm-slim AS static-files
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Makefile package.json package-lock.json ./
COPY static/scss static/scss
COPY static/js static/js
RUN make static-files

# 2. Python packages, compiled catalogues, gzip and Brotli copies of the static files.
FROM python:3.11-slim-bookworm AS build
WORKDIR /app
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY pyproject.toml README.md ./
COPY webapp webapp
RUN pip install --no-cache-dir .
COPY translations translations
RUN pybabel compile -d translations
COPY --from=static-files /app/static/build static/build
RUN python -m whitenoise.compress --quiet static/build

# 3. The runtime: no compilers, no Node, not root.
FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app/translations translations
COPY --from=build /app/static/build static/build
COPY content content
# Drawn inline beside easy-read headings (webapp/markdown_ext.py).
COPY static/img static/img
COPY webapp webapp
COPY gunicorn.conf.py ./
# PYTHONPATH: the app runs from /app, where content/ and translations/ are.
ENV PATH=/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FLASK_CONFIG=production \
    BIND=0.0.0.0:8000
USER 10001
EXPOSE 8000
# Asks with SITE_URL's host: production answers any other Host with 400.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.parse as p, urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': p.urlsplit(os.environ['SITE_URL']).netloc}), timeout=4)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
