"""Decoding of Prometheus remote-write WriteRequest messages for the tests' peers, without generated code."""
import struct


def varint(data, offset):
    value, shift = 0, 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, offset
        shift += 7


def fields(data):
    """Yields (field number, wire type, value) of one message: ints for varints, bytes for the rest."""
    offset = 0
    while offset < len(data):
        key, offset = varint(data, offset)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, offset = varint(data, offset)
        elif wire == 1:
            value, offset = data[offset:offset + 8], offset + 8
        elif wire == 2:
            length, offset = varint(data, offset)
            value, offset = data[offset:offset + length], offset + length
        elif wire == 5:
            value, offset = data[offset:offset + 4], offset + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield number, wire, value


def signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def label(data):
    pair = {1: "", 2: ""}
    for number, _, value in fields(data):
        pair[number] = value.decode("utf-8")
    return pair[1], pair[2]


def sample(data):
    result = {"value": 0.0, "timestamp": 0}
    for number, _, value in fields(data):
        if number == 1:
            result["value"] = struct.unpack("<d", value)[0]
        elif number == 2:
            result["timestamp"] = signed(value)
    return result


def write_request(data):
    series = []
    for number, _, value in fields(data):
        if number != 1:
            continue
        entry = {"labels": {}, "samples": [], "exemplars": 0}
        for inner, _, part in fields(value):
            if inner == 1:
                name, text = label(part)
                entry["labels"][name] = text
            elif inner == 2:
                entry["samples"].append(sample(part))
            elif inner == 3:
                entry["exemplars"] += 1
        series.append(entry)
    return series
