import Vernier
import VernierConcurrency

/// The scrape endpoint's own instruments. Every series carries `otel.component.type`
/// `prometheus_http_text_metric_exporter`, the semantic conventions' name for a Prometheus exporter over HTTP,
/// and the handler's `otel.component.name`:
/// - `otel.sdk.metric_reader.collection.duration`: each collection the scrapes wait for;
/// - `otel.sdk.exporter.operation.duration`: each scrape, from request to response, by
///   `http.response.status_code` and `vernier.exposition.format`, with `error.type` on those that failed
///   (`timeout`: the collection outlasted the scrape timeout; `concurrency_limit`: too many scrapes at once);
///   its count is the number of scrapes;
/// - `vernier.sdk.exporter.response.body.size`: the bytes of each scrape's body as sent (compressed or not),
///   by `vernier.exposition.format`.
///
/// The instruments, and the component's name, are created by the first scrape that finds a meter: a pull reader
/// has one once a provider holds the reader.
final class ScrapeSelfMetrics: Sendable {
    private struct Instruments: Sendable {
        let component: SDKComponent
        let collection: CollectionTimer
        let duration: Histogram<Double>
        let bodySize: Histogram<Int>
    }

    private enum State: Sendable {
        case waitingForMeter
        case created(Instruments)
        case unavailable
    }

    /// Bucket bounds for response sizes, from 1 KiB to 64 MiB in steps of 4.
    private static let bodySizeBoundaries: [Double] = (0...8).map { 1024 * Double(1 << (2 * $0)) }

    private let meter: @Sendable () -> Meter?
    private let state = MutexBox(State.waitingForMeter)

    /// Creates the instruments on what `meter` returns, once it returns a meter.
    init(meter: @escaping @Sendable () -> Meter?) {
        self.meter = meter
    }

    /// Runs `collect`, timing it once the instruments exist.
    func collect(_ collect: () -> MetricsSnapshot) -> MetricsSnapshot {
        guard let instruments = instruments() else { return collect() }
        return instruments.collection.collect(collect)
    }

    /// Records one scrape's answer, the format it was asked in, why it failed if it did, and how long it took.
    func recordScrape(_ response: ScrapeResponse, format: ExpositionFormat, errorType: String?, seconds: Double) {
        guard let instruments = instruments() else { return }
        let formatted = instruments.component.attributes.merging(["vernier.exposition.format": .string(Self.attributeValue(of: format))])
        var attributes = formatted.merging(["http.response.status_code": .int(Int64(response.status))])
        if let errorType {
            attributes = attributes.merging(["error.type": .string(errorType)])
        }
        instruments.duration.record(seconds, attributes: attributes)
        instruments.bodySize.record(response.body.count, attributes: formatted)
    }

    private func instruments() -> Instruments? {
        state.withLock { state in
            switch state {
            case .created(let instruments):
                return instruments
            case .unavailable:
                return nil
            case .waitingForMeter:
                guard let meter = meter() else { return nil }
                let component = SDKComponent(type: "prometheus_http_text_metric_exporter")
                do {
                    let instruments = Instruments(
                        component: component,
                        collection: CollectionTimer(meter: meter, component: component),
                        duration: try meter.sdkExporterOperationDuration(),
                        bodySize: try meter.histogram(
                            "vernier.sdk.exporter.response.body.size", unit: "By", description: "Bytes of each scrape's body as sent.",
                            boundaries: Self.bodySizeBoundaries, valueType: Int.self))
                    state = .created(instruments)
                    return instruments
                } catch {
                    Diagnostics.warn("\(component.name) keeps no self-metrics: \(error)")
                    state = .unavailable
                    return nil
                }
            }
        }
    }

    private static func attributeValue(of format: ExpositionFormat) -> String {
        switch format {
        case .prometheusText: return "prometheus_text"
        case .openMetrics: return "openmetrics_text"
        case .protobuf: return "prometheus_protobuf"
        }
    }
}
