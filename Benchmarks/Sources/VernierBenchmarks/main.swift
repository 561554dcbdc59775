import Foundation
import VernierOTLP

/// Every case, most important first. `VernierBenchmarks WORD...` runs only the cases whose name contains a WORD.
let cases: [BenchmarkCase] = [
    .boundCounterAdd,
    .counterAddWithAttributes,
    .boundHistogramRecord,
    .boundCounterAddOnTwoThreads,
    .swiftMetricsCounterIncrement,
    .swiftMetricsTimerRecord,
    .swiftMetricsCounterPerRequest,
    .histogramRecordInsideSpan,
    .spanIdentityLookup,
    .spanStartAndEnd,
    .traceparentParse,
    .traceparentFormat,
    .runtimeSample,
    .counterSeriesFootprint,
    .histogramSeriesFootprint,
    .boundCounterAdd.onProviderWithoutReader(targets: [.time(atMost: 1, for: .vernierNoReader)]),
    .counterAddWithAttributes.onProviderWithoutReader(targets: [.time(atMost: 1, for: .vernierNoReader)]),
    .scrape(SeriesPopulation(counterSeries: 10_000, histogramSeries: 0), format: .prometheusText),
    .scrape(SeriesPopulation(counterSeries: 10_000, histogramSeries: 1_000), format: .prometheusText),
    .scrape(SeriesPopulation(counterSeries: 10_000, histogramSeries: 1_000), format: .openMetrics),
    .otlpEncode(SeriesPopulation(counterSeries: 9_000, histogramSeries: 1_000), encoder: OTLPMetricProtobufEncoder(),
                formatName: "protobuf", target: .time(atMost: 10_000_000)),
    .otlpEncode(SeriesPopulation(counterSeries: 9_000, histogramSeries: 1_000), encoder: OTLPMetricJSONEncoder(),
                formatName: "JSON", target: nil),
    .otlpExport(SeriesPopulation(counterSeries: 9_000, histogramSeries: 1_000)),
    .remoteWriteRequest(SeriesPopulation(counterSeries: 10_000, histogramSeries: 0)),
    .expositionParse(.prometheusText),
    .expositionParse(.openMetrics),
]

if let flag = CommandLine.arguments.firstIndex(of: "--count-locked") {
    try LockedInstructionCount.run(arguments: Array(CommandLine.arguments[(flag + 1)...]), cases: cases)
    exit(0)
}

let filters = CommandLine.arguments.dropFirst()
let selected = filters.isEmpty ? cases : cases.filter { benchmark in filters.contains { benchmark.name.contains($0) } }
let runner = Runner()
let atomicAdd = MachineFacts.atomicAddNanoseconds()
let builds = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"

var measurements: [Measurement] = []
for benchmark in selected {
    FileHandle.standardError.write(Data("measuring \(benchmark.name)\n".utf8))
    measurements += try runner.measure(benchmark)
}

let table = ReportTable(cases: selected, measurements: measurements).render()
let lagProbes = filters.isEmpty || filters.contains { "lag probes".contains($0) } ? LagProbeCost.measure() : nil
print("""
    Vernier against swift-prometheus 2.4.1 and swift-otel 1.6.0, one process, \(ProcessInfo.processInfo.activeProcessorCount) cores, \
    load average \(builds) at start.
    CPU: \(MachineFacts.cpuModel); one uncontended atomic add: \(Format.duration(atomicAdd)) (the floor of every recording operation).
    Loops: median of \(runner.rounds) rounds of ~\(Format.duration(runner.roundLength.nanoseconds)) after \(runner.warmupRounds) warm-up rounds; \
    "work between" subtracts the work alone. Allocations: an allocator hook, in one more untimed round.
    Memory: heap in use (mallinfo2) before and after creating the series, median of \(runner.footprintRounds) fresh instances.

    """)
print(table.text)
if let lagProbes { print("\n" + lagProbes.line) }
let passed = table.passed + (lagProbes?.isMet == true ? 1 : 0)
let checked = table.checked + (lagProbes == nil ? 0 : 1)
print("\ntargets met: \(passed) of \(checked)")
print("figures written to \(try ResultsFile.write(measurements).path)")
