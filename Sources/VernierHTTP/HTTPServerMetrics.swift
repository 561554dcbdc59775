import Vernier

/// Records the OpenTelemetry HTTP server metrics for any server framework: `http.server.request.duration`
/// (seconds, with the semantic-convention buckets) and `http.server.active_requests`.
///
/// Call `requestStarted` when a request's head arrives and `finish` on the returned observation when its
/// response has been sent, inside the request's span context (`ServiceContext.withValue`) so that the
/// duration's exemplar links to the request's trace. Attributes follow the conventions: `http.request.method` (`_OTHER` for unknown
/// methods), `url.scheme`, and on the duration also `http.route` (a template, never a raw path),
/// `http.response.status_code` and, for failures, `error.type`.
public struct HTTPServerMetrics: Sendable {
    /// The bucket boundaries the HTTP semantic conventions advise for request durations, in seconds.
    public static let durationBoundaries = HistogramBoundaries.durationSeconds

    private let duration: Histogram<Double>
    private let activeRequests: UpDownCounter<Int>

    /// The method-and-scheme attributes of every known method and `_OTHER`, over http and https, by scheme and
    /// then by method as sent: built once, so a request's attributes are not sorted and hashed anew.
    private static let commonAttributes: [String: [String: Attributes]] = Dictionary(uniqueKeysWithValues: ["http", "https"].map { scheme in
        (scheme, Dictionary(uniqueKeysWithValues: (HTTPRequestMethod.known.sorted() + ["_OTHER"]).map { method in
            (method, common(methodValue: method, scheme: scheme))
        }))
    })

    private static func common(methodValue: String, scheme: String) -> Attributes {
        ["http.request.method": .string(methodValue), "url.scheme": .string(scheme)]
    }

    /// Creates the instruments on `meter`; throws `VernierError` when their names are taken by other kinds.
    public init(meter: Meter) throws {
        duration = try meter.histogram("http.server.request.duration", unit: "s",
                                       description: "Duration of HTTP server requests.", boundaries: Self.durationBoundaries)
        activeRequests = try meter.upDownCounter("http.server.active_requests", unit: "{request}",
                                                 description: "Number of active HTTP server requests.")
    }

    /// Whether either instrument records anything; when neither does (no reader, the SDK disabled, or views drop
    /// both), requests cost no attribute building.
    public var isEnabled: Bool { duration.isEnabled || activeRequests.isEnabled }

    /// Counts a request as active from now; finish the returned observation exactly once.
    public func requestStarted(method: String, scheme: String = "http") -> HTTPServerRequestObservation {
        guard isEnabled else { return HTTPServerRequestObservation(common: .empty, metrics: self) }
        let common = Self.commonAttributes[scheme].map { $0[method] ?? $0["_OTHER"]! }
            ?? Self.common(methodValue: HTTPRequestMethod.attributeValue(method), scheme: scheme)
        activeRequests.add(1, attributes: common)
        return HTTPServerRequestObservation(common: common, metrics: self)
    }

    func finished(_ observation: HTTPServerRequestObservation, seconds: Double, attributes: Attributes) {
        activeRequests.add(-1, attributes: observation.common)
        duration.record(seconds, attributes: attributes)
    }
}

/// One request being measured by `HTTPServerMetrics`, from its head to its last response byte.
public struct HTTPServerRequestObservation: Sendable {
    /// The attributes shared by both instruments: method and scheme.
    public let common: Attributes
    private let metrics: HTTPServerMetrics
    private let start = ContinuousClock.now

    init(common: Attributes, metrics: HTTPServerMetrics) {
        self.common = common
        self.metrics = metrics
    }

    /// Records the request's duration and ends its active count.
    /// - Parameters:
    ///   - route: The matched route template, such as `/products/{id}`; nil when no route matched.
    ///   - statusCode: The response status; nil when no response was sent.
    ///   - errorType: Why the request failed, such as an exception type; by default the status code for 5xx
    ///     responses, and `_OTHER` when there was no response at all.
    public func finish(route: String?, statusCode: Int?, errorType: String? = nil) {
        guard metrics.isEnabled else { return }
        let elapsed = ContinuousClock.now - start
        // Built in key order, so that the attribute set needs no sorting and no copy.
        var attributes: [Attribute] = []
        attributes.reserveCapacity(common.count + 3)
        if let error = errorType ?? Self.defaultErrorType(statusCode) {
            attributes.append(Attribute(key: "error.type", value: .string(error)))
        }
        for attribute in common.elements where attribute.key < "http.response.status_code" { attributes.append(attribute) }
        if let statusCode { attributes.append(Attribute(key: "http.response.status_code", value: .int(Int64(statusCode)))) }
        if let route { attributes.append(Attribute(key: "http.route", value: .string(route))) }
        for attribute in common.elements where attribute.key > "http.route" { attributes.append(attribute) }
        let (seconds, attoseconds) = elapsed.components
        metrics.finished(self, seconds: Double(seconds) + Double(attoseconds) / 1e18, attributes: Attributes(attributes))
    }

    /// The conventions' `error.type` for a response: its status code as text for server errors, `_OTHER`
    /// when no response was sent, nil otherwise.
    public static func defaultErrorType(_ statusCode: Int?) -> String? {
        guard let statusCode else { return "_OTHER" }
        return statusCode >= 500 ? String(statusCode) : nil
    }
}
