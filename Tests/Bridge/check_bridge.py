#!/usr/bin/env python3
"""Runs vernier-bridge against real peers and checks what arrives.

    check_bridge.py BINARY

Targets: a real Prometheus's own /metrics (counters, gauges, histograms and summaries), a target served here
whose every body is known (request n serves values computed from n), a path of it that serves malformed
exposition, a path that never answers, a path whose body is 100 MB, and a port where nothing listens. The bridge forwards to a second Prometheus's remote-write
receiver and to the OTLP receiver of the integration tests. Checks:
- every sample of the known target that arrives equals the value in the body of the same scrape;
- Prometheus's own families of all four types arrive, read from its protobuf exposition, over remote-write and OTLP,
  under job `source`;
- the dead, malformed, silent and huge targets report `up 0`, each counted by its error type; the malformed one is
  logged with its URL; the silent and huge ones never delay the others' rounds, and the bridge's memory stays bounded;
- a series that disappears, and then the whole target going down, become stale at once; its return is seen;
- SIGTERM stops the bridge with status 0.
Exits 0 when all hold, 1 with the logs otherwise.
"""
import http.server
import json
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from peers import Peers, expect, free_port, http_get, run_checks, wait_for  # noqa: E402


HUGE_BODY_BYTES = 100_000_000
BODY_LIMIT_BYTES = 8_000_000


class KnownTarget(http.server.BaseHTTPRequestHandler):
    """Serves request n's body; stops serving `bridge_test_ephemeral` after request 3; 503 while `down`."""
    requests = 0
    down = False
    lock = threading.Lock()

    def do_GET(self):
        if self.path == "/malformed":
            self.reply(200, 'bridge_broken{a="unterminated} 1\n')
            return
        if self.path == "/silent":
            time.sleep(30)
            return
        if self.path == "/huge":
            self.send_huge_body()
            return
        with KnownTarget.lock:
            if KnownTarget.down:
                self.reply(503, "down\n")
                return
            KnownTarget.requests += 1
            n = KnownTarget.requests
        body = (
            "# TYPE bridge_test_requests_total counter\n"
            f"bridge_test_requests_total {n}\n"
            "# TYPE bridge_test_temperature_celsius gauge\n"
            f"bridge_test_temperature_celsius {n * 1.5}\n"
            "# TYPE bridge_test_latency_seconds histogram\n"
            f'bridge_test_latency_seconds_bucket{{le="0.1"}} {n}\n'
            f'bridge_test_latency_seconds_bucket{{le="1"}} {2 * n}\n'
            f'bridge_test_latency_seconds_bucket{{le="+Inf"}} {3 * n}\n'
            f"bridge_test_latency_seconds_sum {10 * n}\n"
            f"bridge_test_latency_seconds_count {3 * n}\n"
            "# TYPE bridge_test_size_bytes summary\n"
            f'bridge_test_size_bytes{{quantile="0.5"}} {n / 2}\n'
            f'bridge_test_size_bytes{{quantile="0.9"}} {n * 0.9}\n'
            f"bridge_test_size_bytes_sum {n}\n"
            f"bridge_test_size_bytes_count {n}\n"
        )
        if n <= 3:
            body += "# TYPE bridge_test_ephemeral gauge\nbridge_test_ephemeral 7\n"
        self.reply(200, body)

    def send_huge_body(self):
        """100 MB of valid samples, written until the reader hangs up."""
        chunk = "".join(f"bridge_huge_{i} 1\n" for i in range(50_000)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(HUGE_BODY_BYTES - HUGE_BODY_BYTES % len(chunk)))
        self.end_headers()
        try:
            for _ in range(HUGE_BODY_BYTES // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *arguments):
        pass


def instant(prometheus, query):
    return Peers.prometheus_api(prometheus, "query", query=query)["result"]


def check(binary, peers, directory, failures):
    known = http.server.ThreadingHTTPServer(("127.0.0.1", 0), KnownTarget)
    threading.Thread(target=known.serve_forever, daemon=True).start()
    known_address = f"127.0.0.1:{known.server_address[1]}"
    dead_address = f"127.0.0.1:{free_port()}"

    source = peers.prometheus(dead_address, job="nothing")
    sink_directory = directory / "sink"
    sink_directory.mkdir()
    sink_url = start_sink(peers, sink_directory)
    receiver = peers.otlp_receiver()
    listen = f"127.0.0.1:{free_port()}"
    targets = directory / "targets.json"
    targets.write_text(json.dumps({"targets": [
        {"url": f"http://{known_address}/metrics", "job": "known", "labels": {"team": "bridge"}},
        {"url": f"http://{known_address}/malformed", "job": "broken"},
        {"url": f"http://{dead_address}/metrics", "job": "dead"},
        {"url": f"http://{known_address}/silent", "job": "silent"},
        {"url": f"http://{known_address}/huge", "job": "huge"},
    ]}))
    bridge = peers.start("vernier-bridge", [
        binary, "--scrape", f"{source}/metrics", "--job", "source", "--targets", str(targets), "--interval", "1s", "--timeout", "900ms",
        "--max-body-size", str(BODY_LIMIT_BYTES),
        "--remote-write", f"{sink_url}/api/v1/write", "--otlp-endpoint", receiver, "--listen", listen,
        "--queue-dir", str(directory / "queue")])
    wait_for("the bridge's /metrics", lambda: http_get(f"http://{listen}/metrics"), peers.processes)
    wait_for("the known target in the sink", lambda: instant(sink_url, "bridge_test_size_bytes_count") or None, peers.processes, seconds=60)
    time.sleep(4)

    # Every arriving sample of the known target equals the body of the scrape it came from.
    counters = Peers.prometheus_api(sink_url, "query", query="bridge_test_requests_total[5m]")["result"]
    expect(len(counters) == 1 and counters[0]["metric"].get("team") == "bridge" and counters[0]["metric"].get("job") == "known",
           "the known target's counter arrives once, with its job and target label", failures)
    by_time = {float(t): float(v) for t, v in counters[0]["values"]} if counters else {}
    formulas = {
        'bridge_test_temperature_celsius': lambda n: n * 1.5,
        'bridge_test_latency_seconds_bucket{le="0.1"}': lambda n: n,
        'bridge_test_latency_seconds_bucket{le="1.0"}': lambda n: 2 * n,
        'bridge_test_latency_seconds_bucket{le="+Inf"}': lambda n: 3 * n,
        'bridge_test_latency_seconds_sum': lambda n: 10 * n,
        'bridge_test_latency_seconds_count': lambda n: 3 * n,
        'bridge_test_size_bytes{quantile="0.5"}': lambda n: n / 2,
        'bridge_test_size_bytes{quantile="0.9"}': lambda n: n * 0.9,
        'bridge_test_size_bytes_sum': lambda n: n,
        'bridge_test_size_bytes_count': lambda n: n,
    }
    compared = 0
    mismatches = []
    for selector, formula in formulas.items():
        for series in Peers.prometheus_api(sink_url, "query", query=f"{selector}[5m]")["result"]:
            for t, v in series["values"]:
                n = by_time.get(float(t))
                if n is None:
                    mismatches.append(f"{selector} at {t} has no counter sample of the same scrape")
                elif abs(float(v) - formula(n)) > 1e-9:
                    mismatches.append(f"{selector} at {t}: {v}, the body had {formula(n)}")
                compared += 1
    expect(compared >= 20 and not mismatches, f"{compared} samples equal the bodies of their scrapes {mismatches[:3]}", failures)
    times = sorted(by_time)
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    expect(len(times) >= 3 and max(gaps) <= 2.5,
           f"the silent and huge targets never delay a round: the known target was scraped every {gaps} s", failures)

    # Prometheus's own families of all four types, over remote-write and OTLP. Asked as the bridge asks, Prometheus
    # answers in the protobuf format, so these arrived through the protobuf parser.
    import urllib.request
    accept = ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.9,"
              "application/openmetrics-text;version=1.0.0;q=0.8,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
    with urllib.request.urlopen(urllib.request.Request(f"{source}/metrics", headers={"Accept": accept}), timeout=5) as answer:
        content_type = answer.headers.get("Content-Type", "")
    expect(content_type.startswith("application/vnd.google.protobuf"), f"the source answers the bridge's Accept in protobuf: {content_type}", failures)
    for query in ['prometheus_http_requests_total{job="source"}', 'go_goroutines{job="source"}',
                  'prometheus_http_request_duration_seconds_bucket{job="source",le="+Inf"}', 'go_gc_duration_seconds{job="source",quantile="0.5"}']:
        expect(bool(instant(sink_url, query)), f"{query} arrives over remote-write", failures)
    exports = Peers.otlp_exports(receiver, "/v1/metrics")
    kinds = set()
    for export in exports:
        for resource in export.get("resource_metrics", []):
            attributes = {a["key"]: a["value"].get("string_value") for a in resource["resource"]["attributes"]}
            if attributes.get("service.name") == "source":
                for scope in resource["scope_metrics"]:
                    for metric in scope["metrics"]:
                        kinds.update(key for key in ("sum", "gauge", "histogram", "summary") if key in metric)
    expect(kinds == {"sum", "gauge", "histogram", "summary"}, f"OTLP carries the source's sums, gauges, histograms and summaries: {sorted(kinds)}", failures)

    # Failing targets.
    up = {series["metric"]["job"]: series["value"][1] for series in instant(sink_url, "up")}
    expect(up.get("dead") == "0" and up.get("broken") == "0" and up.get("silent") == "0" and up.get("huge") == "0"
           and up.get("known") == "1" and up.get("source") == "1", f"up per job: {up}", failures)
    own = http_get(f"http://{listen}/metrics").decode()
    for error_type in ("malformed", "timeout", "body_too_large", "unreachable"):
        expect(f'error_type="{error_type}"' in own, f"the bridge counts {error_type} scrapes in its own /metrics", failures)
    peak = next(int(line.split()[1]) for line in Path(f"/proc/{bridge.pid}/status").read_text().splitlines() if line.startswith("VmHWM"))
    expect(peak < 300_000, f"the bridge's peak memory stays bounded while a target serves 100 MB bodies: {peak} kB", failures)
    log = (directory / "vernier-bridge.log").read_text()
    expect(f"http://{known_address}/malformed" in log and "line 1" in log, "the malformed target is logged with its URL and the line", failures)

    # Staleness: the ephemeral series went after request 3; then the whole target goes down, then returns.
    expect(instant(sink_url, "bridge_test_ephemeral") == [] and Peers.prometheus_api(sink_url, "query", query="bridge_test_ephemeral[5m]")["result"] != [],
           "a series that disappeared is stale at once", failures)
    KnownTarget.down = True
    time.sleep(3)
    expect(instant(sink_url, 'bridge_test_requests_total') == [] and instant(sink_url, 'up{job="known"}')[0]["value"][1] == "0",
           "a target that goes down gives up 0 and its series go stale", failures)
    KnownTarget.down = False
    wait_for("the known target's return", lambda: instant(sink_url, 'bridge_test_requests_total') or None, peers.processes, seconds=20)
    expect(instant(sink_url, 'up{job="known"}')[0]["value"][1] == "1", "its return is picked up", failures)

    bridge.send_signal(signal.SIGTERM)
    expect(bridge.wait(timeout=30) == 0, "SIGTERM stops the bridge with status 0", failures)
    known.shutdown()


def start_sink(peers, directory):
    """A second Prometheus, only a remote-write receiver."""
    import shutil
    port = free_port()
    config = directory / "prometheus.yml"
    config.write_text("global:\n  scrape_interval: 1m\n")
    peers.start("sink", [shutil.which("prometheus"), f"--config.file={config}", f"--storage.tsdb.path={directory / 'data'}",
                         f"--web.listen-address=127.0.0.1:{port}", "--web.enable-remote-write-receiver"])
    url = f"http://127.0.0.1:{port}"
    wait_for("the sink Prometheus", lambda: http_get(f"{url}/-/ready"), peers.processes)
    return url


if __name__ == "__main__":
    sys.exit(run_checks(check, str(Path(sys.argv[1]).resolve())))
