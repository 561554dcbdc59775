#!/usr/bin/env python3
"""Runs batch-job against the OTLP receiver of the integration tests and checks the one push it makes.

    check_example.py BINARY

Pipes five records (three good, two bad) into the job with the receiver as its OTLP endpoint, waits for it to
exit 0, then checks that exactly one metrics export arrived, from service `batch-job`, with the records by
outcome (3 imported, 2 rejected), the quantities' histogram (count 3, sum 135) and the duration gauge.
Exits 0 when all hold, 1 with the logs otherwise.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from peers import Peers  # noqa: E402

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


def check(binary, peers):
    receiver = peers.otlp_receiver()
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "VERNIER_"))}
    environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver
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
