"""A local server that answers like GitHub Pages: gzip for text types when asked,
`Cache-Control: max-age=600`, ETag / Last-Modified with 304 on revalidation, a 301 to
add a folder's missing slash, the site's 404.html (status 404) for unknown paths. It also
logs what it sends, so page weight is counted from the bytes that actually left the
server (cache hits never reach it). The tests and `make bench` serve the site with it, so
both see the site as GitHub Pages serves it."""

from __future__ import annotations

import email.utils
import gzip
import http.server
import mimetypes
import threading
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Self
from urllib.parse import unquote, urlsplit

# What GitHub Pages compresses; images other than SVG are already compressed.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
GZIP_LEVEL = 6  # the usual server default; the budget tests use the same level


@cache
def gzipped(path: Path, mtime_ns: int) -> bytes:
    """Compressed once per file version, so compression time does not skew timings."""
    return gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


@dataclass
class Sent:
    """One response: path, status, body bytes on the wire, body bytes decoded, header bytes."""

    path: str
    status: int
    body: int
    raw: int
    headers: int


class PagesHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host

    def __init__(self, *args: object, root: Path, log: list[Sent], **kwargs: object) -> None:
        self.root, self.sent = root, log
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def do_GET(self) -> None:
        self.respond(head=False)

    def resolve(self) -> tuple[int, Path | None, str | None]:
        """Status, file and redirect target for the request path, as GitHub Pages maps them."""
        url_path = unquote(urlsplit(self.path).path)
        target = (self.root / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(self.root):
            return 404, None, None
        if target.is_dir():
            if not url_path.endswith("/"):
                return 301, None, url_path + "/"
            target = target / "index.html"
        if target.is_file() and target.name != "404.html":
            return 200, target, None
        return 404, None, None  # GitHub Pages answers 404 even for /404.html itself

    def respond(self, head: bool) -> None:
        status, file, location = self.resolve()
        if status == 404:
            file = self.root / "404.html"
        headers: dict[str, str] = {}
        body = b""
        raw = 0
        if location:
            headers["Location"] = location
        elif file and file.is_file():
            stat = file.stat()
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            text = kind.startswith(COMPRESSIBLE)
            zipped = text and "gzip" in self.headers.get("Accept-Encoding", "")
            etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gzip" if zipped else ""}"'
            headers |= {
                "Content-Type": kind + ("; charset=utf-8" if text else ""),
                "Cache-Control": "max-age=600",
                "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
                "ETag": etag,
                "Vary": "Accept-Encoding",
                "Access-Control-Allow-Origin": "*",
            }
            if status == 200 and self.not_modified(etag, stat.st_mtime):
                status = 304
            else:
                body = gzipped(file, stat.st_mtime_ns) if zipped else file.read_bytes()
                raw = stat.st_size
                if zipped:
                    headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        # Logged before the client can see any of the response: a client that goes straight on
        # to its next request must find this one already in the log, in order.
        self.sent.append(Sent(urlsplit(self.path).path, status, 0 if head else len(body), 0 if head else raw, self.header_size()))
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)

    def header_size(self) -> int:
        """Bytes of the header block so far (BaseHTTPRequestHandler buffers it until end_headers)."""
        return sum(len(line) for line in getattr(self, "_headers_buffer", [])) + 2  # + the blank line

    def not_modified(self, etag: str, mtime: float) -> bool:
        if match := self.headers.get("If-None-Match"):
            return etag in [tag.strip().removeprefix("W/") for tag in match.split(",")] or match.strip() == "*"
        if since := self.headers.get("If-Modified-Since"):
            try:
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False


class PagesServer:
    """Serve a built site on 127.0.0.1 in a background thread; `log` lists every response."""

    def __init__(self, root: Path) -> None:
        self.log: list[Sent] = []
        handler = partial(PagesHandler, root=root.resolve(), log=self.log)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> Self:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
