"""A scripted remote-write receiver for the integration tests.

    python3 remote_write_receiver.py PORT STATUSES [DELAY [REPLY]]

Answers POST /api/v1/write with the statuses listed in STATUSES (comma-separated, such as `503,200`) in
turn, then 204 for every later request, each answer DELAY seconds after the request arrived (0 by default),
as a store too slow for one connection would. A failing answer's body is REPLY when given, with `{headers}`
replaced by the request's header lines, as a careless store or proxy would echo them. Each body is decompressed with cramjam's snappy block decoder and
walked as a prometheus.WriteRequest with the protobuf wire reader of scripts/remote_write.py, independent of the exporter's
protobuf-c and libsnappy. GET /requests returns what arrived, as JSON.
"""
import json
import sys
import threading
import time
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cramjam

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
from remote_write import write_request  # noqa: E402

statuses = [int(s) for s in sys.argv[2].split(",") if s] if len(sys.argv) > 2 else []
delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
reply_template = sys.argv[4] if len(sys.argv) > 4 else None
requests = []
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        record = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "compressed": len(body)}
        try:
            record["series"] = write_request(bytes(cramjam.snappy.decompress_raw(body)))
        except Exception as error:  # reported to the test, which fails on it
            record["error"] = str(error)
        with lock:
            status = statuses[len(requests)] if len(requests) < len(statuses) else 204
            record["status"] = status
            requests.append(record)
        time.sleep(delay)
        if status < 300:
            reply = b""
        elif reply_template is not None:
            lines = "".join(f"\n{name}: {value}" for name, value in self.headers.items())
            reply = reply_template.replace("{headers}", lines).encode()
        else:
            reply = ("scripted answer %d" % status).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def do_GET(self):
        with lock:
            reply = json.dumps(requests).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
