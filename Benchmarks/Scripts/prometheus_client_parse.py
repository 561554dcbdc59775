"""Times prometheus_client's exposition parser on a body, for the Vernier benchmark's parse cases.

Usage: prometheus_client_parse.py text|openmetrics BODY_FILE
Prints the median time of one full parse in nanoseconds: every family and sample is materialised, as the
Swift parser does. Warm-up rounds first, then rounds until about two seconds have passed (at least five).
"""
import statistics
import sys
import time

from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_text


def main():
    format_name, path = sys.argv[1], sys.argv[2]
    parse = parse_openmetrics if format_name == "openmetrics" else parse_text
    with open(path, encoding="utf-8") as body_file:
        body = body_file.read()

    def one_parse():
        start = time.perf_counter_ns()
        samples = sum(len(family.samples) for family in parse(body))
        return time.perf_counter_ns() - start, samples

    for _ in range(2):
        one_parse()
    durations = []
    deadline = time.monotonic() + 2
    while len(durations) < 5 or time.monotonic() < deadline:
        elapsed, samples = one_parse()
        durations.append(elapsed)
    print(f"{statistics.median(durations)} {samples}")


if __name__ == "__main__":
    main()
