#!/usr/bin/env python3
"""Checks the Grafana dashboards in dashboards/ and runs every one of their queries through a real Prometheus.

    verify_dashboards.py DEMO_BINARY [--dashboards DIR] [--seconds N]

First the JSON of each dashboard: a stable uid (its file name), schemaVersion 38 or 39, the `vernier` tag and
the link to the other Vernier dashboards, a Prometheus entry in `__inputs`, the `datasource`, `job` and
`instance` variables, unique panel ids, panels inside the 24-column grid that do not overlap, the datasource
variable on every panel and target, a unit on every graph, and no `$variable` that is not defined.

Then the queries. On 127.0.0.1 and free ports it starts Prometheus (scraping the demo every second, with
exemplar storage and the remote-write receiver on), the OTLP receiver of the integration tests, and the demo
pushing OTLP and remote writes, so that every exporter self-metric exists. It sends traffic at the shop API
(products that exist and one that does not, checkouts, some of which fail) while Prometheus scrapes for N
seconds (30 by default). Then it resolves the variables through the Prometheus API as Grafana's `label_values`
does (`job` set to the scraped job, multi-value variables to every value), substitutes them and Grafana's
interval variables, and runs each target's expression through /api/v1/query: it must parse and return at
least one series. Targets with exemplars on must also get exemplars from /api/v1/query_exemplars.

Exits 0 when everything passes, 1 with one line per failure naming the dashboard and the panel.
"""
import argparse
import json
import os
import re
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from peers import Peers, free_port, http_get, wait_for  # noqa: E402

SCRAPE_JOB = "vernier-demo"
GRID_COLUMNS = 24
DATASOURCE_REFERENCES = {"${datasource}", "$datasource"}
# What Grafana substitutes for its own variables with a Prometheus data source at the default 15 s scrape
# interval and the dashboards' default range of one hour.
GRAFANA_BUILTINS = {"__rate_interval": "1m", "__interval": "15s", "__range": "1h"}
# ${name}, ${name:format}, $name or [[name]]; names with dots are Grafana's field and series references.
VARIABLE_REFERENCE = re.compile(r"\$\{([\w.]+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]")
LABEL_VALUES = re.compile(r"^label_values\((?:(.+),\s*)?(\w+)\)$")
REGEX_SPECIAL = re.compile(r"([\\^$*+?.()|{}\[\]])")


class Failures(list):
    """One line per problem: the dashboard file, where in it, and what is wrong."""

    def add(self, dashboard, where, message):
        self.append(f"{dashboard}: {where}: {message}")


# ---------------------------------------------------------------------------------------------------- structure

def panels_of(dashboard):
    """Every panel, those inside rows included."""
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


def queries_of(dashboard):
    """(panel, target) for every target of every panel that queries."""
    for panel in panels_of(dashboard):
        for target in panel.get("targets", []):
            yield panel, target


def variable_references(node):
    """The names of the variables referenced in every string of a JSON value."""
    if isinstance(node, str):
        for match in VARIABLE_REFERENCE.finditer(node):
            yield next(group for group in match.groups() if group)
    elif isinstance(node, dict):
        for value in node.values():
            yield from variable_references(value)
    elif isinstance(node, list):
        for value in node:
            yield from variable_references(value)


def check_structure(path, dashboard, failures):
    name = path.name
    if dashboard.get("uid") != path.stem:
        failures.add(name, "uid", f"is {dashboard.get('uid')!r}, not the file name {path.stem!r}")
    if dashboard.get("schemaVersion") not in (38, 39):
        failures.add(name, "schemaVersion", f"{dashboard.get('schemaVersion')} is not one Grafana 10 and 11 both import (38, 39)")
    if dashboard.get("id") is not None:
        failures.add(name, "id", "must be null so that importing never overwrites another dashboard")
    if "vernier" not in dashboard.get("tags", []):
        failures.add(name, "tags", "lacks the 'vernier' tag the dashboards link each other by")
    if not any(link.get("type") == "dashboards" and "vernier" in link.get("tags", []) and link.get("includeVars")
               for link in dashboard.get("links", [])):
        failures.add(name, "links", "no link to the dashboards tagged 'vernier' that keeps the variables")
    inputs = dashboard.get("__inputs", [])
    if not any(entry.get("type") == "datasource" and entry.get("pluginId") == "prometheus" for entry in inputs):
        failures.add(name, "__inputs", "no Prometheus datasource entry")

    variables = {variable["name"]: variable for variable in dashboard.get("templating", {}).get("list", [])}
    datasource = variables.get("datasource", {})
    if datasource.get("type") != "datasource" or datasource.get("query") != "prometheus":
        failures.add(name, "variables", "no 'datasource' variable choosing a Prometheus data source")
    for required in ("job", "instance"):
        if variables.get(required, {}).get("type") != "query":
            failures.add(name, "variables", f"no '{required}' query variable")
    known = set(variables) | {entry["name"] for entry in inputs}
    for reference in sorted(set(variable_references(dashboard))):
        if reference not in known and not reference.startswith("__"):
            failures.add(name, "variables", f"${reference} is used but not defined")

    ids = [panel.get("id") for panel in panels_of(dashboard)]
    for duplicate in sorted({panel_id for panel_id in ids if ids.count(panel_id) > 1}, key=str):
        failures.add(name, "panels", f"id {duplicate} is used more than once")
    check_grid(name, list(panels_of(dashboard)), failures)

    for panel in panels_of(dashboard):
        title = panel.get("title", "?")
        if "targets" not in panel:
            continue
        if panel.get("datasource", {}).get("uid") not in DATASOURCE_REFERENCES:
            failures.add(name, title, "the panel does not use the datasource variable")
        if panel["type"] in ("timeseries", "stat", "bargauge") and not panel.get("fieldConfig", {}).get("defaults", {}).get("unit"):
            failures.add(name, title, "no unit")
        for target in panel["targets"]:
            if target.get("datasource", {}).get("uid") not in DATASOURCE_REFERENCES:
                failures.add(name, title, f"target {target.get('refId')} does not use the datasource variable")
            if not target.get("expr"):
                failures.add(name, title, f"target {target.get('refId')} has no expression")


def check_grid(name, panels, failures):
    placed = []
    for panel in panels:
        title, grid = panel.get("title", "?"), panel.get("gridPos", {})
        x, y, w, h = (grid.get(key) for key in ("x", "y", "w", "h"))
        if None in (x, y, w, h) or x < 0 or y < 0 or w < 1 or h < 1 or x + w > GRID_COLUMNS:
            failures.add(name, title, f"gridPos {grid} is not inside the {GRID_COLUMNS}-column grid")
            continue
        for other_title, (ox, oy, ow, oh) in placed:
            if x < ox + ow and ox < x + w and y < oy + oh and oy < y + h:
                failures.add(name, title, f"overlaps '{other_title}' in the grid")
        placed.append((title, (x, y, w, h)))


# ---------------------------------------------------------------------------------------------------- peers

class DemoPeers(Peers):
    """Prometheus, the OTLP receiver and the demo, started in that order and stopped by pid in reverse."""

    def __init__(self, demo, directory):
        super().__init__(directory)
        self.demo_binary = demo

    def __enter__(self):
        try:
            self.start_all()
        except BaseException:
            self.__exit__()
            raise
        return self

    def start_all(self):
        metrics_port, self.api_port = free_port(), free_port()
        self.prometheus_url = self.prometheus(f"127.0.0.1:{metrics_port}", job=SCRAPE_JOB,
                                              flags=["--web.enable-remote-write-receiver"])
        otlp_receiver = self.otlp_receiver()
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "VERNIER_"))}
        environment.update({
            "VERNIER_DEMO_API_PORT": str(self.api_port),
            "OTEL_METRICS_EXPORTER": "prometheus,otlp",
            "OTEL_TRACES_EXPORTER": "otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT": otlp_receiver,
            "OTEL_METRIC_EXPORT_INTERVAL": "2000",
            "VERNIER_REMOTE_WRITE_URL": f"{self.prometheus_url}/api/v1/write",
            "VERNIER_REMOTE_WRITE_INTERVAL": "2",
        })
        self.start("demo", [self.demo_binary, "--host", "127.0.0.1", "--port", str(metrics_port)], env=environment)
        wait_for("the demo's API", lambda: http_get(f"http://127.0.0.1:{self.api_port}/products/grinder"), self.processes)
        wait_for("the first scrape", lambda: self.query(f'up{{job="{SCRAPE_JOB}"}} == 1'), self.processes)

    def api(self, path, **parameters):
        return self.prometheus_api(self.prometheus_url, path, **parameters)

    def query(self, expression):
        return self.api("query", query=expression)["result"]

    def check_processes(self):
        for process in self.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited early with {process.returncode}")


class Traffic(threading.Thread):
    """Requests at the shop API until stopped: products that exist and one that does not (404), and checkouts,
    about one in eight of which the API fails with 500."""

    REQUESTS = [("GET", "/products/grinder"), ("GET", "/products/espresso-beans"), ("GET", "/products/milk-jug"),
                ("GET", "/products/teapot"), ("POST", "/checkout"), ("POST", "/checkout")]

    def __init__(self, port):
        super().__init__(daemon=True)
        self.base = f"http://127.0.0.1:{port}"
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            for method, path in self.REQUESTS:
                request = urllib.request.Request(self.base + path, method=method, data=b"" if method == "POST" else None)
                try:
                    http_get(request)
                except OSError:  # 404 and 500 answers are part of the traffic
                    pass
            self.stopped.wait(0.05)


# ---------------------------------------------------------------------------------------------------- queries

def grafana_format(values, variable):
    """A variable's selection as Grafana writes it into a Prometheus query."""
    if variable.get("multi") or variable.get("includeAll"):
        escaped = [REGEX_SPECIAL.sub(r"\\\\\1", value) for value in values]
        return escaped[0] if len(escaped) == 1 else "(" + "|".join(escaped) + ")"
    return values[0].replace("\\", "\\\\").replace("'", "\\'")


def substitute(text, selections):
    def replace(match):
        name = next(group for group in match.groups() if group)
        if name in GRAFANA_BUILTINS:
            return GRAFANA_BUILTINS[name]
        if name in selections:
            return selections[name]
        raise KeyError(name)
    return VARIABLE_REFERENCE.sub(replace, text)


def label_values(peers, definition, selections):
    """What Grafana's label_values(metric, label) lists, through the series API."""
    match = LABEL_VALUES.match(substitute(definition, selections).strip())
    if match is None:
        raise ValueError(f"'{definition}' is not a label_values(...) query")
    selector, label = match.groups()
    if selector is None:
        return peers.api(f"label/{label}/values")
    now = time.time()
    series = peers.api("series", **{"match[]": selector, "start": now - 3600, "end": now})
    return sorted({entry[label] for entry in series if label in entry})


def resolve_variables(peers, name, dashboard, failures):
    """The value of every query variable, as Grafana would substitute it; None when one cannot be resolved."""
    selections = {}
    for variable in dashboard["templating"]["list"]:
        if variable["type"] != "query":
            continue
        definition = variable.get("definition") or variable["query"]["query"]
        try:
            values = label_values(peers, definition, selections)
        except (ValueError, KeyError) as error:
            failures.add(name, f"variable {variable['name']}", f"{definition}: {error}")
            return None
        if variable["name"] == "job":
            if SCRAPE_JOB not in values:
                failures.add(name, "variable job", f"{definition} lists {values}, not the scraped job '{SCRAPE_JOB}'")
                return None
            values = [SCRAPE_JOB]
        if not values:
            failures.add(name, f"variable {variable['name']}", f"{definition} lists nothing")
            return None
        selections[variable["name"]] = grafana_format(values, variable)
    return selections


def check_queries(peers, name, dashboard, failures):
    """Runs every target; returns how many expressions and exemplar queries ran."""
    selections = resolve_variables(peers, name, dashboard, failures)
    if selections is None:
        return 0, 0
    expressions = exemplar_queries = 0
    for panel, target in queries_of(dashboard):
        where = f"{panel['title']} ({target['refId']})"
        try:
            expression = substitute(target["expr"], selections)
        except KeyError as error:
            failures.add(name, where, f"${error.args[0]} has no value in a query")
            continue
        expressions += 1
        try:
            result = peers.query(expression)
        except ValueError as error:
            failures.add(name, where, f"Prometheus rejects {expression}: {error}")
            continue
        if not result:
            failures.add(name, where, f"no series for {expression}")
        if target.get("exemplar"):
            exemplar_queries += 1
            now = time.time()
            found = peers.api("query_exemplars", query=expression, start=now - 300, end=now)
            if not any(entry["labels"].get("trace_id") for series in found for entry in series["exemplars"]):
                failures.add(name, where, f"no exemplars with a trace_id for {expression}")
    return expressions, exemplar_queries


# ---------------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("demo", help="the vernier-demo binary")
    parser.add_argument("--dashboards", type=Path, default=ROOT / "dashboards")
    parser.add_argument("--seconds", type=float, default=30, help="how long Prometheus scrapes before the queries run")
    arguments = parser.parse_args()

    started = time.monotonic()
    failures = Failures()
    paths = sorted(arguments.dashboards.glob("*.json"))
    if not paths:
        print(f"no dashboards in {arguments.dashboards}")
        return 1
    dashboards = {path.name: json.loads(path.read_text()) for path in paths}
    for path in paths:
        check_structure(path, dashboards[path.name], failures)
    uids = [dashboard.get("uid") for dashboard in dashboards.values()]
    for duplicate in sorted({uid for uid in uids if uids.count(uid) > 1}, key=str):
        failures.add("dashboards", "uid", f"{duplicate} is used by more than one dashboard")

    expressions = exemplar_queries = 0
    with tempfile.TemporaryDirectory(prefix="vernier-dashboards-") as directory:
        try:
            with DemoPeers(str(Path(arguments.demo).resolve()), Path(directory)) as peers:
                traffic = Traffic(peers.api_port)
                traffic.start()
                try:
                    time.sleep(arguments.seconds)
                    peers.check_processes()
                    for name, dashboard in dashboards.items():
                        counted = check_queries(peers, name, dashboard, failures)
                        expressions, exemplar_queries = expressions + counted[0], exemplar_queries + counted[1]
                finally:
                    traffic.stopped.set()
                    traffic.join()
        except RuntimeError as error:
            failures.add("peers", "setup", str(error))
            for log in sorted(Path(directory).glob("*.log")):
                print(f"--- {log.name} (last lines)\n" + "\n".join(log.read_text(errors="replace").splitlines()[-20:]))

    elapsed = time.monotonic() - started
    if failures:
        print(f"{len(failures)} dashboard problem(s):")
        for failure in failures:
            print("  " + failure)
        return 1
    print(f"{len(dashboards)} dashboards: {expressions} queries returned series, {exemplar_queries} returned exemplars "
          f"({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
