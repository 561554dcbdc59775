#!/usr/bin/env python3
"""A small OTLP/gRPC receiver for Vernier's integration tests, served by grpcio with opentelemetry-proto's stubs.

    otlp_grpc_receiver.py --port N --control-port M [--max-connection-age-ms N]
                          [--tls-port N --certfile PEM --keyfile PEM [--client-ca PEM]]

Serves gRPC over cleartext HTTP/2 on 127.0.0.1:--port (0 picks a free port) and, with --tls-port, over TLS with
the given certificate, requiring a client certificate signed by --client-ca when that is given. Both listeners
share the requests and the script. With --max-connection-age-ms, grpcio closes every client connection
(GOAWAY) that many milliseconds after it opened. On start it prints one line, "grpc=N control=M" (then " tls=N"), and flushes.

  /opentelemetry.proto.collector.metrics.v1.MetricsService/Export,
  /opentelemetry.proto.collector.trace.v1.TraceService/Export
                  answer as scripted. grpcio itself undoes grpc-encoding: gzip, and answers INTERNAL (recording
                  nothing) when a request does not decode.
The control API is plain HTTP/1.1 on 127.0.0.1:--control-port:
  GET  /requests  every export so far as JSON: path, metadata (lowercased keys; "-bin" keys left out), time
                  (arrival, Unix seconds), peer, compression, client_common_name over TLS with a client
                  certificate, message (the decoded request: ids as hex, 64-bit integers as strings) and answered
                  (the status code's name, or "hang"). grpcio (1.85) keeps grpc-encoding, grpc-accept-encoding,
                  grpc-timeout, te and content-type out of the metadata that handlers and interceptors see, so
                  "compression" (grpc-encoding) is null unless a grpcio shows it; a gzip-flagged message arriving
                  without grpc-encoding: gzip is answered INTERNAL by grpcio and not recorded.
  POST /script    {"responses": [step, ...], "default": step} where a step is
                  {"code": "UNAVAILABLE", "message": "...", "rejected": 3, "retry_delay": 1.5, "delay": 0.2,
                  "hang": true}; "code" is a grpc.StatusCode name ("OK" by default), "message" the status message
                  or, with OK, the partial success's error_message, "rejected" the partial success's
                  rejected_data_points or rejected_spans, "retry_delay" adds a google.rpc.RetryInfo to the status
                  details (grpc-status-details-bin), "delay" waits that many seconds before answering and "hang"
                  never answers (for 120 s, or until the call ends); each export consumes the next step, then
                  the default (OK) applies. An unknown code name is answered 400.
  POST /reset     forgets the requests and the script.
"""
import argparse
import signal
import sys
import threading
import time
from concurrent import futures
from http.server import ThreadingHTTPServer

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2, metrics_service_pb2_grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from scripted_receiver import ControlHandler, State, base64_ids_to_hex

METRICS_PATH = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export"
TRACES_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"
HANG_SECONDS = 120
OK_STEP = {"code": "OK"}


def decoded(message):
    document = json_format.MessageToDict(message, preserving_proto_field_name=True)
    base64_ids_to_hex(document)
    return document


def text_metadata(context):
    metadata = {}
    for key, value in context.invocation_metadata():
        key = key.lower()
        if key.endswith("-bin"):
            continue
        metadata[key] = metadata[key] + "," + value if key in metadata else value
    return metadata


def client_common_name(context):
    names = context.auth_context().get("x509_common_name") or []
    return names[0].decode() if names else None


def status_code(name):
    try:
        return grpc.StatusCode[name]
    except KeyError:
        raise ValueError(f"unknown status code {name!r}") from None


def ended_event(context):
    """An event set when the call ends (client cancel, deadline, server stop), so a wait frees its worker."""
    ended = threading.Event()
    context.add_callback(ended.set)
    return ended


def abort(context, code, step):
    message = step.get("message", f"scripted {code.name}")
    if "retry_delay" not in step:
        context.abort(code, message)
    retry_info = error_details_pb2.RetryInfo()
    retry_info.retry_delay.FromNanoseconds(round(float(step["retry_delay"]) * 1e9))
    status = status_pb2.Status(code=code.value[0], message=message)
    status.details.add().Pack(retry_info)
    context.abort_with_status(rpc_status.to_status(status))


def export(state, path, request, context, response_type, rejected_field):
    step = state.next_step()
    metadata = text_metadata(context)
    record = {
        "path": path,
        "metadata": metadata,
        "time": time.time(),
        "peer": context.peer(),
        "compression": metadata.get("grpc-encoding"),
        "client_common_name": client_common_name(context),
        "message": decoded(request),
        "answered": "hang" if step.get("hang") else step.get("code", "OK"),
    }
    with state.lock:
        state.requests.append(record)
    ended = ended_event(context)
    if step.get("hang"):
        ended.wait(HANG_SECONDS)
        context.abort(grpc.StatusCode.CANCELLED, "hung")
    if step.get("delay"):
        ended.wait(float(step["delay"]))
    code = status_code(step.get("code", "OK"))
    if code != grpc.StatusCode.OK:
        abort(context, code, step)
    response = response_type()
    if "rejected" in step or "message" in step:
        setattr(response.partial_success, rejected_field, int(step.get("rejected", 0)))
        response.partial_success.error_message = step.get("message", "")
    return response


class MetricsService(metrics_service_pb2_grpc.MetricsServiceServicer):
    def __init__(self, state):
        self.state = state

    def Export(self, request, context):
        return export(self.state, METRICS_PATH, request, context,
                      metrics_service_pb2.ExportMetricsServiceResponse, "rejected_data_points")


class TraceService(trace_service_pb2_grpc.TraceServiceServicer):
    def __init__(self, state):
        self.state = state

    def Export(self, request, context):
        return export(self.state, TRACES_PATH, request, context,
                      trace_service_pb2.ExportTraceServiceResponse, "rejected_spans")


def make_control_handler(state):
    class Handler(ControlHandler):
        def validate_step(self, step):
            status_code(step.get("code", "OK"))

    Handler.state = state
    return Handler


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def tls_credentials(arguments):
    client_ca = read(arguments.client_ca) if arguments.client_ca else None
    return grpc.ssl_server_credentials([(read(arguments.keyfile), read(arguments.certfile))],
                                       root_certificates=client_ca, require_client_auth=client_ca is not None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--control-port", type=int, default=0)
    parser.add_argument("--tls-port", type=int)
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    parser.add_argument("--client-ca")
    parser.add_argument("--max-connection-age-ms", type=int)
    arguments = parser.parse_args()
    if arguments.tls_port is not None and not (arguments.certfile and arguments.keyfile):
        parser.error("--tls-port needs --certfile and --keyfile")
    state = State(OK_STEP)
    # Enough workers that hanging calls leave room for the others.
    options = []
    if arguments.max_connection_age_ms is not None:
        options = [("grpc.max_connection_age_ms", arguments.max_connection_age_ms), ("grpc.max_connection_age_grace_ms", 1000)]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), options=options)
    metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(MetricsService(state), server)
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(TraceService(state), server)
    ports = [f"grpc={server.add_insecure_port(f'127.0.0.1:{arguments.port}')}"]
    control = ThreadingHTTPServer(("127.0.0.1", arguments.control_port), make_control_handler(state))
    control.daemon_threads = True
    ports.append(f"control={control.server_address[1]}")
    if arguments.tls_port is not None:
        ports.append(f"tls={server.add_secure_port(f'127.0.0.1:{arguments.tls_port}', tls_credentials(arguments))}")
    server.start()
    threading.Thread(target=control.serve_forever, daemon=True).start()
    # Stopping the server ends every call, which wakes hanging handlers so the worker threads can be joined.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: server.stop(0))
    print(" ".join(ports), flush=True)
    server.wait_for_termination()
    control.server_close()


if __name__ == "__main__":
    sys.exit(main())
