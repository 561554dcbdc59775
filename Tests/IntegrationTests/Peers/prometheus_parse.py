#!/usr/bin/env python3
"""Parses a Prometheus exposition from standard input with prometheus-client and prints it as JSON.

    prometheus_parse.py text|openmetrics < exposition

text uses the 0.0.4 parser, openmetrics the strict OpenMetrics 1.0 parser. Prints
{"families": [{"name", "type", "unit", "help", "samples": [{"name", "labels", "value", "exemplar"}]}]}
where an exemplar is {"labels", "value", "timestamp"} or null, and values that are not finite are the
strings "NaN", "+Inf", "-Inf". A parse error prints the message to standard error and exits 1.
"""
import json
import math
import sys

from prometheus_client import parser
from prometheus_client.openmetrics import parser as openmetrics_parser


def number(value):
    if value is None:
        return None
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return value


def sample(entry):
    exemplar = None
    if getattr(entry, "exemplar", None) is not None:
        exemplar = {
            "labels": dict(entry.exemplar.labels),
            "value": number(entry.exemplar.value),
            "timestamp": float(entry.exemplar.timestamp) if entry.exemplar.timestamp is not None else None,
        }
    return {"name": entry.name, "labels": dict(entry.labels), "value": number(entry.value), "exemplar": exemplar}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("text", "openmetrics"):
        print(__doc__, file=sys.stderr)
        return 2
    body = sys.stdin.buffer.read().decode("utf-8")
    parse = parser.text_string_to_metric_families if sys.argv[1] == "text" else openmetrics_parser.text_string_to_metric_families
    try:
        families = [
            {
                "name": family.name,
                "type": family.type,
                "unit": family.unit,
                "help": family.documentation,
                "samples": [sample(entry) for entry in family.samples],
            }
            for family in parse(body)
        ]
    except Exception as error:  # the parsers raise ValueError and friends with the offending line
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    json.dump({"families": families}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
