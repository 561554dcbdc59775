"""Two OTLP sinks on 127.0.0.1 for the benchmark's export cases, neither decoding what it takes.

Usage: otlp_sinks.py
Starts an OTLP/HTTP sink (each POST read whole and answered 200 with an empty protobuf response) and an OTLP/gRPC
sink (grpcio, the metrics service's Export method taking and answering raw bytes), prints "http=PORT grpc=PORT"
and serves until stdin closes, so that the benchmark's exit stops it.
"""
import sys
import threading
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc

GRPC_METHOD = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export"


class HTTPSink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *arguments):
        pass


def grpc_sink():
    handler = grpc.unary_unary_rpc_method_handler(lambda request, context: b"")
    generic = grpc.method_handlers_generic_handler(GRPC_METHOD.split("/")[1], {"Export": handler})
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), handlers=[generic])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, port


def main():
    http = ThreadingHTTPServer(("127.0.0.1", 0), HTTPSink)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    server, grpc_port = grpc_sink()
    print(f"http={http.server_address[1]} grpc={grpc_port}", flush=True)
    sys.stdin.read()
    server.stop(0)
    http.shutdown()


if __name__ == "__main__":
    main()
