#!/usr/bin/env python3
"""Runs hummingbird-example against real peers and checks what they received.

    check_example.py BINARY

On 127.0.0.1 and free ports: the OTLP receiver of the integration tests, the app (PORT, spans over OTLP to the
receiver), and Prometheus 2.42 with exemplar storage scraping the app's /metrics every second. A request with a W3C
`traceparent`, then one without. Then:
  - `http_server_request_duration_seconds` has the route template `/hello/{name}` as its only `http_route`;
  - Prometheus stores an exemplar with the request's trace id;
  - the receiver decoded a server span of that trace, child of the caller's span, with `http.route`.
Exits 0 when all hold, 1 with the logs otherwise.
"""
import os
import secrets
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from peers import Peers, free_port, http_get, wait_for  # noqa: E402

ROUTE = "/hello/{name}"
METRIC = "http_server_request_duration_seconds"


def exemplar_trace_ids(prometheus):
    now = time.time()
    found = Peers.prometheus_api(prometheus, "query_exemplars", query=f"{METRIC}_bucket", start=now - 300, end=now)
    return {exemplar["labels"].get("trace_id") for series in found for exemplar in series["exemplars"]}


def server_spans(receiver, trace_id):
    return [span
            for export in Peers.otlp_exports(receiver, "/v1/traces")
            for resource in export.get("resource_spans", [])
            for scope in resource.get("scope_spans", [])
            for span in scope.get("spans", [])
            if span.get("trace_id") == trace_id and span.get("kind") == "SPAN_KIND_SERVER"]


def check(binary, peers):
    receiver = peers.otlp_receiver()
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "VERNIER_"))}
    environment.update({"PORT": str(port), "OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": receiver,
                        "OTEL_BSP_SCHEDULE_DELAY": "200"})
    peers.start("hummingbird-example", [binary], env=environment)
    app = f"http://127.0.0.1:{port}"
    wait_for("the app", lambda: http_get(f"{app}/metrics"), peers.processes)
    prometheus = peers.prometheus(f"127.0.0.1:{port}")
    wait_for("the first scrape", lambda: Peers.prometheus_api(prometheus, "query", query='up{job="example"} == 1')["result"],
             peers.processes)

    trace_id, parent_span_id = secrets.token_hex(16), secrets.token_hex(8)
    traced = urllib.request.Request(f"{app}/hello/world", headers={"traceparent": f"00-{trace_id}-{parent_span_id}-01"})
    if http_get(traced) != b"Hello, world!\n":
        raise AssertionError("GET /hello/world did not answer 'Hello, world!'")
    wait_for(f"an exemplar with trace id {trace_id}", lambda: trace_id in exemplar_trace_ids(prometheus), peers.processes)
    print(f"ok: Prometheus stores an exemplar with the request's trace id {trace_id}")

    http_get(f"{app}/hello/moon")

    wait_for(f"{METRIC} with two requests", lambda: Peers.prometheus_api(
        prometheus, "query", query=f'sum({METRIC}_count{{http_route="{ROUTE}"}}) == 2')["result"], peers.processes)
    routes = Peers.prometheus_api(prometheus, "label/http_route/values", **{"match[]": f"{METRIC}_count"})
    if routes != [ROUTE]:
        raise AssertionError(f"{METRIC} has http_route values {routes}, expected only {ROUTE}")
    print(f"ok: {METRIC} carries http_route=\"{ROUTE}\" and no raw path")

    wait_for(f"the server span of trace {trace_id}", lambda: server_spans(receiver, trace_id), peers.processes)
    span = server_spans(receiver, trace_id)[0]
    attributes = {attribute["key"]: attribute["value"] for attribute in span.get("attributes", [])}
    if span.get("parent_span_id") != parent_span_id:
        raise AssertionError(f"the span's parent is {span.get('parent_span_id')}, expected the caller's {parent_span_id}")
    if attributes.get("http.route") != {"string_value": ROUTE}:
        raise AssertionError(f"the span's http.route is {attributes.get('http.route')}, expected {ROUTE}")
    print(f"ok: the OTLP receiver decoded the server span '{span.get('name')}' of that trace, child of the caller's span")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="vernier-hummingbird-") as directory:
        with Peers(directory) as peers:
            try:
                check(str(Path(sys.argv[1]).resolve()), peers)
            except (AssertionError, RuntimeError, OSError, ValueError) as error:
                print(f"FAILED: {error}")
                peers.print_logs()
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
