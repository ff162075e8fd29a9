"""A WSGI app that fails outside Flask, for gunicorn's own error log (test_gunicorn_edges)."""

SECRET = "Åse Ørnsø har epilepsi"


def app(environ, start_response):
    raise ValueError(f"could not read {SECRET}")
