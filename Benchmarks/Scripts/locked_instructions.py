"""Counts the locked instructions one operation executes, for the rows where a count tells most.

Usage: locked_instructions.py BENCHMARK_BINARY

Each row's operation runs N and 2N times inside `lockCountedRun` (`VernierBenchmarks --count-locked`) under
callgrind with `--collect-bus=yes`, whose "Ge" events are the locked (bus-locking) instructions executed; the
difference divided by N leaves out one-time work such as creating a series. Valgrind cannot read the debug
information of current Swift binaries, so it runs a copy without it (function names stay in the symbol table). Callgrind counts instructions, not
time, so the figures are the same on every x86-64 machine: on those where an atomic costs 8 ns rather than
2.5 ns, they are what the time per operation follows. Prints a Markdown table.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

ROWS = [
    ("bound counter add", ["Vernier", "swift-prometheus", "swift-otel"]),
    ("bound histogram record, 11 buckets", ["Vernier", "swift-prometheus", "swift-otel"]),
    ("bound histogram record inside a sampled span", ["Vernier", "Vernier (exemplars off)"]),
    ("swift-metrics Counter.increment", ["Vernier", "swift-prometheus", "swift-otel", "floor (no library)"]),
]
OPERATIONS = 2_000


def locked_instructions(binary, case, library, operations, directory):
    output = Path(directory) / f"callgrind.{operations}"
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-bus=yes", "--collect-atstart=no",
         "--toggle-collect=*lockCountedRun*", f"--callgrind-out-file={output}",
         binary, "--count-locked", case, library, str(operations)],
        capture_output=True, text=True)
    if result.returncode != 0:
        return None
    events, totals = None, None
    for line in output.read_text().splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith("summary:") or line.startswith("totals:"):
            totals = [int(value) for value in line.split()[1:]]
    if not events or totals is None or "Ge" not in events:
        return None
    position = events.index("Ge")
    return totals[position] if position < len(totals) else 0  # callgrind leaves trailing zero counts out


def main():
    binary = str(Path(sys.argv[1]).resolve()) + ".without-debug-info"
    subprocess.run(["objcopy", "--strip-debug", sys.argv[1], binary], check=True)
    print("| case | library | locked instructions per operation |\n|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        for case, libraries in ROWS:
            for library in libraries:
                single = locked_instructions(binary, case, library, OPERATIONS, directory)
                double = locked_instructions(binary, case, library, 2 * OPERATIONS, directory)
                figure = "n/a" if single is None or double is None else f"{(double - single) / OPERATIONS:.2f}"
                print(f"| {case} | {library} | {figure} |")


if __name__ == "__main__":
    main()
