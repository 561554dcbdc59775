import Foundation
import Vernier
import VernierOTLP

/// One whole OTLP export of a collected snapshot to a local sink that does not decode it, over HTTP/protobuf and over
/// gRPC, in the same run: encoding, framing, sending and the sink's answer. Vernier alone; the sinks are
/// `Scripts/otlp_sinks.py`.
extension BenchmarkCase {
    static func otlpExport(_ population: SeriesPopulation) -> BenchmarkCase {
        func setup(_ exportProtocol: OTLPExporterConfiguration.ExportProtocol) -> @Sendable (VernierInstance) throws -> Workload {
            { instance in
                try population.populate(instance.meter)
                let sinks = try OTLPSinks.shared()
                let endpoint = "http://127.0.0.1:\(exportProtocol == .grpc ? sinks.grpcPort : sinks.httpPort)"
                let exporter = OTLPMetricExporter(configuration: OTLPExporterConfiguration(endpoint: endpoint, exportProtocol: exportProtocol))
                let snapshot = instance.reader.collect()
                try waitFor { try await exporter.export(snapshot) }
                return .loop({ iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in try? waitFor { try await exporter.export(snapshot) } }
                }, output: Output(bytes: try OTLPMetricProtobufEncoder().encode(snapshot).count, items: snapshot.pointCount, item: "point"))
            }
        }
        var setups = LibrarySetups(vernier: setup(.httpProtobuf), vernierSeriesLimit: population.seriesLimit)
        setups.vernierVariants = [.defaults]
        setups.vernierOverGRPC = setup(.grpc)
        let points = (population.counterSeries + population.histogramSeries) / 1000
        return BenchmarkCase(
            name: "OTLP export \(points)k points (\(population.description)) to a local sink, HTTP/protobuf and gRPC",
            spacings: [.tight], setups: setups, targets: [.grpcNotSlowerThanHTTP])
    }
}

extension Target {
    /// The gRPC row takes at most as long as the HTTP/protobuf one, give or take 5 % of noise.
    static let grpcNotSlowerThanHTTP = Target(row: .vernierOverGRPC, goal: "not slower than HTTP (±5 %)") { figures in
        guard let grpc = figures[.vernierOverGRPC], let http = figures[.vernier] else { return nil }
        return grpc.nanosecondsPerOperation <= http.nanosecondsPerOperation * 1.05
    }
}

/// Runs `operation` to its end from synchronous benchmark code.
func waitFor(_ operation: @escaping @Sendable () async throws -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    let failure = LockedFailure()
    Task {
        do { try await operation() } catch { failure.set(error) }
        done.signal()
    }
    done.wait()
    if let error = failure.error { throw error }
}

/// The error of an operation finished on another thread.
final class LockedFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ error: any Error) { lock.withLock { stored = error } }
    var error: (any Error)? { lock.withLock { stored } }
}

/// The sink process, started once for the run and stopped when the benchmark exits (its stdin closes).
struct OTLPSinks: Sendable {
    let httpPort: Int
    let grpcPort: Int

    private static let started = Result<OTLPSinks, BenchmarkSetupError> { () throws(BenchmarkSetupError) in try start() }

    static func shared() throws -> OTLPSinks { try started.get() }

    private static func start() throws(BenchmarkSetupError) -> OTLPSinks {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts/otlp_sinks.py")
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.standardOutput = output
        process.standardInput = Pipe()
        do { try process.run() } catch { throw BenchmarkSetupError("cannot start \(script.lastPathComponent): \(error)") }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let ports = Dictionary(uniqueKeysWithValues: line.split(whereSeparator: \.isWhitespace).compactMap { field -> (String, Int)? in
            let parts = field.split(separator: "=")
            return parts.count == 2 ? (String(parts[0]), Int(parts[1]) ?? 0) : nil
        })
        guard let http = ports["http"], let grpc = ports["grpc"] else {
            throw BenchmarkSetupError("\(script.lastPathComponent) did not start (`make pip-deps` installs grpcio): \(line)")
        }
        return OTLPSinks(httpPort: http, grpcPort: grpc)
    }
}
