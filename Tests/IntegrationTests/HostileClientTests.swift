import Foundation
import Testing

/// The demo's two servers (`/metrics` and the instrumented shop API) against clients that misbehave on purpose,
/// from `Peers/hostile_client.py`: more idle connections than the process has file descriptors, and pipelined
/// and HTTP/1.0 requests through the HTTP instrumentation.
@Suite("Hostile clients against the demo", .serialized)
struct HostileClientTests {
    static let python = Peers.python(importing: ["resource"])

    /// The demo started with at most `descriptorLimit` open files (`ulimit -n`), and its two ports.
    struct Demo {
        let process: PeerProcess
        let metricsPort: Int
        let apiPort: Int

        static func start(descriptorLimit: Int? = nil) async throws -> Demo {
            let metricsPort = try PeerProcess.freePort()
            let apiPort = try PeerProcess.freePort()
            let limit = descriptorLimit.map { "ulimit -n \($0); " } ?? ""
            let process = try await PeerProcess.start("/bin/sh", arguments: [
                "-c", "\(limit)exec env VERNIER_DEMO_API_PORT=\(apiPort) \"$0\" --host 127.0.0.1 --port \(metricsPort)", Peers.demo!,
            ]) {
                await LoopbackHTTP.isOK("http://127.0.0.1:\(apiPort)/products/grinder")
            }
            return Demo(process: process, metricsPort: metricsPort, apiPort: apiPort)
        }

        /// The demo's exposition, or nil when the scrape did not answer 200 within `timeout` seconds.
        func scrape(timeout: Double = 15) async -> String? {
            let response = await LoopbackHTTP.request("http://127.0.0.1:\(metricsPort)/metrics", timeout: timeout)
            return response?.status == 200 ? response?.text : nil
        }

        /// The CPU time the process has used, in seconds.
        var cpuSeconds: Double {
            let stat = (try? String(contentsOfFile: "/proc/\(process.pid)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .infinity }
            return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        }
    }

    /// The sum of every sample of `name` whose labels contain all of `labels`, from a text exposition.
    static func sum(_ exposition: String, _ name: String, _ labels: [String] = []) -> Double {
        exposition.split(separator: "\n").reduce(0) { total, line in
            guard line.hasPrefix(name + "{") || line.hasPrefix(name + " "), labels.allSatisfy { line.contains($0) },
                  let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { return total }
            return total + value
        }
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"),
          .enabled(if: Peers.demo != nil, "vernier-demo is not built (make build-demo builds it)"))
    func runningOutOfDescriptorsNeitherSpinsNorCrashes() async throws {
        let demo = try await Demo.start(descriptorLimit: 256)
        defer { demo.process.stop() }
        let flooder = Peers.script("hostile_client.py")
        // More idle connections to each port than the process may open files: the API's limit (512) is above
        // the descriptor limit, so accepting runs out of descriptors; the metrics server's (64) is not.
        let floods = [demo.apiPort, demo.metricsPort].map { port in
            Task { try await PeerCommand.runInBackground(Self.python!, [flooder, "flood", "--port", String(port), "--count", "700", "--hold", "25"]) }
        }
        try await Task.sleep(for: .seconds(8))

        let cpuBefore = demo.cpuSeconds
        try await Task.sleep(for: .seconds(3))
        let cpuUsed = demo.cpuSeconds - cpuBefore
        #expect(cpuUsed < 1.0, "the demo used \(cpuUsed) s of CPU in 3 s while flooded: accepting spins")
        let scrapeDuringFlood = await demo.scrape()
        #expect(scrapeDuringFlood != nil, "no scrape answered while flooded; demo log:\n\(demo.process.log.suffix(3000))")
        let apiDuringFlood = await LoopbackHTTP.request("http://127.0.0.1:\(demo.apiPort)/products/grinder", timeout: 15)
        #expect(apiDuringFlood?.status == 200, "the API did not answer while flooded")

        for flood in floods {
            let result = try await flood.value
            #expect(result.standardOutput.contains("opened"), "flood: \(result.standardError)")
        }
        #expect(demo.process.isRunning, "the demo died; log:\n\(demo.process.log.suffix(3000))")
        let exposition = try #require(await demo.scrape(timeout: 5), "no scrape answered after the flood")
        let api = #"otel_component_name="api""#
        #expect(Self.sum(exposition, "vernier_http_server_accept_failures_total", [api, #"error_type="EMFILE""#]) > 0)
        #expect(Self.sum(exposition, "vernier_http_server_connections_closed_total", [api, #"reason="descriptor_shortage""#]) > 0)
        #expect(Self.sum(exposition, "vernier_http_server_connections_closed_total", [#"otel_component_name="metrics""#, #"reason="connection_limit""#]) > 0)
        let reports = demo.process.log.components(separatedBy: "accepting a connection failed with EMFILE").count - 1
        #expect((1...2).contains(reports), "the descriptor shortage was reported \(reports) times, not once per server:\n\(demo.process.log.suffix(3000))")
        #expect(await LoopbackHTTP.request("http://127.0.0.1:\(demo.apiPort)/products/grinder", timeout: 5)?.status == 200)
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"),
          .enabled(if: Peers.demo != nil, "vernier-demo is not built (make build-demo builds it)"))
    func pipelinedAndHTTP10RequestsAreRecordedOneByOne() async throws {
        let demo = try await Demo.start()
        defer { demo.process.stop() }
        let client = Peers.script("hostile_client.py")
        let ok = [#"http_route="/products/{id}""#, #"http_response_status_code="200""#]
        let before = Self.sum(try #require(await demo.scrape()), "http_server_request_duration_seconds_count", ok)

        let pipelined = try await PeerCommand.runInBackground(Self.python!, [client, "pipeline", "--port", String(demo.apiPort), "--path", "/products/grinder", "--count", "10"])
        let responses = try #require(try JSONSerialization.jsonObject(with: Data(pipelined.standardOutput.utf8)) as? [[String: Any]],
                                     "pipeline: \(pipelined.standardOutput) \(pipelined.standardError)")
        #expect(responses.count == 10)
        #expect(responses.allSatisfy { $0["status"] as? Int == 200 })
        let traceparents = responses.compactMap { $0["traceparent"] as? String }
        #expect(traceparents.count == 10, "responses without traceparent: \(responses)")
        #expect(Set(traceparents.map { $0.split(separator: "-")[1] }).count == 10, "pipelined requests share a trace: \(traceparents)")

        let http10 = try await PeerCommand.runInBackground(Self.python!, [client, "http10", "--port", String(demo.apiPort), "--path", "/products/grinder"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(http10.standardOutput.utf8)) as? [String: Any], "http10: \(http10.standardError)")
        #expect(answer["status"] as? Int == 200)
        #expect(answer["traceparent"] is String)
        #expect(answer["closed"] as? Bool == true)

        try await Task.sleep(for: .milliseconds(300))
        let exposition = try #require(await demo.scrape())
        #expect(Self.sum(exposition, "http_server_request_duration_seconds_count", ok) - before == 11)
        #expect(Self.sum(exposition, "http_server_request_duration_seconds_count", [#"error_type="_OTHER""#]) == 0,
                "requests recorded without a status:\n\(exposition.split(separator: "\n").filter { $0.contains("_OTHER") })")
    }
}
