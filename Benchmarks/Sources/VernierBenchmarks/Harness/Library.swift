/// A row of the table: a library, or Vernier in one configuration.
enum Library: String, Sendable, CaseIterable {
    /// Vernier as users get it: a pull reader and the default `traceBased` exemplar filter.
    case vernier = "Vernier"
    /// Vernier with `exemplarFilter: .alwaysOff`, which never reads the current `ServiceContext`.
    case vernierExemplarsOff = "Vernier (exemplars off)"
    /// Vernier on a provider without readers, where instruments record nothing.
    case vernierNoReader = "Vernier (no reader)"
    /// Vernier with its defaults, exporting over gRPC where the `vernier` row uses HTTP.
    case vernierOverGRPC = "Vernier over gRPC"
    /// swift-server/swift-prometheus through its own API.
    case swiftPrometheus = "swift-prometheus"
    /// swift-otel's metrics, reachable only through a swift-metrics `MetricsFactory`.
    case swiftOTel = "swift-otel"
    /// Python's `prometheus_client`, whose parsers are the reference for reading exposition; timed in a subprocess.
    case pythonPrometheusClient = "prometheus_client (Python)"
    /// No library: the least the operation can cost on this machine, such as one atomic add, for targets
    /// that ask for less than that.
    case floor = "floor (no library)"

    var isVernier: Bool {
        switch self {
        case .vernier, .vernierExemplarsOff, .vernierNoReader, .vernierOverGRPC: true
        case .swiftPrometheus, .swiftOTel, .pythonPrometheusClient, .floor: false
        }
    }
}
