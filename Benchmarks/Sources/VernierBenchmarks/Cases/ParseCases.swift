import Foundation
import VernierPrometheus

/// Reading a scraped body of 10 000 series into families, as the Prometheus bridge does every scrape: Vernier's
/// `ExpositionParser` beside the parser of Python's `prometheus_client`, run in a subprocess on the same bytes.
extension BenchmarkCase {
    static func expositionParse(_ format: ExpositionTextFormat) -> BenchmarkCase {
        let body = ScrapeBody(format: format)
        let output = Output(bytes: body.bytes.count, items: body.sampleCount, item: "sample")
        var setups = LibrarySetups(vernier: { _ in
            let parser = ExpositionParser(format: format)
            let families = try parser.parse(body.bytes)
            let parsedSamples = families.reduce(0) { $0 + $1.sampleCount }
            guard parsedSamples == body.sampleCount else {
                throw BenchmarkSetupError("Vernier parsed \(parsedSamples) samples of \(body.sampleCount)")
            }
            return .loop({ iterations, spacing in
                repeatOperation(iterations, spacing: spacing) { _ in blackHole((try? parser.parse(body.bytes))?.count) }
            }, output: output)
        })
        setups.vernierVariants = [.defaults]
        setups.pythonPrometheusClient = { try PythonParser.time(body) }
        return BenchmarkCase(
            name: "parse a scraped body, \(body.seriesCount) series, \(body.formatName)", spacings: [.tight], setups: setups,
            targets: [.time(atMost: 1_000, per: "sample"), .faster(than: .pythonPrometheusClient, by: 10)])
    }
}

/// A body such as a busy service exposes: counters, gauges, histograms with 12 buckets and summaries with three
/// quantiles, each family with HELP and TYPE and 20 series of two or three labels.
struct ScrapeBody: Sendable {
    let format: ExpositionTextFormat
    let bytes: [UInt8]
    let seriesCount: Int
    let sampleCount: Int

    var formatName: String { format == .openMetrics ? "OpenMetrics" : "text" }

    init(format: ExpositionTextFormat) {
        let openMetrics = format == .openMetrics
        let methods = ["GET", "POST", "PUT", "DELETE"]
        let bounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"]
        var text = "", series = 0, samples = 0
        func family(_ name: String, _ type: String, help: String, each: (Int) -> [String]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for index in 0..<20 {
                let lines = each(index)
                text += lines.joined(separator: "\n") + "\n"
                series += 1
                samples += lines.count
            }
        }
        for number in 0..<250 {
            let name = "http_server_requests_\(number)"
            family(openMetrics ? name : name + "_total", "counter", help: "Requests handled by route \"\(number)\".") { index in
                ["\(name)_total{method=\"\(methods[index % 4])\",code=\"\(200 + index)\",route=\"/api/v1/items/\(index)\"} \(index * 1_000 + number)"]
            }
        }
        for number in 0..<150 {
            family("process_pool_bytes_\(number)", "gauge", help: "Memory held by the pool.") { index in
                ["process_pool_bytes_\(number){pool=\"pool-\(index)\",region=\"eu-west-1\"} \(Double(index) * 1024.5 + Double(number))"]
            }
        }
        for number in 0..<50 {
            let name = "http_server_duration_seconds_\(number)"
            family(name, "histogram", help: "Time to answer a request.") { index in
                let labels = "route=\"/api/v1/handler/\(index)\",method=\"\(methods[index % 4])\""
                return bounds.enumerated().map { "\(name)_bucket{\(labels),le=\"\($1)\"} \($0 * 10 + index)" }
                    + ["\(name)_sum{\(labels)} \(Double(index) * 3.25)", "\(name)_count{\(labels)} \(110 + index)"]
            }
        }
        for number in 0..<50 {
            let name = "rpc_client_duration_seconds_\(number)"
            family(name, "summary", help: "Time to get an answer.") { index in
                let labels = "service=\"svc-\(index)\""
                return ["0.5", "0.9", "0.99"].enumerated().map { "\(name){\(labels),quantile=\"\($1)\"} \(Double($0 + 1) * 0.125)" }
                    + ["\(name)_sum{\(labels)} \(Double(index) * 1.5)", "\(name)_count{\(labels)} \(40 + index)"]
            }
        }
        if openMetrics { text += "# EOF\n" }
        self.format = format
        self.bytes = Array(text.utf8)
        self.seriesCount = series
        self.sampleCount = samples
    }
}

/// Runs `Scripts/prometheus_client_parse.py` on a body written to a temporary file.
enum PythonParser {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/prometheus_client_parse.py")

    static func time(_ body: ScrapeBody) throws -> Workload {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-bench-body-\(getpid())")
        try Data(body.bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        let standardOutput = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, body.format == .openMetrics ? "openmetrics" : "text", file.path]
        process.standardOutput = standardOutput
        try process.run()
        let printed = String(decoding: standardOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let figures = printed.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard process.terminationStatus == 0, figures.count == 2 else {
            throw BenchmarkSetupError("\(script.lastPathComponent) failed (status \(process.terminationStatus)); `make pip-deps` installs prometheus_client")
        }
        guard Int(figures[1]) == body.sampleCount else {
            throw BenchmarkSetupError("prometheus_client parsed \(Int(figures[1])) samples of \(body.sampleCount)")
        }
        return .external(nanosecondsPerOperation: figures[0], output: Output(bytes: body.bytes.count, items: body.sampleCount, item: "sample"))
    }
}

extension ScrapedFamily {
    /// The samples (lines) this family was read from: one per value, bucket, quantile, sum and count.
    var sampleCount: Int {
        series.reduce(0) { total, series in
            switch series.value {
            case .histogram(let histogram): total + histogram.buckets.count + (histogram.count == nil ? 0 : 1) + (histogram.sum == nil ? 0 : 1)
            case .summary(let summary): total + summary.quantiles.count + (summary.count == nil ? 0 : 1) + (summary.sum == nil ? 0 : 1)
            case .number, .nativeHistogram: total + 1
            }
        }
    }
}
