"""Renders deploy/nginx.conf (the proxy in front of gunicorn) for `make serve`
(scripts/serve_stack.py), the proxy image and the tests.

    python deploy/nginx.py --port 8080 --upstream app:8000 --run-dir /tmp/nginx \
        --static-root /srv/static > nginx.conf

The security header lines come from webapp/headers.py, so nginx's own answers
(static files, its error pages) carry the same headers as the app's."""

import argparse
import html
import importlib.util
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = ROOT / "deploy" / "nginx.conf"
PROXY_TO_APP = ROOT / "deploy" / "proxy_to_app.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
CLIENT_TIMEOUT = "10s"

# Requests per second, burst and open requests per client address, for pages and for
# the email pages (the same as the Ingress annotations in deploy/k8s/ingress.yaml).
RATES = {"PAGE_RATE": "10r/s", "PAGE_BURST": "40", "PAGE_CONNECTIONS": "32",
         "EMAIL_RATE": "2r/s", "EMAIL_BURST": "10", "EMAIL_CONNECTIONS": "8"}
# For `make bench` only: one address sends everything, so the limits would be measured.
NO_RATE_LIMITS = {"PAGE_RATE": "100000r/s", "PAGE_BURST": "100000", "PAGE_CONNECTIONS": "65000",
                  "EMAIL_RATE": "100000r/s", "EMAIL_BURST": "100000", "EMAIL_CONNECTIONS": "65000"}

# nginx's own error pages: short, in Danish with the English below.
ERRORS = {
    400: ("Forespørgslen kunne ikke læses.", "The request could not be read."),
    404: ("Siden findes ikke.", "The page does not exist."),
    405: ("Det kan man ikke her.", "That is not allowed here."),
    408: ("Det tog for lang tid.", "It took too long."),
    413: ("Det, du sendte, er for stort.", "What you sent is too large."),
    414: ("Adressen er for lang.", "The address is too long."),
    429: ("For mange på én gang. Vent lidt, og prøv igen.",
          "Too many requests at once. Wait a little and try again."),
    500: ("Der skete en fejl. Prøv igen om lidt.", "Something went wrong. Try again in a little while."),
    502: ("Siden svarer ikke lige nu. Prøv igen om lidt.", "The site is not answering. Try again in a little while."),
    503: ("Siden svarer ikke lige nu. Prøv igen om lidt.", "The site is not answering. Try again in a little while."),
    504: ("Siden svarer ikke lige nu. Prøv igen om lidt.", "The site is not answering. Try again in a little while."),
}


def response_headers():
    """webapp/headers.py's headers, read without importing the app (nor Flask)."""
    spec = importlib.util.spec_from_file_location("headers", ROOT / "webapp" / "headers.py")
    headers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(headers)
    return headers.response_headers(hsts=True)


def header_lines(indent):
    return "\n".join(f'{indent}add_header {name} "{value}" always;'
                     for name, value in response_headers().items())


def error_page(code, danish, english):
    body = (f'<!doctype html><html lang="da"><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{code}</title><h1>{html.escape(danish)}</h1>"
            f'<p lang="en">{html.escape(english)}</p>'
            f'<p><a href="/da/">Forsiden</a> · <a href="/en/" lang="en">Home page</a></p></html>')
    escaped = body.replace("\\", "\\\\").replace('"', '\\"')
    return f'            location = /_proxy/{code}.html {{ return {code} "{escaped}"; }}'


def render(*, listen, upstream, run_dir, static_root, access_log="/dev/stdout",
           worker_processes="auto", rate_limits=True, mime_types="/etc/nginx/mime.types",
           brotli=None, as_root=None):
    """nginx.conf's text. brotli: load Debian's brotli_static module (default: if it is
    installed here); as_root: nginx will start as root (default: if this runs as root)."""
    brotli = BROTLI_MODULE.exists() if brotli is None else brotli
    as_root = os.geteuid() == 0 if as_root is None else as_root
    values = {
        "MODULES": f"load_module {BROTLI_MODULE};" if brotli else "",
        # Started as root (a developer's container), the workers drop to nobody.
        "USER": "user nobody nogroup;" if as_root else "",
        "WORKER_PROCESSES": str(worker_processes),
        "RUN_DIR": str(run_dir),
        "MIME_TYPES": mime_types,
        "ACCESS_LOG": access_log,
        "CLIENT_TIMEOUT": CLIENT_TIMEOUT,
        "UPSTREAM": upstream,
        "LISTEN": str(listen),
        "STATIC_ROOT": str(static_root),
        "BROTLI_STATIC": "brotli_static on;" if brotli else "",
        "SECURITY_HEADERS": header_lines(" " * 8),
        "SECURITY_HEADERS_IN_LOCATION": header_lines(" " * 12),
        "ERROR_PAGE_LINES": "\n".join(f"        error_page {code} /_proxy/{code}.html;" for code in ERRORS),
        "ERROR_PAGES": "\n".join(error_page(code, *texts) for code, texts in ERRORS.items()),
        "HIDE_SECURITY_HEADERS": "\n            ".join(
            f"proxy_hide_header {name};" for name in response_headers()),
        "PROXY_TO_APP": "\n            ".join(
            line for line in PROXY_TO_APP.read_text().splitlines() if not line.startswith("#")),
        **(RATES if rate_limits else NO_RATE_LIMITS),
    }
    def fill(text):
        return re.sub(r"\$\{([A-Z_]+)\}", lambda match: fill(values[match[1]]), text)

    return fill(TEMPLATE.read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="port, or address:port")
    parser.add_argument("--upstream", required=True, help="gunicorn: host:port or unix:/path")
    parser.add_argument("--run-dir", required=True, help="pid file and temporary files")
    parser.add_argument("--static-root", default=str(ROOT / "static" / "build"))
    parser.add_argument("--access-log", default="/dev/stdout")
    parser.add_argument("--brotli", action=argparse.BooleanOptionalAction,
                        help="load the brotli_static module (default: if installed here)")
    parser.add_argument("--as-root", action=argparse.BooleanOptionalAction,
                        help="nginx starts as root (default: if this runs as root)")
    args = parser.parse_args()
    print(render(listen=args.listen, upstream=args.upstream, run_dir=args.run_dir,
                 static_root=args.static_root, access_log=args.access_log,
                 brotli=args.brotli, as_root=args.as_root))


if __name__ == "__main__":
    main()
