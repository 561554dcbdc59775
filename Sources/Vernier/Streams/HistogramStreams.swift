/// A histogram stream, whatever its bucket layout: hands out the series an instrument records into.
protocol HistogramStream: MetricStream {
    func accumulator(for attributes: Attributes) -> any HistogramAccumulator
    func removeSeries(_ attributes: Attributes)
}

extension HistogramStream where Self: TableBackedStream, Cell: HistogramAccumulator {
    func accumulator(for attributes: Attributes) -> any HistogramAccumulator {
        table.cell(for: attributes)
    }

    func removeSeries(_ attributes: Attributes) {
        table.remove(attributes)
    }
}

/// A stream of explicit-bucket histograms.
final class ExplicitHistogramStream: HistogramStream, TableBackedStream {
    let configuration: StreamConfiguration
    let boundaries: BucketBoundaries
    let table: SeriesTable<ExplicitHistogramCell>
    private let deltas = DeltaTracker<HistogramReading>()

    init(configuration: StreamConfiguration, boundaries: BucketBoundaries) {
        self.configuration = configuration
        self.boundaries = boundaries
        table = SeriesTable(configuration: configuration) { ExplicitHistogramCell(startTime: $0, boundaries: boundaries) }
    }

    func collect(_ context: CollectionContext) -> MetricData? {
        let temporality = context.temporality(for: configuration.kind)
        let entries = table.listing().entries
        // Readings in the order of the entries; only delta collections need them looked up by attributes.
        let readings = entries.map { $0.cell.read() }
        if table.removesIdleSeries { table.removeIdle(zip(entries, readings).map { ($0.attributes, $1.count) }) }
        let previous = temporality == .delta
            ? deltas.exchange(
                reader: context.readerID, readings: Dictionary(zip(entries.map(\.attributes), readings)) { $1 }, time: context.time)
            : (readings: [:], time: nil)
        var points: [HistogramPoint] = []
        points.reserveCapacity(entries.count)
        for ((attributes, cell), var reading) in zip(entries, readings) {
            let exemplars = cell.collectExemplars(recordedAfter: previous.time)
            if temporality == .delta {
                if let earlier = previous.readings[attributes] {
                    reading = HistogramReading(
                        count: reading.count - earlier.count, sum: reading.sum - earlier.sum, min: nil, max: nil,
                        bucketCounts: zip(reading.bucketCounts, earlier.bucketCounts).map { $0 - $1 })
                }
                if reading.count == 0 { continue }
            }
            points.append(HistogramPoint(
                attributes: attributes, startTime: previous.time ?? cell.startTime, time: context.time,
                count: reading.count, sum: reading.sum, min: reading.min, max: reading.max,
                boundaries: boundaries.values, bucketCounts: reading.bucketCounts, exemplars: exemplars))
        }
        return points.isEmpty ? nil : .histogram(.init(temporality: temporality, points: points))
    }
}

/// A stream of base-2 exponential histograms.
final class ExponentialHistogramStream: HistogramStream, TableBackedStream {
    let configuration: StreamConfiguration
    let table: SeriesTable<ExponentialHistogramCell>
    private let deltas = DeltaTracker<ExponentialReading>()

    init(configuration: StreamConfiguration, maxSize: Int, maxScale: Int) {
        self.configuration = configuration
        table = SeriesTable(configuration: configuration) {
            ExponentialHistogramCell(startTime: $0, maxSize: maxSize, maxScale: maxScale)
        }
    }

    func collect(_ context: CollectionContext) -> MetricData? {
        let temporality = context.temporality(for: configuration.kind)
        let entries = table.listing().entries
        var readings: [Attributes: ExponentialReading] = [:]
        for (attributes, cell) in entries { readings[attributes] = cell.read() }
        if table.removesIdleSeries { table.removeIdle(entries.map { ($0.attributes, readings[$0.attributes]!.count) }) }
        let previous = temporality == .delta
            ? deltas.exchange(reader: context.readerID, readings: readings, time: context.time)
            : (readings: [:], time: nil)
        var points: [ExponentialHistogramPoint] = []
        for (attributes, cell) in entries {
            var reading = readings[attributes]!
            if temporality == .delta {
                if let earlier = previous.readings[attributes]?.downscaled(to: reading.scale) {
                    reading.count -= earlier.count
                    reading.sum -= earlier.sum
                    reading.zeroCount -= earlier.zeroCount
                    reading.positive = reading.positive.subtracting(earlier.positive)
                    reading.negative = reading.negative.subtracting(earlier.negative)
                    reading.min = nil
                    reading.max = nil
                }
                if reading.count == 0 { continue }
            }
            points.append(ExponentialHistogramPoint(
                attributes: attributes, startTime: previous.time ?? cell.startTime, time: context.time,
                count: reading.count, sum: reading.sum, min: reading.min, max: reading.max,
                scale: Int32(reading.scale), zeroCount: reading.zeroCount,
                positive: .init(offset: Int32(reading.positive.offset), counts: reading.positive.counts),
                negative: .init(offset: Int32(reading.negative.offset), counts: reading.negative.counts),
                exemplars: cell.collectExemplars(recordedAfter: previous.time)))
        }
        return points.isEmpty ? nil : .exponentialHistogram(.init(temporality: temporality, points: points))
    }
}
