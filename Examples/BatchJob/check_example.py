#!/usr/bin/env python3
"""Runs batch-job against the OTLP receiver of the integration tests and a real Pushgateway, and checks the one
push each gets as the process exits.

    check_example.py BINARY

Pipes five records (three good, two bad) into the job with the receiver as its OTLP endpoint and Debian's
Pushgateway as `VERNIER_PUSHGATEWAY_URL`, waits for it to exit 0, then checks that exactly one metrics export
arrived, from service `batch-job`, with the records by outcome (3 imported, 2 rejected), the quantities'
histogram (count 3, sum 135) and the duration gauge; and that the Pushgateway's group `job="batch-job"`, read
with prometheus_client's parser, holds the same records and quantities.
Exits 0 when all hold, 1 with the logs otherwise.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from peers import Peers, free_port, http_get, wait_for  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

RECORDS = "espresso-beans,120\ngrinder,15\nmilk-jug,oops\n,4\ntamper,0\n"


def metrics_by_name(export):
    """service.name of the export, and its metrics by name."""
    resource = export["resource_metrics"][0]
    attributes = {attribute["key"]: attribute["value"] for attribute in resource["resource"]["attributes"]}
    metrics = {metric["name"]: metric for scope in resource["scope_metrics"] for metric in scope["metrics"]}
    return attributes["service.name"].get("string_value"), metrics


def expect(what, actual, expected):
    if actual != expected:
        raise AssertionError(f"{what} is {actual!r}, expected {expected!r}")


def start_pushgateway(peers):
    """Debian's Pushgateway, keeping groups in memory only (its package default persists them in /var/lib)."""
    address = f"127.0.0.1:{free_port()}"
    peers.start("pushgateway", ["prometheus-pushgateway", f"--web.listen-address={address}", "--persistence.file="])
    wait_for("the Pushgateway", lambda: http_get(f"http://{address}/-/ready"), peers.processes)
    return f"http://{address}"


def pushed_samples(gateway):
    """The samples of the group job="batch-job" on the Pushgateway's /metrics, by name and labels."""
    samples = {}
    for family in text_string_to_metric_families(http_get(f"{gateway}/metrics").decode()):
        for sample in family.samples:
            if sample.labels.get("job") == "batch-job":
                labels = {k: v for k, v in sample.labels.items() if k not in ("job", "instance", "otel_scope_name", "otel_scope_version")}
                samples[(sample.name, tuple(sorted(labels.items())))] = sample.value
    return samples


def check(binary, peers):
    receiver = peers.otlp_receiver()
    gateway = start_pushgateway(peers)
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "VERNIER_"))}
    environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver
    environment["VERNIER_PUSHGATEWAY_URL"] = gateway
    job = subprocess.run([binary], input=RECORDS, env=environment, capture_output=True, text=True, timeout=60)
    print(job.stdout, end="")
    if job.returncode != 0:
        raise AssertionError(f"batch-job exited with {job.returncode}:\n{job.stderr}")

    exports = Peers.otlp_exports(receiver, "/v1/metrics")
    expect("the number of metrics exports", len(exports), 1)
    service, metrics = metrics_by_name(exports[0])
    expect("service.name", service, "batch-job")
    records = {point["attributes"][0]["value"]["string_value"]: point["as_int"]
               for point in metrics["stock.import.records"]["sum"]["data_points"]}
    expect("stock.import.records by outcome", records, {"imported": "3", "rejected": "2"})
    quantities = metrics["stock.import.quantity"]["histogram"]["data_points"][0]
    expect("the count of stock.import.quantity", quantities["count"], "3")
    expect("the sum of stock.import.quantity", quantities["sum"], 135.0)
    duration = metrics["stock.import.duration"]["gauge"]["data_points"][0]["as_double"]
    if not 0 < duration < 10:
        raise AssertionError(f"stock.import.duration is {duration}, expected a few milliseconds")
    print("ok: one OTLP export at exit carried the records by outcome, the quantities and the duration")

    pushed = pushed_samples(gateway)
    expect("stock_import_records_total by outcome on the Pushgateway",
           {dict(labels)["outcome"]: value for (name, labels), value in pushed.items() if name == "stock_import_records_total"},
           {"imported": 3.0, "rejected": 2.0})
    expect("the count of stock_import_quantity on the Pushgateway", pushed.get(("stock_import_quantity_count", ())), 3.0)
    expect("the sum of stock_import_quantity on the Pushgateway", pushed.get(("stock_import_quantity_sum", ())), 135.0)
    if not any(name == "push_time_seconds" for name, _ in pushed):
        raise AssertionError(f"the Pushgateway has no push_time_seconds for job batch-job: {sorted(pushed)}")
    print("ok: the Pushgateway group batch-job holds the same records and quantities, pushed as the process exited")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="vernier-batch-job-") as directory:
        with Peers(directory) as peers:
            try:
                check(str(Path(sys.argv[1]).resolve()), peers)
            except (AssertionError, RuntimeError, OSError, ValueError, KeyError, subprocess.TimeoutExpired) as error:
                print(f"FAILED: {error!r}")
                peers.print_logs()
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
