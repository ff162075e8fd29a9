"""Security headers sent with every response."""

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()" for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "payment", "usb",
    )
)


HSTS = "max-age=63072000; includeSubDomains"


def response_headers(hsts):
    """The headers on every answer: set here for the app's, and rendered into nginx's
    config for the static files and the proxy's own error pages (deploy/nginx.py)."""
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if hsts:
        headers["Strict-Transport-Security"] = HSTS
    return headers


def init_app(app):
    headers = response_headers(app.config["HSTS"])

    @app.after_request
    def set_security_headers(response):
        response.headers.update(headers)
        return response


def static_headers(headers, path, url):
    """The headers that matter for static files, which WhiteNoise serves outside Flask.
    Links to the stylesheet and script carry a content hash (asset_url); the fonts
    and icons keep their names across DKFDS versions, which is rare enough."""
    headers["Cache-Control"] = "public, max-age=31536000, immutable"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
