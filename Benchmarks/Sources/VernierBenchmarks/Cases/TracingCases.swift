import ServiceContextModule
import Tracing
import Vernier
import VernierTracing

/// The tracing layer's own costs, Vernier alone: swift-prometheus has no tracer, and swift-otel's is not measured.
extension BenchmarkCase {
    /// A sampled span started and ended, handed to a processor that drops it, so the figure is the tracer's own
    /// work for a recording span. (With no processor at all a span records nothing.)
    static var spanStartAndEnd: BenchmarkCase {
        vernierOnly(name: "span start and end, sampled, to a processor that drops it", target: .time(atMost: 1_000)) { _ in
            let tracer = VernierTracer(sampler: AlwaysOnSampler(), processors: [DroppingSpanProcessor()])
            return .loop { iterations, spacing in
                repeatOperation(iterations, spacing: spacing) { _ in
                    tracer.startSpan("checkout", context: .topLevel).end()
                }
            }
        }
    }

    /// A `traceparent` header read into a span context.
    static var traceparentParse: BenchmarkCase {
        vernierOnly(name: "traceparent parse", target: nil) { _ in
            let header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            return .loop { iterations, spacing in
                repeatOperation(iterations, spacing: spacing) { _ in blackHole(W3CTraceContext.parse(traceparent: header)) }
            }
        }
    }

    /// A span context written as a `traceparent` header.
    static var traceparentFormat: BenchmarkCase {
        vernierOnly(name: "traceparent format", target: nil) { _ in
            let context = W3CTraceContext.parse(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")!
            return .loop { iterations, spacing in
                repeatOperation(iterations, spacing: spacing) { _ in blackHole(W3CTraceContext.traceparent(context)) }
            }
        }
    }

    /// A bound histogram record inside a sampled span: the default `traceBased` filter captures an exemplar (the
    /// span's ids and the time), `alwaysOff` does not; the difference between the two rows is the capture.
    static var histogramRecordInsideSpan: BenchmarkCase {
        var setups = LibrarySetups(vernier: { instance in
            let series = try instance.meter.histogram(Fixtures.histogramName, unit: "s", boundaries: Fixtures.boundaries).bind([:])
            var context = ServiceContext.topLevel
            context.spanIdentity = SpanIdentity(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), isSampled: true)
            let spanContext = context
            return .loop { iterations, spacing in
                let samples = Fixtures.samples
                ServiceContext.withValue(spanContext) {
                    repeatOperation(iterations, spacing: spacing) { index in series.record(samples[index & 15]) }
                }
            }
        })
        setups.vernierVariants = [.defaults, .exemplarsOff]
        return BenchmarkCase(
            name: "bound histogram record inside a sampled span", setups: setups,
            targets: [.addsAtMost(60, to: .vernierExemplarsOff)])
    }

    /// What every exemplar capture pays before any Vernier code runs: reading the task's `ServiceContext` and the
    /// span identity in it, through swift-distributed-tracing's generic, type-erased context storage.
    static var spanIdentityLookup: BenchmarkCase {
        vernierOnly(name: "span identity read from ServiceContext.current (part of exemplar capture)", target: nil) { _ in
            var context = ServiceContext.topLevel
            context.spanIdentity = SpanIdentity(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), isSampled: true)
            let spanContext = context
            return .loop { iterations, spacing in
                ServiceContext.withValue(spanContext) {
                    repeatOperation(iterations, spacing: spacing) { _ in blackHole(ServiceContext.current?.spanIdentity?.isSampled) }
                }
            }
        }
    }

    /// A case measuring Vernier with its defaults only.
    static func vernierOnly(
        name: String, target: Target?, workload: @escaping @Sendable (VernierInstance) throws -> Workload
    ) -> BenchmarkCase {
        var setups = LibrarySetups(vernier: workload)
        setups.vernierVariants = [.defaults]
        return BenchmarkCase(name: name, setups: setups, targets: target.map { [$0] } ?? [])
    }
}

/// Takes ended spans and keeps none.
private struct DroppingSpanProcessor: SpanProcessor {
    func onEnd(_ span: FinishedSpan) {}
    func forceFlush() async {}
    func shutdown() async {}
}
