#!/usr/bin/env python3
"""Clients that misbehave on purpose, for Vernier's tests of its HTTP servers; loopback only, bounded in count and time.

    hostile_client.py flood --port N --count K --hold S   opens up to K idle connections (0.5 s per connect),
                                                         prints {"opened": n} and holds them S seconds
    hostile_client.py pipeline --port N --path P --count K  sends K GETs in one write on one connection and prints
                                                         each response's status and traceparent as JSON
    hostile_client.py http10 --port N --path P           sends one HTTP/1.0 GET and prints its status, traceparent
                                                         and whether the server closed the connection
"""
import argparse
import json
import resource
import socket
import sys
import time


def read_response(stream):
    """Reads one response with a Content-Length body from a buffered socket file; None at end of stream."""
    status_line = stream.readline()
    if not status_line:
        return None
    status = int(status_line.split()[1])
    headers = {}
    while True:
        line = stream.readline().decode("latin-1").rstrip("\r\n")
        if not line:
            break
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = stream.read(int(headers.get("content-length", "0")))
    return {"status": status, "traceparent": headers.get("traceparent"), "body": body.decode("utf-8", "replace")}


def flood(arguments):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, arguments.count + 64)), hard))
    sockets = []
    for _ in range(arguments.count):
        try:
            sockets.append(socket.create_connection(("127.0.0.1", arguments.port), timeout=0.5))
        except OSError:
            pass
    print(json.dumps({"opened": len(sockets)}), flush=True)
    time.sleep(arguments.hold)


def pipeline(arguments):
    with socket.create_connection(("127.0.0.1", arguments.port), timeout=10) as connection:
        request = f"GET {arguments.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
        connection.sendall(request * arguments.count)
        stream = connection.makefile("rb")
        responses = [read_response(stream) for _ in range(arguments.count)]
    print(json.dumps(responses))


def http10(arguments):
    with socket.create_connection(("127.0.0.1", arguments.port), timeout=10) as connection:
        connection.sendall(f"GET {arguments.path} HTTP/1.0\r\n\r\n".encode())
        stream = connection.makefile("rb")
        response = read_response(stream)
        response["closed"] = stream.read(1) == b""
    print(json.dumps(response))


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("flood", "pipeline", "http10"):
        command = commands.add_parser(name)
        command.add_argument("--port", type=int, required=True)
        command.add_argument("--path", default="/")
        command.add_argument("--count", type=int, default=1)
        command.add_argument("--hold", type=float, default=0)
    arguments = parser.parse_args()
    {"flood": flood, "pipeline": pipeline, "http10": http10}[arguments.command](arguments)


if __name__ == "__main__":
    sys.exit(main())
