/// One series of a histogram, whatever its bucket layout.
@usableFromInline
protocol HistogramAccumulator: SeriesCell {
    /// Records a finite value and returns its bucket, for exemplar placement.
    func record(_ value: Double) -> Int
    /// How this series keeps exemplars.
    var exemplarReservoirKind: ExemplarReservoir.Kind { get }
}
