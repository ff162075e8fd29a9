"""The app served from a thread on 127.0.0.1 and a free port: for the browser tests
and the page-weight benchmark, which drive a real browser against it."""

import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from webapp import create_app


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class LiveServer:
    def __init__(self, config):
        self.app = create_app(config)
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True,
                                  request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
