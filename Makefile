# Vernier: `make demo` and `make test` set up everything they need on a fresh Debian machine.

APT_PACKAGES := pkg-config zlib1g-dev libcurl4-openssl-dev libprotobuf-c-dev protobuf-c-compiler protobuf-compiler libsnappy-dev prometheus prometheus-pushgateway
PIP_PACKAGES := opentelemetry-proto==1.45.1 prometheus-client==0.26.0 cramjam grpcio==1.85.4 grpcio-status==1.85.3
SUDO := $(shell [ "$$(id -u)" = 0 ] && echo "" || (command -v sudo >/dev/null && echo sudo))
SWIFT_BUILD_FLAGS ?=

.PHONY: deps apt-deps pip-deps build build-demo test test-dashboards test-bridge test-reliability test-examples test-tsan demo bench load fuzz proto docs clean

deps: apt-deps pip-deps

# Installs only the Debian packages that are missing, as root or through sudo.
apt-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# Installs the Python peers the integration tests decode with, when missing.
pip-deps:
	@python3 -c "import opentelemetry.proto, prometheus_client, cramjam, grpc, grpc_status" 2>/dev/null || \
		python3 -m pip install -q --disable-pip-version-check $(PIP_PACKAGES)

build: apt-deps
	swift build $(SWIFT_BUILD_FLAGS)

# Tests run one at a time: many measure time, lag or CPU against real peers, and a 2-core machine shared by
# every suite at once would make those figures meaningless.
test: deps
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	$(MAKE) build-demo
	swift test --skip-build --no-parallel $(SWIFT_BUILD_FLAGS)
	$(MAKE) test-dashboards
	$(MAKE) test-bridge
	$(MAKE) test-reliability
	$(MAKE) test-examples
	$(MAKE) test-tsan
	$(MAKE) docs

# The demo package's debug build, which the integration tests and the dashboard check run.
DEMO_BINARY := Examples/Demo/.build/debug/vernier-demo
build-demo: apt-deps
	swift build --package-path Examples/Demo

# Checks the Grafana dashboards in dashboards/, then runs every query in them through a real Prometheus that has
# scraped the demo for 30 s.
test-dashboards: deps build-demo
	python3 Tests/Dashboards/verify_dashboards.py $(DEMO_BINARY)

# Runs vernier-bridge (built by the test build) against a real Prometheus as target and as remote-write receiver, a
# target whose every body is known, and the OTLP receiver.
test-bridge: deps
	python3 Tests/Bridge/check_bridge.py .build/debug/vernier-bridge

# The remote-write queue across a SIGKILL and a torn batch file, with vernier-bridge and a real Prometheus.
test-reliability: deps
	python3 Tests/Reliability/check_crash_safety.py .build/debug/vernier-bridge

# Builds each example package under Examples/ (debug, one at a time) and checks it against real peers.
test-examples: deps
	swift build --package-path Examples/HummingbirdApp
	python3 Examples/HummingbirdApp/check_example.py Examples/HummingbirdApp/.build/debug/hummingbird-example
	swift build --package-path Examples/BatchJob
	python3 Examples/BatchJob/check_example.py Examples/BatchJob/.build/debug/batch-job

# Every module's unit tests again under ThreadSanitizer, in a build folder of their own; the integration tests,
# which time real peers, are left out.
test-tsan:
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	swift test --skip-build --sanitize=thread --scratch-path .build-tsan --no-parallel --skip IntegrationTests

demo: deps
	swift run --package-path Examples/Demo -c release vernier-demo

# The table, then the locked instructions per operation of the recording paths, counted by callgrind.
bench: APT_PACKAGES += valgrind
bench: apt-deps pip-deps
	cd Benchmarks && swift run -c release VernierBenchmarks
	python3 Benchmarks/Scripts/locked_instructions.py Benchmarks/.build/release/VernierBenchmarks

# wrk against one SwiftNIO server, bare, with the SDK disabled and instrumented, on 127.0.0.1 (about 8 minutes):
# throughput and latency, a paced 10k req/s minute with its memory, 100k distinct requests, scrapes under contention,
# and where the instrumented server's CPU goes (perf). See Benchmarks/Scripts/load.py.
load: APT_PACKAGES += wrk linux-perf
load: apt-deps
	cd Benchmarks && swift build -c release --product VernierLoadServer
	python3 Benchmarks/Scripts/load.py Benchmarks/.build/release/VernierLoadServer

# Every parser of outside input under libFuzzer with AddressSanitizer, FUZZ_RUNS executions each, at most
# FUZZ_SECONDS (see scripts/fuzz.sh); the tests replay the seeds and every saved crash under Tests/Fuzz.
FUZZ_RUNS ?= 1000000
FUZZ_SECONDS ?= 600
# The executable has its own main, which hands over to libFuzzer: linked by lld, which accepts that where gold fails.
fuzz: apt-deps
	mkdir -p .build-fuzz
	printf '{"schemaVersion": "1.0", "linker": {"path": "%s"}}\n' "$$(dirname $$(readlink -f $$(command -v swiftc)))/ld.lld" > .build-fuzz/toolset.json
	swift build -c release --scratch-path .build-fuzz --toolset .build-fuzz/toolset.json --product vernier-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	scripts/fuzz.sh $(FUZZ_RUNS) $(FUZZ_SECONDS)

DOC_TARGETS := Vernier VernierPrometheus VernierServer VernierOTLP VernierRemoteWrite VernierPrometheusBridge VernierBootstrap VernierTesting \
	VernierRuntime VernierTracing VernierLogging VernierHTTP VernierHTTPNIO VernierSwiftMetrics

# DocC archives of every public module, in .build/plugins/Swift-DocC/outputs (swift-docc-plugin); a warning, such as
# a link that does not resolve, fails the build.
docs: apt-deps
	swift package --disable-sandbox generate-documentation $(addprefix --target ,$(DOC_TARGETS)) --warnings-as-errors

proto: apt-deps
	scripts/gen-proto.sh

clean:
	rm -rf .build .build-tsan .build-fuzz Benchmarks/.build Examples/*/.build
