import Vernier

/// The hot paths: one measurement into one series, as each library's cheapest public API allows.
extension BenchmarkCase {
    /// A counter series resolved once: Vernier's `bind`, swift-prometheus's labelled `Counter`,
    /// swift-otel's `CounterHandler` from its swift-metrics factory.
    static var boundCounterAdd: BenchmarkCase {
        BenchmarkCase(
            name: "bound counter add",
            setups: boundCounterSetups,
            targets: [.time(atMost: 3), .faster(than: .swiftPrometheus)])
    }

    /// Two threads adding to the same bound series; the figure is wall time over the operations of both.
    static var boundCounterAddOnTwoThreads: BenchmarkCase {
        BenchmarkCase(
            name: "bound counter add, 2 threads on one series",
            threads: 2,
            setups: boundCounterSetups,
            targets: [.faster(than: .swiftPrometheus, by: 3)])
    }

    /// A counter add naming its series by three attributes on every call, the attribute set built once:
    /// Vernier's `add(_:attributes:)`, swift-prometheus's `makeCounter(descriptor:labels:)` (which returns the
    /// existing series), swift-otel's `makeCounter(label:dimensions:)` on its factory.
    static var counterAddWithAttributes: BenchmarkCase {
        BenchmarkCase(
            name: "counter add with 3 attributes",
            setups: LibrarySetups(
                vernier: { instance in
                    let counter = try instance.meter.counter(Fixtures.counterName)
                    let attributes = Fixtures.attributes
                    return .loop { iterations, spacing in
                        repeatOperation(iterations, spacing: spacing) { _ in counter.add(1, attributes: attributes) }
                    }
                },
                swiftPrometheus: { registry in
                    let labels = Fixtures.labels
                    return .loop { iterations, spacing in
                        let descriptor = Fixtures.prometheusCounter
                        repeatOperation(iterations, spacing: spacing) { _ in
                            registry.makeCounter(descriptor: descriptor, labels: labels).increment()
                        }
                    }
                },
                swiftOTel: { factory in
                    let dimensions = Fixtures.labels
                    return .loop { iterations, spacing in
                        repeatOperation(iterations, spacing: spacing) { _ in
                            factory.makeCounter(label: Fixtures.counterName, dimensions: dimensions).increment(by: 1)
                        }
                    }
                }),
            targets: [.time(atMost: 60), .noAllocation()])
    }

    /// A histogram series with 11 buckets resolved once, recording values spread over the buckets.
    static var boundHistogramRecord: BenchmarkCase {
        BenchmarkCase(
            name: "bound histogram record, 11 buckets",
            setups: LibrarySetups(
                vernier: { instance in
                    let series = try instance.meter
                        .histogram(Fixtures.histogramName, unit: "s", boundaries: Fixtures.boundaries).bind([:])
                    return .loop { iterations, spacing in
                        let samples = Fixtures.samples
                        repeatOperation(iterations, spacing: spacing) { index in series.record(samples[index & 15]) }
                    }
                },
                swiftPrometheus: { registry in
                    let series = registry.makeValueHistogram(descriptor: Fixtures.prometheusHistogram, labels: [], buckets: Fixtures.boundaries)
                    return .loop { iterations, spacing in
                        let samples = Fixtures.samples
                        repeatOperation(iterations, spacing: spacing) { index in series.record(samples[index & 15]) }
                    }
                },
                swiftOTel: { factory in
                    let series = factory.makeRecorder(label: Fixtures.histogramName, dimensions: [], aggregate: true)
                    return .loop { iterations, spacing in
                        let samples = Fixtures.samples
                        repeatOperation(iterations, spacing: spacing) { index in series.record(samples[index & 15]) }
                    }
                }),
            targets: [.time(atMost: 12), .faster(than: .swiftPrometheus, by: 3)])
    }

    private static var boundCounterSetups: LibrarySetups {
        LibrarySetups(
            vernier: { instance in
                let series = try instance.meter.counter(Fixtures.counterName).bind(Fixtures.boundAttributes)
                return .loop { iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in series.add(1) }
                }
            },
            swiftPrometheus: { registry in
                let series = registry.makeCounter(descriptor: Fixtures.prometheusCounter, labels: Fixtures.boundLabels)
                return .loop { iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in series.increment() }
                }
            },
            swiftOTel: { factory in
                let series = factory.makeCounter(label: Fixtures.counterName, dimensions: Fixtures.boundLabels)
                return .loop { iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in series.increment(by: 1) }
                }
            })
    }
}
