#!/usr/bin/env python3
"""Kills vernier-bridge with SIGKILL while its remote-write store is down, tears a queued batch, restarts it on the
same queue directory with a real Prometheus back, and checks what arrives.

    check_crash_safety.py BINARY

A target served here counts its scrapes (request n serves `crash_test_requests_total n`). The bridge scrapes it
every second and remote-writes to a port where no Prometheus listens yet, queueing on disk. Once the target stops
answering and the last batches are on disk, the bridge gets SIGKILL. The queued files are decoded here (cramjam's
snappy and the wire reader of scripts/remote_write.py); the newest is cut short, as a torn write leaves it. Then a
Prometheus with its remote-write receiver starts on that port and a second bridge on the same directory. Checks:
- every counter value queued in an intact file arrives in Prometheus, with its timestamp;
- the torn file is skipped with a log line naming it, and the second bridge keeps running;
- the queue directory is empty once delivered, and SIGTERM stops the second bridge with status 0.
Exits 0 when all hold, 1 with the logs otherwise.
"""
import http.server
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import cramjam

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from peers import Peers, expect, free_port, http_get, run_checks, wait_for  # noqa: E402
from remote_write import write_request  # noqa: E402

QUEUE_HEADER_BYTES = 20


class CountingTarget(http.server.BaseHTTPRequestHandler):
    """Request n serves counter value n; 503 once `down`."""
    requests = 0
    down = False
    lock = threading.Lock()

    def do_GET(self):
        with CountingTarget.lock:
            if not CountingTarget.down:
                CountingTarget.requests += 1
            n, down = CountingTarget.requests, CountingTarget.down
        body = b"down\n" if down else f"# TYPE crash_test_requests_total counter\ncrash_test_requests_total {n}\n".encode()
        self.send_response(503 if down else 200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


def queued_files(queue):
    return sorted(queue.glob("shard-*/*.rwb"))


def counter_samples(path):
    """(value, timestamp) of crash_test_requests_total in one queue file, NaN staleness markers left out."""
    body = path.read_bytes()[QUEUE_HEADER_BYTES:]
    samples = set()
    for series in write_request(bytes(cramjam.snappy.decompress_raw(body))):
        if series["labels"].get("__name__") == "crash_test_requests_total":
            samples.update((s["value"], s["timestamp"]) for s in series["samples"] if s["value"] == s["value"])
    return samples


def start_bridge(peers, name, binary, target, sink_port, queue):
    listen = f"127.0.0.1:{free_port()}"
    process = peers.start(name, [
        binary, "--scrape", target, "--job", "crash", "--interval", "1s", "--timeout", "900ms",
        "--remote-write", f"http://127.0.0.1:{sink_port}/api/v1/write", "--queue-dir", str(queue), "--listen", listen])
    wait_for(f"{name}'s /metrics", lambda: http_get(f"http://{listen}/metrics"), peers.processes)
    return process


def check(binary, peers, directory, failures):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingTarget)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    target = f"http://127.0.0.1:{server.server_address[1]}/metrics"
    sink_port = free_port()
    queue = directory / "queue"

    first = start_bridge(peers, "bridge-1", binary, target, sink_port, queue)
    wait_for("five scrapes queued on disk", lambda: CountingTarget.requests >= 5 and len(queued_files(queue)) >= 3 or None,
             peers.processes, seconds=60)
    CountingTarget.down = True
    time.sleep(3)  # the batches of the last scrapes are cut (1 s deadline) and written
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    peers.processes.remove(first)  # its exit is the point, not a failure
    files = queued_files(queue)
    expect(len(files) >= 3, f"{len(files)} batches were queued on disk when the bridge was killed", failures)

    torn = files[-1]
    expected = set().union(*(counter_samples(path) for path in files[:-1]))
    with open(torn, "r+b") as handle:
        handle.truncate(max(QUEUE_HEADER_BYTES + 1, torn.stat().st_size - 10))
    expect(len(expected) >= 3, f"{len(expected)} counter samples sit in the intact files", failures)

    sink = directory / "sink"
    sink.mkdir()
    (sink / "prometheus.yml").write_text("global:\n  scrape_interval: 1m\n")
    peers.start("sink", [shutil.which("prometheus"), f"--config.file={sink / 'prometheus.yml'}", f"--storage.tsdb.path={sink / 'data'}",
                         f"--web.listen-address=127.0.0.1:{sink_port}", "--web.enable-remote-write-receiver"])
    sink_url = f"http://127.0.0.1:{sink_port}"
    wait_for("the sink Prometheus", lambda: http_get(f"{sink_url}/-/ready"), peers.processes)
    second = start_bridge(peers, "bridge-2", binary, target, sink_port, queue)

    def arrived():
        result = Peers.prometheus_api(sink_url, "query", query="crash_test_requests_total[1h]")["result"]
        return {(float(v), int(round(float(t) * 1000))) for series in result for t, v in series["values"]}

    try:
        wait_for("the queued samples in Prometheus", lambda: expected <= arrived() or None, peers.processes, seconds=60)
    except RuntimeError:
        pass
    values = arrived()
    expect(expected <= values, f"all {len(expected)} queued counter samples arrived with their timestamps", failures)
    wait_for("the queue to empty", lambda: not queued_files(queue) or None, peers.processes, seconds=30)
    expect(not queued_files(queue), "the queue directory is empty once everything was delivered", failures)
    log = (directory / "bridge-2.log").read_text()
    expect(torn.name in log and "skipped the queued batch" in log, f"the torn batch {torn.name} is skipped with a log line", failures)
    expect(second.poll() is None, "the second bridge keeps running", failures)
    second.send_signal(signal.SIGTERM)
    expect(second.wait(timeout=30) == 0, "SIGTERM stops the second bridge with status 0", failures)
    server.shutdown()


if __name__ == "__main__":
    sys.exit(run_checks(check, str(Path(sys.argv[1]).resolve())))
