#!/usr/bin/env python3
"""A small OTLP/HTTP receiver for Vernier's integration tests, decoding with the opentelemetry-proto package.

    otlp_receiver.py [--port N] [--port-file PATH] [--tls-port N --certfile PEM --keyfile PEM [--client-ca PEM]]

Listens on 127.0.0.1 (a free port unless --port is given; the port is written to --port-file and printed).
With --tls-port it also takes exports over HTTPS on that port with the given certificate, requiring a client
certificate signed by --client-ca when that is given; both listeners share the requests and the script.

  POST /v1/metrics, /v1/traces   decodes the body (gzip when Content-Encoding says so; protobuf, or OTLP JSON
                                 with hex trace and span ids) and answers as scripted.
  GET  /requests                 every request so far as JSON: path, headers, client port, arrival time,
                                 the client certificate's common name over HTTPS, the decoded message
                                 (ids as hex, 64-bit integers as strings) or a decode error.
  POST /script                   {"responses": [step, ...], "default": step} where a step is
                                 {"status": 503, "retry_after": "2", "rejected": 3, "message": "...", "body": "...",
                                 "echo_headers": true, "hang": true}; "body" is the text of a non-2xx answer,
                                 "message" the partial success's, and "echo_headers" appends the request's header
                                 lines to either, as a careless collector or proxy would;
                                 each export consumes the next step, then the default (200) applies.
  POST /reset                    forgets the requests and the script.
"""
import argparse
import base64
import gzip
import json
import os
import ssl
import sys
import threading
import time
from http.server import ThreadingHTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
from scripted_receiver import ID_FIELDS, ControlHandler, State, base64_ids_to_hex

SIGNALS = {
    "/v1/metrics": (metrics_service_pb2.ExportMetricsServiceRequest, metrics_service_pb2.ExportMetricsServiceResponse,
                    "rejected_data_points"),
    "/v1/traces": (trace_service_pb2.ExportTraceServiceRequest, trace_service_pb2.ExportTraceServiceResponse,
                   "rejected_spans"),
}
HANG_SECONDS = 120


def hex_ids_to_base64(node):
    """OTLP JSON carries ids as hex; json_format expects base64 for bytes fields."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ID_FIELDS and isinstance(value, str):
                node[key] = base64.b64encode(bytes.fromhex(value)).decode()
            else:
                hex_ids_to_base64(value)
    elif isinstance(node, list):
        for item in node:
            hex_ids_to_base64(item)


def decode(body, content_type, request_type):
    message = request_type()
    if content_type.startswith("application/x-protobuf"):
        message.ParseFromString(body)
    elif content_type.startswith("application/json"):
        document = json.loads(body)
        hex_ids_to_base64(document)
        json_format.ParseDict(document, message, ignore_unknown_fields=False)
    else:
        raise ValueError("unsupported Content-Type " + content_type)
    decoded = json_format.MessageToDict(message, preserving_proto_field_name=True)
    base64_ids_to_hex(decoded)
    return decoded


def echoed(text, step, headers):
    """`text`, followed by the request's header lines when the step asks to echo them."""
    if not step.get("echo_headers"):
        return text
    return text + "".join(f"\n{name}: {value}" for name, value in headers.items())


def encode_response(response_type, rejected_field, step, content_type, headers):
    response = response_type()
    if "rejected" in step or "message" in step:
        setattr(response.partial_success, rejected_field, step.get("rejected", 0))
        response.partial_success.error_message = echoed(step.get("message", ""), step, headers)
    if content_type.startswith("application/json"):
        return json_format.MessageToJson(response).encode(), "application/json"
    return response.SerializeToString(), "application/x-protobuf"


def make_handler(state):
    class Handler(ControlHandler):
        def other_post(self):
            if self.path not in SIGNALS:
                return self.reply(404)
            self.export()

        def export(self):
            request_type, response_type, rejected_field = SIGNALS[self.path]
            raw = self.read_body()
            record = {
                "path": self.path,
                "received_at": time.time(),
                "client_port": self.client_address[1],
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body_size": len(raw),
            }
            certificate = self.connection.getpeercert() if hasattr(self.connection, "getpeercert") else None
            if certificate:
                subject = dict(pair[0] for pair in certificate.get("subject", ()))
                record["client_certificate_cn"] = subject.get("commonName")
            content_type = self.headers.get("Content-Type", "")
            step = state.next_step()
            try:
                body = gzip.decompress(raw) if self.headers.get("Content-Encoding") == "gzip" else raw
                record["decoded"] = decode(body, content_type, request_type)
            except Exception as error:  # the test reads the reason from the record
                record["error"] = f"{type(error).__name__}: {error}"
            record["status"] = "hang" if step.get("hang") else step.get("status", 200)
            with state.lock:
                state.requests.append(record)
            if step.get("hang"):
                time.sleep(HANG_SECONDS)
                self.close_connection = True
                return
            status = step.get("status", 200)
            extra = [("Retry-After", step["retry_after"])] if "retry_after" in step else []
            if 200 <= status < 300:
                payload, payload_type = encode_response(response_type, rejected_field, step, content_type, self.headers)
                self.reply(status, payload, payload_type, extra)
            else:
                body = echoed(step.get("body", f"scripted {status}"), step, self.headers)
                self.reply(status, body.encode(), "text/plain", extra)

    Handler.state = state
    return Handler


def start_tls_listener(arguments, handler):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(arguments.certfile, arguments.keyfile)
    if arguments.client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(arguments.client_ca)
    tls_server = ThreadingHTTPServer(("127.0.0.1", arguments.tls_port), handler)
    tls_server.daemon_threads = True
    tls_server.socket = context.wrap_socket(tls_server.socket, server_side=True)
    threading.Thread(target=tls_server.serve_forever, daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--tls-port", type=int)
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    parser.add_argument("--client-ca")
    arguments = parser.parse_args()
    handler = make_handler(State({"status": 200}))
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), handler)
    server.daemon_threads = True
    if arguments.tls_port is not None:
        start_tls_listener(arguments, handler)
    port = server.server_address[1]
    if arguments.port_file:
        with open(arguments.port_file + ".tmp", "w") as handle:
            handle.write(str(port))
        os.replace(arguments.port_file + ".tmp", arguments.port_file)
    print(port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
