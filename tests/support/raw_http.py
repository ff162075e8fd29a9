"""HTTP/1.1 by hand on a socket: for requests no client library sends (a broken chunk,
a body with no form), and for seeing whether a connection stays open after an answer."""

import http.client


def exchange(sock, raw):
    """Send raw bytes on the socket and read one whole answer (its body in .body)."""
    sock.sendall(raw)
    response = http.client.HTTPResponse(sock)
    response.begin()
    response.body = response.read()
    return response


def closed(sock):
    """Whether the server has closed the connection (nothing more will come)."""
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def post(path, host, headers=""):
    """A POST's request line and headers, before its framing (length or chunks)."""
    return f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{headers}".encode()


def framed(body):
    """The body with its Content-Length, or chunked when it starts with b"chunked:"."""
    if body.startswith(b"chunked:"):
        data = body.removeprefix(b"chunked:")
        return b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
