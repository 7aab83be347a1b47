"""A TMF921 client's event listener: a real HTTP server on loopback that records what it is sent."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Listener:
    """A TMF921 client's listener: records each POST; answers 500 to the first `failures` of them."""

    def __init__(self, failures: int = 0):
        self.received: list[tuple[str, dict]] = []
        self.attempts = 0
        self.failures = failures
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                listener.attempts += 1
                if listener.attempts <= listener.failures:
                    self.send_response(500)
                    self.end_headers()
                    return
                listener.received.append((self.path, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/client"

    def wait_for(self, count: int, timeout: float = 30) -> list[tuple[str, dict]]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.received)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
