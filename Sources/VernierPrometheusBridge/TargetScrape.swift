import Vernier
import VernierConcurrency
import VernierPrometheus
import VernierTransport

/// One target's scrapes: the request, the parse and mapping, the start times of its series, and the
/// staleness of series that disappear.
final class TargetScrape: Sendable {
    /// What one scrape of the target gave.
    struct Outcome: Sendable {
        /// The target's metrics, its `up`, `scrape_duration_seconds` and `scrape_samples_scraped`, and an end
        /// marker for every series of the previous scrape that is gone.
        var metrics: ResourceMetrics
        /// Why the scrape failed, if it did.
        var failure: ScrapeError?
        /// Series of families left out (gauge histograms).
        var droppedSeries: Int
    }

    let target: ScrapeTarget
    private let transport: HTTPTransport
    private let configuration: ScrapeConfiguration
    private let resource: Resource
    /// The target's labels, added to every series.
    private let labels: Attributes
    private let scope: InstrumentationScope
    private let state = MutexBox(State())

    private struct State {
        var startTimes = StartTimeTracker()
        /// The previous scrape's metrics, whose series end when they are missing from the next.
        var previous: [Metric] = []
    }

    init(target: ScrapeTarget, configuration: ScrapeConfiguration, scope: InstrumentationScope) {
        self.target = target
        self.configuration = configuration
        self.scope = scope
        transport = HTTPTransport(configuration: .init(
            userAgent: "Vernier/\(Resource.sdkVersion)", connectTimeout: configuration.timeout, tls: configuration.tls,
            maximumResponseBodySize: configuration.maximumBodySize))
        var attributes: [Attribute] = [
            Attribute(key: "service.name", value: .string(target.job)),
            Attribute(key: "service.instance.id", value: .string(target.instance)),
        ]
        let hostAndPort = target.instance.split(separator: ":")
        if hostAndPort.count == 2, let port = Int64(hostAndPort[1]) {
            attributes.append(Attribute(key: "server.address", value: .string(String(hostAndPort[0]))))
            attributes.append(Attribute(key: "server.port", value: .int(port)))
        }
        if let scheme = target.url.split(separator: ":").first {
            attributes.append(Attribute(key: "url.scheme", value: .string(scheme.lowercased())))
        }
        resource = Resource(attributes: Attributes(attributes))
        labels = Attributes(target.labels.sorted { $0.key < $1.key }.map { Attribute(key: $0.key, value: .string($0.value)) })
    }

    /// Scrapes the target once, within the configured timeout.
    func scrape() async -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        let time = Timestamp.now
        var failure: ScrapeError?
        var mapping = ExpositionMapping.Mapping()
        do {
            let families = try await fetch()
            mapping = state.withLock { ExpositionMapping().map(families, time: time, startTimes: &$0.startTimes) }
        } catch {
            failure = error
        }
        let duration = clock.now - started
        var metrics = mapping.metrics.map { $0.addingAttributes(labels) }
        let ended = state.withLock { state in
            let ended = Self.endMarkers(of: state.previous, missingFrom: metrics, at: time)
            state.previous = metrics
            return ended
        }
        metrics += ended
        metrics += [
            Self.gauge("up", "1 if the target's last scrape succeeded, 0 otherwise", "", failure == nil ? 1 : 0, labels, time),
            Self.gauge("scrape_duration_seconds", "How long the target's last scrape took", "s", duration.seconds, labels, time),
            Self.gauge("scrape_samples_scraped", "The samples the target's last scrape read", "", Double(mapping.sampleCount), labels, time),
        ]
        return Outcome(
            metrics: ResourceMetrics(resource: resource, scopes: [ScopeMetrics(scope: scope, metrics: metrics)]),
            failure: failure, droppedSeries: mapping.droppedSeries.values.reduce(0, +))
    }

    func shutdown() async {
        await transport.shutdown()
    }

    private func fetch() async throws(ScrapeError) -> [ScrapedFamily] {
        let request = HTTPRequest.get(target.url, headers: [
            ("Accept", Self.accept),
            ("X-Prometheus-Scrape-Timeout-Seconds", String(configuration.timeout.seconds)),
        ])
        let response: HTTPResponse
        do {
            response = try await transport.send(request, policy: .none, timeout: configuration.timeout)
        } catch {
            if case .httpStatus(let status) = error.kind { throw .httpStatus(status) }
            throw .unreachable(error)
        }
        guard !response.isTruncated else { throw .bodyTooLarge(limit: configuration.maximumBodySize) }
        let contentType = response.contentType ?? ""
        do {
            if ProtobufExpositionParser.isProtobuf(contentType: contentType) { return try ProtobufExpositionParser().parse(response.body) }
            return try ExpositionParser(format: ExpositionTextFormat.format(forContentType: contentType)).parse(response.body)
        } catch {
            throw .malformed(error)
        }
    }

    /// The formats a scrape asks for, as Prometheus asks with native histograms on: protobuf first, as only it
    /// carries native histograms, then OpenMetrics, then the text format.
    private static let accept = ProtobufExpositionParser.contentType
        + ";q=0.9,application/openmetrics-text;version=1.0.0;q=0.8,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    /// A point flagged `noRecordedValue` for every series of `previous` that `current` no longer has.
    private static func endMarkers(of previous: [Metric], missingFrom current: [Metric], at time: Timestamp) -> [Metric] {
        var present: [String: Set<Attributes>] = [:]
        for metric in current {
            present[metric.name, default: []].formUnion(metric.data.pointAttributes)
        }
        return previous.compactMap { metric in
            let kept = present[metric.name] ?? []
            return metric.endingSeries(at: time) { !kept.contains($0) }
        }
    }

    private static func gauge(_ name: String, _ description: String, _ unit: String, _ value: Double, _ labels: Attributes, _ time: Timestamp) -> Metric {
        Metric(name: name, description: description, unit: unit, data: .gauge(.init(points: [
            NumberPoint(attributes: labels, startTime: time, time: time, value: .double(value)),
        ])))
    }
}
