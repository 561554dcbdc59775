import Vernier

/// The instruments of one guarded server, each series attributed with the server's name
/// (`otel.component.name`), so that a dashboard can tell an attack or an exhausted process from a quiet one.
struct ConnectionGuardMetrics: Sendable {
    private let closed: [ConnectionCloseReason: BoundCounter<Int>]
    private let acceptFailures: Counter<Int>
    private let component: Attributes

    /// Creates the instruments on `meter`, the close series at zero.
    init(meter: Meter, serverName: String) throws {
        component = ["otel.component.name": .string(serverName)]
        let closedCounter = try meter.counter(
            "vernier.http.server.connections.closed", unit: "{connection}",
            description: "Connections the server closed to protect itself, by reason.")
        closed = Dictionary(uniqueKeysWithValues: ConnectionCloseReason.allCases.map { [component] reason in
            (reason, closedCounter.bind(component.merging(["reason": .string(reason.rawValue)])))
        })
        acceptFailures = try meter.counter(
            "vernier.http.server.accept.failures", unit: "{failure}",
            description: "Attempts to accept a connection that failed for lack of resources, by error.")
    }

    func recordClosed(_ reason: ConnectionCloseReason, count: Int = 1) {
        closed[reason]?.add(count)
    }

    func recordAcceptFailure(errorType: String) {
        acceptFailures.add(1, attributes: component.merging(["error.type": .string(errorType)]))
    }
}
