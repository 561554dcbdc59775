#!/usr/bin/env python3
"""Checks that the proto2 schemas in Protos/ put the same bytes on the wire as opentelemetry-proto.

Compiles Protos/ with protoc into a descriptor set and compares every OTLP message with the descriptors
that ship in the `opentelemetry-proto` package: names, field numbers, wire types, message and enum types,
repeated-ness, packing and oneof membership. The prometheus remote-write messages are compared with the
field table of the remote-write 1.0 specification below. Prints each difference and exits 1 when any.

Usage: otlp_schema_check.py PROTOS_DIR
"""
import os
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

OTLP_MODULES = [metrics_service_pb2, trace_service_pb2]
REPEATED = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
MESSAGE = descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE
PACKABLE_EXCLUDED = {descriptor_pb2.FieldDescriptorProto.TYPE_STRING, descriptor_pb2.FieldDescriptorProto.TYPE_BYTES, MESSAGE}

# remote-write 1.0 with Prometheus' native histograms (prompb types.proto): message -> {field name: (number, type, repeated)}
F = descriptor_pb2.FieldDescriptorProto
REMOTE_WRITE = {
    "prometheus.WriteRequest": {"timeseries": (1, F.TYPE_MESSAGE, True), "metadata": (3, F.TYPE_MESSAGE, True)},
    "prometheus.MetricMetadata": {"type": (1, F.TYPE_ENUM, False), "metric_family_name": (2, F.TYPE_STRING, False),
                                  "help": (4, F.TYPE_STRING, False), "unit": (5, F.TYPE_STRING, False)},
    "prometheus.Sample": {"value": (1, F.TYPE_DOUBLE, False), "timestamp": (2, F.TYPE_INT64, False)},
    "prometheus.Exemplar": {"labels": (1, F.TYPE_MESSAGE, True), "value": (2, F.TYPE_DOUBLE, False),
                            "timestamp": (3, F.TYPE_INT64, False)},
    "prometheus.TimeSeries": {"labels": (1, F.TYPE_MESSAGE, True), "samples": (2, F.TYPE_MESSAGE, True),
                              "exemplars": (3, F.TYPE_MESSAGE, True), "histograms": (4, F.TYPE_MESSAGE, True)},
    "prometheus.Histogram": {"count_int": (1, F.TYPE_UINT64, False), "count_float": (2, F.TYPE_DOUBLE, False),
                             "sum": (3, F.TYPE_DOUBLE, False), "schema": (4, F.TYPE_SINT32, False),
                             "zero_threshold": (5, F.TYPE_DOUBLE, False), "zero_count_int": (6, F.TYPE_UINT64, False),
                             "zero_count_float": (7, F.TYPE_DOUBLE, False), "negative_spans": (8, F.TYPE_MESSAGE, True),
                             "negative_deltas": (9, F.TYPE_SINT64, True), "negative_counts": (10, F.TYPE_DOUBLE, True),
                             "positive_spans": (11, F.TYPE_MESSAGE, True), "positive_deltas": (12, F.TYPE_SINT64, True),
                             "positive_counts": (13, F.TYPE_DOUBLE, True), "reset_hint": (14, F.TYPE_ENUM, False),
                             "timestamp": (15, F.TYPE_INT64, False)},
    "prometheus.BucketSpan": {"offset": (1, F.TYPE_SINT32, False), "length": (2, F.TYPE_UINT32, False)},
    "prometheus.Label": {"name": (1, F.TYPE_STRING, False), "value": (2, F.TYPE_STRING, False)},
}
REMOTE_WRITE_METRIC_TYPES = ["UNKNOWN", "COUNTER", "GAUGE", "HISTOGRAM", "GAUGEHISTOGRAM", "SUMMARY", "INFO", "STATESET"]


def walk(files):
    """Yields (full name, DescriptorProto or EnumDescriptorProto, syntax) for every message and enum."""
    def messages(prefix, message, syntax):
        name = prefix + "." + message.name
        yield name, message, syntax
        for nested in message.nested_type:
            yield from messages(name, nested, syntax)
        for enum in message.enum_type:
            yield name + "." + enum.name, enum, syntax
    for file in files:
        for message in file.message_type:
            yield from messages(file.package, message, file.syntax or "proto2")
        for enum in file.enum_type:
            yield file.package + "." + enum.name, enum, file.syntax or "proto2"


def wire_shape(message, syntax):
    """The facts about each field that decide its bytes on the wire."""
    shape = {}
    for field in message.field:
        repeated = field.label == REPEATED
        packable = repeated and field.type not in PACKABLE_EXCLUDED
        if syntax == "proto3":
            packed = packable and not (field.options.HasField("packed") and not field.options.packed)
        else:
            packed = packable and field.options.packed
        in_oneof = field.HasField("oneof_index") and not field.proto3_optional
        oneof = message.oneof_decl[field.oneof_index].name if in_oneof else None
        shape[field.name] = (field.number, field.type, field.type_name, repeated, packed, oneof)
    return shape


def upstream_files():
    seen, files = set(), []
    def add(file_descriptor):
        if file_descriptor.name in seen:
            return
        for dependency in file_descriptor.dependencies:
            add(dependency)
        seen.add(file_descriptor.name)
        proto = descriptor_pb2.FileDescriptorProto()
        file_descriptor.CopyToProto(proto)
        files.append(proto)
    for module in OTLP_MODULES:
        add(module.DESCRIPTOR)
    return files


def local_files(protos_dir):
    sources = sorted(os.path.relpath(os.path.join(root, name), protos_dir)
                     for root, _, names in os.walk(protos_dir) for name in names if name.endswith(".proto"))
    with tempfile.TemporaryDirectory() as scratch:
        output = os.path.join(scratch, "set.pb")
        subprocess.run(["protoc", "--proto_path=" + protos_dir, "--include_imports",
                        "--descriptor_set_out=" + output] + sources, check=True)
        descriptor_set = descriptor_pb2.FileDescriptorSet()
        with open(output, "rb") as handle:
            descriptor_set.ParseFromString(handle.read())
    return list(descriptor_set.file)


def compare_otlp(local, upstream, problems):
    for name, upstream_type, upstream_syntax in walk(upstream):
        if name not in local:
            problems.append(f"{name}: missing")
            continue
        local_type, local_syntax = local[name]
        if isinstance(upstream_type, descriptor_pb2.EnumDescriptorProto):
            expected = [(value.name, value.number) for value in upstream_type.value]
            actual = [(value.name, value.number) for value in local_type.value]
            if expected != actual:
                problems.append(f"{name}: enum values {actual} != {expected}")
            continue
        expected, actual = wire_shape(upstream_type, upstream_syntax), wire_shape(local_type, local_syntax)
        for field in sorted(set(expected) | set(actual)):
            if expected.get(field) != actual.get(field):
                problems.append(f"{name}.{field}: {actual.get(field)} != upstream {expected.get(field)}")


def compare_remote_write(local, problems):
    for name, fields in REMOTE_WRITE.items():
        if name not in local:
            problems.append(f"{name}: missing")
            continue
        message, _ = local[name]
        actual = {field.name: (field.number, field.type, field.label == REPEATED) for field in message.field}
        if actual != fields:
            problems.append(f"{name}: {actual} != spec {fields}")
    enum = local.get("prometheus.MetricMetadata.MetricType")
    if enum is None or [(v.name, v.number) for v in enum[0].value] != [(n, i) for i, n in enumerate(REMOTE_WRITE_METRIC_TYPES)]:
        problems.append("prometheus.MetricMetadata.MetricType: values differ from the spec")


def main():
    protos_dir = sys.argv[1]
    local = {name: (item, syntax) for name, item, syntax in walk(local_files(protos_dir))}
    problems = []
    compare_otlp(local, upstream_files(), problems)
    compare_remote_write(local, problems)
    for problem in problems:
        print(problem)
    print("schemas match" if not problems else f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
