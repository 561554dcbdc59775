#!/usr/bin/env python3
"""Load figures of Vernier's HTTP server instrumentation: `make load`.

Usage: load.py PATH/TO/VernierLoadServer [--quick]

Loads `VernierLoadServer` (Benchmarks/Sources/VernierLoadServer) with wrk on 127.0.0.1 and prints one table per
figure, then writes them all to Benchmarks/results/load.json:

1. Saturation: the server bare, with the SDK disabled (OTEL_SDK_DISABLED) and instrumented, in interleaved
   rounds of a fresh server each; the median requests per second, the server's CPU time per request (user and
   system, from /proc: steadier than throughput on a shared machine) and p50/p99 latency of each, and ratios.
2. A paced rate: 10 000 requests a second for 60 s on the instrumented server (each of 110 connections waits
   10 ms after each answer, through wrk's `delay()`, which with the answer's own time makes about 10 000);
   errors, the rate reached, and the resident memory every 5 s.
3. Distinct requests: 100 000 requests with distinct paths, ids, methods and traceparents; the series the
   server exposes and its resident memory after the first 10 000, after 50 000 and after all of them.
4. Scrapes under contention: 200 scrapes of /metrics while two threads record into one histogram, and without.
5. Where the CPU goes: `perf record` of the instrumented server at saturation, as the share of its samples
   spent inside each part of the instrumentation (inclusive of what each calls). Left out when perf cannot
   record here.

--quick shortens every phase (for checking the script, not for figures).
"""
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results", "load.json")
PRODUCT_PATH = "/products/grinder"
WRK_THREADS = 1
SATURATION_CONNECTIONS = 64

PACED_SCRIPT = """
request = function() return wrk.format("GET", "%s", {["x-request-id"] = "paced"}) end
delay = function() return 10 end
""" % PRODUCT_PATH

# Every request distinct: a new id, path, method and trace; a third of the paths match no route, a third name
# products that do not exist, a third carry a query string; seven methods, two of them (WebDAV's PROPFIND and the
# caches' PURGE) outside the conventions' list, so recorded as _OTHER. Numbers requests from
# FIRST on and stops sending after TOTAL answers (wrk still waits out its duration).
DISTINCT_SCRIPT = """
local methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "PURGE"}
local sent, answered, total = %d, 0, %d
request = function()
  sent = sent + 1
  local path
  if sent %% 3 == 0 then path = "/products/p" .. sent
  elseif sent %% 3 == 1 then path = "/unrouted/" .. sent .. "/x"
  else path = "/products/grinder?session=" .. sent end
  local trace = string.format("00-%%032x-%%016x-01", sent, sent + 1)
  return wrk.format(methods[sent %% #methods + 1], path, {["x-request-id"] = "r" .. sent, ["traceparent"] = trace})
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= total then wrk.thread:stop() end
end
"""

# The inclusive share of the instrumented server's samples in each part, by demangled symbol.
PERF_PARTS = [
    ("instrumentation handler, reading a request (span, metrics, route, attributes)", "HTTPServerInstrumentationHandler.start("),
    ("  span start (ids, sampler, context)", "VernierTracer.startSpan<"),
    ("  trace context read from the request", "VernierTracer.extract<"),
    ("  active-requests count and its attributes", "HTTPServerMetrics.requestStarted("),
    ("  route matching", "HTTPRouteTemplates.route(for:)"),
    ("instrumentation handler, response head (status, traceparent written)", "HTTPServerInstrumentationHandler.respond("),
    ("  trace context written to the response", "VernierTracer.inject<"),
    ("instrumentation handler, request end (duration, span end)", "HTTPServerInstrumentationHandler.finish("),
    ("  duration histogram with its exemplar", "HTTPServerRequestObservation.finish("),
    ("  span end", "VernierSpan.end<"),
    ("application: view counter with its exemplar", "SumInstrument.addOfferingExemplars"),
    ("exemplar: span identity of the current context", "ServiceContextSpanSource.currentSpan()"),
    ("service context bound to the thread (task-local push and pop)", "Context.withValue<"),
]


class Server:
    """One VernierLoadServer process; stopped by closing its standard input, then by its pid."""

    def __init__(self, binary, mode, hammer_threads=0):
        self.process = subprocess.Popen(
            [binary, "--mode", mode, "--hammer-threads", str(hammer_threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        match = re.match(r"api=(\d+) metrics=(\d+)", line)
        if not match:
            self.stop()
            raise RuntimeError(f"VernierLoadServer --mode {mode} did not start: {line!r}")
        self.api_port, self.metrics_port = int(match.group(1)), int(match.group(2))

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop()

    @property
    def pid(self):
        return self.process.pid

    def url(self, path=PRODUCT_PATH):
        return f"http://127.0.0.1:{self.api_port}{path}"

    def cpu_seconds(self):
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_megabytes(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def scrape(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.metrics_port, timeout=10)
        try:
            connection.request("GET", "/metrics")
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def series(self):
        status, body = self.scrape()
        if status != 200:
            raise RuntimeError(f"/metrics answered {status}")
        return sum(1 for line in body.splitlines() if line and not line.startswith("#"))

    def stop(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


def wrk(url, seconds, connections, script=None, latency=True):
    """Runs wrk and returns its figures: requests, seconds, rate, p50/p99 in ms, errors."""
    arguments = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    if latency:
        arguments.append("--latency")
    script_file = None
    if script:
        script_file = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script_file.write(script)
        script_file.close()
        arguments += ["-s", script_file.name]
    try:
        output = subprocess.run(arguments + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        if script_file:
            os.unlink(script_file.name)
    figures = {"requests": 0, "seconds": float(seconds), "errors": 0, "non_2xx": 0}
    match = re.search(r"(\d+) requests in ([\d.]+)(\w+)", output)
    if match:
        figures["requests"] = int(match.group(1))
        figures["seconds"] = float(match.group(2)) * {"ms": 0.001, "s": 1, "m": 60}.get(match.group(3), 1)
    figures["rate"] = figures["requests"] / figures["seconds"] if figures["seconds"] else 0
    for percentile, key in (("50%", "p50_ms"), ("99%", "p99_ms")):
        match = re.search(rf"^\s*{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if match:
            figures[key] = float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[match.group(2)]
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if match:
        figures["errors"] = sum(int(group) for group in match.groups())
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if match:
        figures["non_2xx"] = int(match.group(1))
    return figures


def table(title, header, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")


def saturation(binary, rounds, seconds):
    modes = ["bare", "disabled", "instrumented"]
    runs = {mode: [] for mode in modes}
    for _ in range(rounds):
        for mode in modes:
            with Server(binary, mode) as server:
                wrk(server.url(), 1, SATURATION_CONNECTIONS, latency=False)
                cpu_before = server.cpu_seconds()
                run = wrk(server.url(), seconds, SATURATION_CONNECTIONS)
                run["cpu_us_per_request"] = (server.cpu_seconds() - cpu_before) * 1e6 / max(run["requests"], 1)
                runs[mode].append(run)
    medians = {mode: {key: statistics.median(run[key] for run in runs[mode])
                      for key in ("rate", "cpu_us_per_request", "p50_ms", "p99_ms")}
               for mode in modes}
    bare, disabled = medians["bare"], medians["disabled"]
    rows = []
    for mode in modes:
        figures = medians[mode]
        rows.append([mode, f"{figures['rate']:,.0f}", f"{figures['rate'] / bare['rate']:.3f}",
                     f"{figures['rate'] / disabled['rate']:.3f}", f"{figures['cpu_us_per_request']:.2f}",
                     f"{figures['cpu_us_per_request'] / bare['cpu_us_per_request']:.3f}", f"{figures['p50_ms']:.3f}",
                     f"{figures['p50_ms'] / bare['p50_ms']:.2f}", f"{figures['p99_ms']:.3f}",
                     f"{figures['p99_ms'] / bare['p99_ms']:.2f}",
                     " ".join(f"{run['rate']:,.0f}" for run in runs[mode])])
    table(f"Saturation: wrk -t{WRK_THREADS} -c{SATURATION_CONNECTIONS}, {rounds} interleaved rounds of {seconds} s, medians",
          ["server", "req/s", "vs bare", "vs disabled", "CPU µs/request", "vs bare", "p50 ms", "p50 vs bare", "p99 ms",
           "p99 vs bare", "each round (req/s)"],
          rows)
    errors = sum(run["errors"] + run["non_2xx"] for mode in modes for run in runs[mode])
    return {"medians": medians, "rounds": runs, "errors": errors,
            "throughput_cost_vs_bare": 1 - medians["instrumented"]["rate"] / bare["rate"],
            "cpu_per_request_cost_vs_bare": medians["instrumented"]["cpu_us_per_request"] / bare["cpu_us_per_request"] - 1,
            "throughput_cost_vs_disabled": 1 - medians["instrumented"]["rate"] / disabled["rate"]}


def paced(binary, seconds):
    samples = []
    with Server(binary, "instrumented") as server:
        result = {}
        runner = threading.Thread(target=lambda: result.update(wrk(server.url(), seconds, 110, PACED_SCRIPT)))
        start = time.monotonic()
        runner.start()
        while runner.is_alive():
            samples.append((round(time.monotonic() - start), server.rss_megabytes()))
            runner.join(timeout=5)
        samples.append((round(time.monotonic() - start), server.rss_megabytes()))
    after_warmup = [rss for at, rss in samples if at >= 10] or [rss for _, rss in samples]
    table(f"Paced: 10 000 req/s asked for {seconds} s (wrk -c110, each connection 10 ms between requests), instrumented",
          ["requests", "rate reached", "errors", "non-2xx", "p50 ms", "p99 ms", "RSS every 5 s (MB)", "RSS growth after 10 s"],
          [[f"{result['requests']:,}", f"{result['rate']:,.0f}/s", result["errors"], result["non_2xx"],
            f"{result.get('p50_ms', 0):.3f}", f"{result.get('p99_ms', 0):.3f}",
            " ".join(f"{rss:.1f}" for _, rss in samples), f"{max(after_warmup) - min(after_warmup):.1f} MB"]])
    return {"wrk": result, "rss_megabytes": samples}


def distinct(binary, total):
    stages = (0, total // 10, total // 2, total)
    rows, figures = [], []
    with Server(binary, "instrumented") as server:
        for start, end in zip(stages, stages[1:]):
            count = end - start
            # wrk waits out its duration after the script stops it: long enough for count at 5 000 req/s.
            result = wrk(server.url(), max(3, count // 5000), 32, DISTINCT_SCRIPT % (start, count), latency=False)
            server.scrape()
            figures.append({"requests": result["requests"], "errors": result["errors"], "series": server.series(),
                            "rss_megabytes": server.rss_megabytes()})
    answered = 0
    for figure in figures:
        answered += figure["requests"]
        rows.append([f"{answered:,}", figure["errors"], figure["series"], f"{figure['rss_megabytes']:.1f}"])
    table(f"Distinct requests: {total:,} with distinct paths, ids, methods and traceparents, instrumented",
          ["requests answered so far", "socket errors", "series exposed", "RSS (MB)"], rows)
    return figures


def scrapes(binary, count):
    rows, figures = [], {}
    for hammer_threads in (0, 2):
        with Server(binary, "instrumented", hammer_threads=hammer_threads) as server:
            server.scrape()
            times = []
            for _ in range(count):
                start = time.perf_counter()
                status, _ = server.scrape()
                times.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    raise RuntimeError(f"/metrics answered {status}")
        times.sort()
        p50, p99 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]
        figures[hammer_threads] = {"p50_ms": p50, "p99_ms": p99}
        rows.append([f"{hammer_threads} threads recording into one histogram", count, f"{p50:.2f}", f"{p99:.2f}"])
    table("Scrapes of /metrics under contention, instrumented", ["while", "scrapes", "p50 ms", "p99 ms"], rows)
    return figures


def perf_breakdown(binary, seconds):
    if not shutil.which("perf"):
        print("\n(perf is not installed: no CPU breakdown)")
        return None
    with tempfile.TemporaryDirectory() as directory, Server(binary, "instrumented") as server:
        data = os.path.join(directory, "perf.data")
        load = threading.Thread(target=wrk, args=(server.url(), seconds + 3, SATURATION_CONNECTIONS), kwargs={"latency": False})
        load.start()
        time.sleep(1.5)
        recorded = subprocess.run(["perf", "record", "-F", "1999", "-g", "-p", str(server.pid), "-o", data, "--", "sleep", str(seconds)],
                                  capture_output=True, text=True)
        load.join()
        if recorded.returncode != 0 or not os.path.exists(data):
            print(f"\n(perf cannot record here: {recorded.stderr.strip().splitlines()[-1:] or recorded.returncode})")
            return None
        report = subprocess.run(["perf", "report", "-i", data, "--children", "--sort", "sym", "-g", "none", "--stdio"],
                                capture_output=True, text=True).stdout
    demangled = subprocess.run(["swift", "demangle", "--simplified"], input=report, capture_output=True, text=True).stdout
    inclusive = {}
    for line in demangled.splitlines():
        match = re.match(r"\s*([\d.]+)%\s+[\d.]+%\s+\[\.\]\s+(.*)$", line)
        if match:
            symbol = match.group(2)
            for _, pattern in PERF_PARTS:
                if pattern in symbol and "partial apply" not in symbol and "closure" not in symbol:
                    inclusive[pattern] = max(inclusive.get(pattern, 0.0), float(match.group(1)))
    rows = [[name, f"{inclusive.get(pattern, 0.0):.1f} %"] for name, pattern in PERF_PARTS]
    table(f"Where the instrumented server's CPU goes: perf record -g for {seconds} s at saturation, inclusive share of its samples",
          ["part", "share"], rows)
    return {name: inclusive.get(pattern, 0.0) for name, pattern in PERF_PARTS}


def cpu_model():
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def main():
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    quick = "--quick" in sys.argv
    if len(arguments) != 1 or not shutil.which("wrk"):
        sys.exit(__doc__ if len(arguments) != 1 else "wrk is not installed (make load installs it)")
    binary = arguments[0]
    print(f"VernierLoadServer under wrk on 127.0.0.1; {os.cpu_count()} cores, {cpu_model()}; "
          f"load average {os.getloadavg()[0]:.2f} at start. wrk and the server share the cores.")
    results = {"cpu": cpu_model(), "cores": os.cpu_count()}
    results["saturation"] = saturation(binary, rounds=2 if quick else 5, seconds=2 if quick else 6)
    results["paced"] = paced(binary, seconds=10 if quick else 60)
    results["distinct"] = distinct(binary, total=10_000 if quick else 100_000)
    results["scrapes"] = scrapes(binary, count=20 if quick else 200)
    results["perf"] = perf_breakdown(binary, seconds=2 if quick else 6)
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(RESULTS, "w") as output:
        json.dump(results, output, indent=2)
    print(f"\nfigures written to {os.path.normpath(RESULTS)}")


if __name__ == "__main__":
    main()
