"""Real peers for the dashboard check and the examples' checks, on 127.0.0.1 and free ports: the OTLP receiver of
the integration tests and Debian's Prometheus, started in order, each logging to a file, and stopped by pid in
reverse."""
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OTLP_RECEIVER = ROOT / "Tests" / "IntegrationTests" / "Peers" / "otlp_receiver.py"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(request, timeout=5):
    """The body answering a URL or urllib Request; OSError when the request fails, HTTPError for an error status."""
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def wait_for(description, ready, processes, seconds=30):
    """Returns once `ready()` is true; raises when a process exits first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited with {process.returncode} while waiting for {description}")
        try:
            if ready():
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {description}")


class Peers:
    """Processes started in order and stopped by pid in reverse; `directory` holds their logs."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.processes = []
        self.logs = []

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()

    def start(self, name, arguments, **options):
        log = open(self.directory / f"{name}.log", "w")
        self.logs.append(log)
        process = subprocess.Popen(arguments, stdout=options.pop("stdout", log), stderr=log, **options)
        self.processes.append(process)
        return process

    def print_logs(self):
        for log in self.logs:
            log.flush()
            print(f"--- {Path(log.name).name}\n{Path(log.name).read_text()[-4000:]}")

    def otlp_receiver(self):
        """Starts the receiver; its base URL, for `OTEL_EXPORTER_OTLP_ENDPOINT`."""
        receiver = self.start("otlp-receiver", [sys.executable, str(OTLP_RECEIVER)], stdout=subprocess.PIPE, text=True)
        port = receiver.stdout.readline().strip()
        if not port.isdigit():
            raise RuntimeError("the OTLP receiver did not start (make pip-deps installs opentelemetry-proto)")
        return f"http://127.0.0.1:{port}"

    @staticmethod
    def otlp_exports(receiver, path):
        """The decoded messages the receiver got on `path` (`/v1/metrics` or `/v1/traces`), in arrival order."""
        requests = json.loads(http_get(f"{receiver}/requests"))
        return [request.get("decoded", {}) for request in requests if request["path"] == path]

    def prometheus(self, target, job="example", flags=()):
        """Starts Prometheus with exemplar storage (and `flags`), scraping `target` (host:port) every second as
        `job`; its base URL."""
        binary = shutil.which("prometheus")
        if binary is None:
            raise RuntimeError("prometheus is not installed (make apt-deps installs Debian's package)")
        port = free_port()
        config = self.directory / "prometheus.yml"
        config.write_text("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                          f"scrape_configs:\n  - job_name: {job}\n    static_configs:\n      - targets: ['{target}']\n")
        self.start("prometheus", [
            binary, f"--config.file={config}", f"--storage.tsdb.path={self.directory / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}", "--enable-feature=exemplar-storage", *flags])
        url = f"http://127.0.0.1:{port}"
        wait_for("Prometheus", lambda: http_get(f"{url}/-/ready"), self.processes)
        return url

    @staticmethod
    def prometheus_api(url, path, **parameters):
        """The `data` of a Prometheus API answer; ValueError with Prometheus' message when it refused."""
        try:
            body = http_get(f"{url}/api/v1/{path}?{urllib.parse.urlencode(parameters, doseq=True)}", timeout=30)
        except urllib.error.HTTPError as error:
            body = error.read()
        answer = json.loads(body)
        if answer.get("status") != "success":
            raise ValueError(answer.get("error", "no error message"))
        return answer["data"]


def expect(condition, message, failures):
    """Prints one check's outcome; a failed one is added to `failures`."""
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def run_checks(check, binary):
    """Runs `check(binary, peers, directory, failures)` with peers in a temporary directory, prints "N passed,
    N failed" and the peers' logs on failure, and returns the exit status."""
    import tempfile
    failures = []
    with tempfile.TemporaryDirectory() as directory, Peers(directory) as peers:
        try:
            check(binary, peers, Path(directory), failures)
        except Exception as error:  # noqa: BLE001 - any failure is reported with the logs
            failures.append(repr(error))
        if failures:
            peers.print_logs()
    print(f"{0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0
