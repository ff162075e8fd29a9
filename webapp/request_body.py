"""The request body, as the server hands it to the app: a body that cannot be read is
the client's fault (400, never a 500), and keep-alive is promised only where the
connection really stays open.

gunicorn raises its own errors from `wsgi.input` while the app reads a body (a chunk
size that is not a number, a chunk without its line end, a bad trailer); nginx
answers those itself, but pods and the compose network reach gunicorn directly. Each
becomes werkzeug's BadRequest, which the app answers with its 400 page, and the
connection is closed: where the next request starts on it is unknown.

A chunked body (nginx never sends one: it passes bodies with their length) is held to
the app's MAX_CONTENT_LENGTH here: werkzeug stops reading it at the limit and parses
what it has, so one byte more is looked for, and found means 413, as for a body whose
Content-Length is too large.

A body the app did not read (refused as too large, or on a page that takes none) is
drained by gunicorn before the next request, but only up to 64 KiB; past that it
drops the connection after answering `Connection: keep-alive`. Such an answer says
`Connection: close` instead."""

from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

# gunicorn's limit on draining a body the app did not read (gunicorn/http/parser.py).
DRAIN_LIMIT = 64 * 1024


class ReadableBodyOr400:
    """WSGI middleware, outermost: it needs the server's own start_response."""

    def __init__(self, app, max_length):
        self.app = app
        self.max_length = max_length

    def __call__(self, environ, start_response):
        if environ.get("CONTENT_LENGTH", "0") in ("", "0") and "HTTP_TRANSFER_ENCODING" not in environ:
            return self.app(environ, start_response)  # no body (a GET): nothing to guard
        body = _Input(environ, start_response, self.max_length)
        environ["wsgi.input"] = body

        def start(status, headers, exc_info=None):
            if body.too_much_left():
                _close_connection(start_response)
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


class _Input:
    def __init__(self, environ, start_response, max_length):
        self._stream = environ["wsgi.input"]
        self._max_length = max_length
        self._start_response = start_response
        self._chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        length = environ.get("CONTENT_LENGTH", "")
        self._length = int(length) if length.isdigit() else 0
        self._read = 0
        self._ended = False
        self._failed = False

    def too_much_left(self):
        """Whether more of the body is left unread than gunicorn will drain (a chunked
        body's length is unknown until its end)."""
        if self._ended:
            return False
        return self._chunked or self._length - self._read >= DRAIN_LIMIT

    def _guarded(self, read, size):
        data = self._from_server(read, size)
        self._read += len(data)
        if not data or size is None or size < 0:
            self._ended = True
        elif self._chunked and self._max_length is not None and self._read >= self._max_length:
            if self._from_server(self._stream.read, 1):
                raise RequestEntityTooLarge()
            self._ended = True
        return data

    def _from_server(self, read, size):
        if self._failed:  # the stream is broken: never read on from the socket
            raise BadRequest()
        try:
            return read() if size is None or size < 0 else read(size)
        except Exception as error:
            self._failed = True
            _close_connection(self._start_response)
            raise BadRequest() from error

    def read(self, size=None):
        return self._guarded(self._stream.read, size)

    def readline(self, size=None):
        return self._guarded(self._stream.readline, size)

    def __iter__(self):
        return iter(self.readline, b"")


def _close_connection(start_response):
    # gunicorn's start_response is a method of its Response, which can close the
    # connection after this answer (and then says `Connection: close`). Werkzeug's
    # server (development) closes after a body it could not read by itself.
    force_close = getattr(getattr(start_response, "__self__", None), "force_close", None)
    if callable(force_close):
        force_close()
