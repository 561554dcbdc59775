"""A scripted remote-write receiver for the integration tests.

    python3 remote_write_receiver.py PORT STATUSES [DELAY [REPLY]]

Answers POST /api/v1/write with the statuses listed in STATUSES (comma-separated, such as `503,200`) in
turn, then 204 for every later request, each answer DELAY seconds after the request arrived (0 by default),
as a store too slow for one connection would. A failing answer's body is REPLY when given, with `{headers}`
replaced by the request's header lines, as a careless store or proxy would echo them. Each body is decompressed with cramjam's snappy block decoder and
walked as a prometheus.WriteRequest with a protobuf wire reader of its own, independent of the exporter's
protobuf-c and libsnappy. GET /requests returns what arrived, as JSON.
"""
import json
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cramjam

statuses = [int(s) for s in sys.argv[2].split(",") if s] if len(sys.argv) > 2 else []
delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
reply_template = sys.argv[4] if len(sys.argv) > 4 else None
requests = []
lock = threading.Lock()


def varint(data, offset):
    value, shift = 0, 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, offset
        shift += 7


def fields(data):
    """Yields (field number, wire type, value) of one message: ints for varints, bytes for the rest."""
    offset = 0
    while offset < len(data):
        key, offset = varint(data, offset)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, offset = varint(data, offset)
        elif wire == 1:
            value, offset = data[offset:offset + 8], offset + 8
        elif wire == 2:
            length, offset = varint(data, offset)
            value, offset = data[offset:offset + length], offset + length
        elif wire == 5:
            value, offset = data[offset:offset + 4], offset + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield number, wire, value


def signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def label(data):
    pair = {1: "", 2: ""}
    for number, _, value in fields(data):
        pair[number] = value.decode("utf-8")
    return pair[1], pair[2]


def sample(data):
    result = {"value": 0.0, "timestamp": 0}
    for number, _, value in fields(data):
        if number == 1:
            result["value"] = struct.unpack("<d", value)[0]
        elif number == 2:
            result["timestamp"] = signed(value)
    return result


def write_request(data):
    series = []
    for number, _, value in fields(data):
        if number != 1:
            continue
        entry = {"labels": {}, "samples": [], "exemplars": 0}
        for inner, _, part in fields(value):
            if inner == 1:
                name, text = label(part)
                entry["labels"][name] = text
            elif inner == 2:
                entry["samples"].append(sample(part))
            elif inner == 3:
                entry["exemplars"] += 1
        series.append(entry)
    return series


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
