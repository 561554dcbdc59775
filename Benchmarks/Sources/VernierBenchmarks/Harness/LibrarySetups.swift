import CoreMetrics
import Prometheus
import Vernier

/// How each library sets up its workload in one case; a library left nil does not take part.
struct LibrarySetups: Sendable {
    var vernier: (@Sendable (VernierInstance) throws -> Workload)?
    /// The Vernier configurations measured, each a row.
    var vernierVariants: [VernierInstance.Variant] = [.defaults, .exemplarsOff]
    /// Vernier with its defaults doing the same over gRPC, in cases that compare OTLP's transports.
    var vernierOverGRPC: (@Sendable (VernierInstance) throws -> Workload)?
    /// Vernier's cardinality limit, raised by cases that create more series than the default allows.
    var vernierSeriesLimit = 2000
    var swiftPrometheus: (@Sendable (PrometheusCollectorRegistry) throws -> Workload)?
    var swiftOTel: (@Sendable (any MetricsFactory) throws -> Workload)?
    /// Python's `prometheus_client` doing the same work in a subprocess.
    var pythonPrometheusClient: (@Sendable () throws -> Workload)?
    /// The same operation with no library at all, where a case shows the machine's floor.
    var floor: (@Sendable () throws -> Workload)?

    /// One contender per row, each setting up a fresh library instance whenever asked.
    /// swift-otel takes part only when the package was built with it (see Package.swift).
    var contenders: [Contender] {
        var contenders: [Contender] = []
        if let vernier {
            let seriesLimit = vernierSeriesLimit
            contenders += vernierVariants.map { variant in
                Contender(library: variant.library) { try vernier(VernierInstance(variant, seriesLimit: seriesLimit)) }
            }
        }
        if let vernierOverGRPC {
            let seriesLimit = vernierSeriesLimit
            contenders.append(Contender(library: .vernierOverGRPC) { try vernierOverGRPC(VernierInstance(.defaults, seriesLimit: seriesLimit)) })
        }
        if let swiftPrometheus {
            contenders.append(Contender(library: .swiftPrometheus) { try swiftPrometheus(PrometheusCollectorRegistry()) })
        }
        #if canImport(OTel)
        if let swiftOTel {
            contenders.append(Contender(library: .swiftOTel) { try swiftOTel(SwiftOTelBackend.makeFactory()) })
        }
        #endif
        if let pythonPrometheusClient {
            contenders.append(Contender(library: .pythonPrometheusClient, makeWorkload: pythonPrometheusClient))
        }
        if let floor {
            contenders.append(Contender(library: .floor, makeWorkload: floor))
        }
        return contenders
    }
}
