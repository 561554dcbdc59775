"""What the OTLP receivers of the integration tests share: the script of answers, the requests received, the
control endpoints over HTTP, and the hex rendering of trace and span ids."""
import base64
import json
import threading
from http.server import BaseHTTPRequestHandler

ID_FIELDS = {"traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id"}


class State:
    """The requests received so far and the scripted answers still to give, then `default` for every later one."""

    def __init__(self, default):
        self.lock = threading.Lock()
        self.initial_default = default
        self.requests = []
        self.script = []
        self.default = dict(default)

    def next_step(self):
        with self.lock:
            return self.script.pop(0) if self.script else dict(self.default)


def base64_ids_to_hex(node):
    """protobuf's JSON mapping gives bytes ids as base64; the tests compare hex."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ID_FIELDS and isinstance(value, str):
                node[key] = base64.b64decode(value).hex()
            else:
                base64_ids_to_hex(value)
    elif isinstance(node, list):
        for item in node:
            base64_ids_to_hex(item)


class ControlHandler(BaseHTTPRequestHandler):
    """GET /requests, POST /script and POST /reset on `state`; a receiver subclasses it, sets `state` and may check
    each scripted step in `validate_step` (raising ValueError) or serve more POST paths in `other_post`."""
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", content_type="application/json", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def validate_step(self, step):
        pass

    def other_post(self):
        self.reply(404)

    def do_GET(self):
        if self.path != "/requests":
            return self.reply(404)
        with self.state.lock:
            body = json.dumps(self.state.requests).encode()
        self.reply(200, body)

    def do_POST(self):
        state = self.state
        if self.path == "/script":
            script = json.loads(self.read_body() or b"{}")
            responses = list(script.get("responses", []))
            default = script.get("default", dict(state.initial_default))
            try:
                for step in responses + [default]:
                    self.validate_step(step)
            except ValueError as error:
                return self.reply(400, json.dumps({"error": str(error)}).encode())
            with state.lock:
                state.script, state.default = responses, default
            return self.reply(204)
        if self.path == "/reset":
            with state.lock:
                state.requests, state.script, state.default = [], [], dict(state.initial_default)
            return self.reply(204)
        self.other_post()
