import VernierConcurrency

/// The series of one stream: a cell per attribute set, up to the cardinality limit, then one overflow series.
///
/// The limit counts the overflow series, as the OpenTelemetry SDK specification asks: at most `limit - 1`
/// attribute sets get their own series. When the stream keeps only some attribute keys, the full attribute
/// sets seen are remembered (up to twice the limit) so that repeated lookups do not filter again.
final class SeriesTable<Cell: SeriesCell>: Sendable {
    /// The attributes of the series that collects measurements past the cardinality limit.
    static var overflowAttributes: Attributes { ["otel.metric.overflow": true] }

    private struct State {
        var series = SeriesIndex<Cell>()
        var resolved = SeriesIndex<Cell>()
        var overflow: Cell?
        /// Counts the changes of which series exist, so that a collection can tell whether they still do.
        var version: UInt64 = 0
        /// With idle removal: each series' value at the last collection and how many collections in a row left it so.
        var idle: [Attributes: (value: UInt64, collections: Int)] = [:]
    }

    /// The series at one moment, the overflow series last, and the version of the table's membership then:
    /// equal versions of one table list the same series in the same order.
    struct Listing {
        let entries: [(attributes: Attributes, cell: Cell)]
        let version: UInt64
    }

    private let state = MutexBox(State())
    private let keptKeys: Set<String>?
    private let limit: Int
    private let idleCollectionsBeforeRemoval: Int?
    private let makeCell: @Sendable (Timestamp) -> Cell
    private let reporter: InstrumentReporter

    init(configuration: StreamConfiguration, makeCell: @escaping @Sendable (Timestamp) -> Cell) {
        keptKeys = configuration.keptKeys
        limit = max(1, configuration.cardinalityLimit)
        idleCollectionsBeforeRemoval = configuration.idleCollectionsBeforeRemoval
        self.makeCell = makeCell
        reporter = configuration.reporter
    }

    /// The cell for a measurement's attributes, created on first use.
    func cell(for attributes: Attributes) -> Cell {
        let (cell, overflowed) = state.withLock { state -> (Cell, Bool) in
            if let keptKeys {
                if let known = state.resolved[attributes] { return (known, known === state.overflow) }
                let (cell, overflowed) = seriesCell(for: attributes.keeping(keptKeys), in: &state)
                if state.resolved.count < 2 * limit { state.resolved[attributes] = cell }
                return (cell, overflowed)
            }
            return seriesCell(for: attributes, in: &state)
        }
        if overflowed { reporter.recordOverflow() }
        return cell
    }

    private func seriesCell(for attributes: Attributes, in state: inout State) -> (Cell, Bool) {
        if let existing = state.series[attributes] { return (existing, false) }
        let now = Timestamp.now
        guard state.series.count < limit - 1 else {
            if let overflow = state.overflow { return (overflow, true) }
            let overflow = makeCell(now)
            state.overflow = overflow
            state.version &+= 1
            return (overflow, true)
        }
        let cell = makeCell(now)
        state.series[attributes] = cell
        state.version &+= 1
        return (cell, false)
    }

    /// Every series with its attributes, the overflow series last, and the version of that list.
    func listing() -> Listing {
        state.withLock { state in
            guard let overflow = state.overflow else { return Listing(entries: state.series.entries, version: state.version) }
            return Listing(entries: state.series.entries + [(Self.overflowAttributes, overflow)], version: state.version)
        }
    }

    /// Whether collections report the series' values to `removeIdle(_:)`.
    var removesIdleSeries: Bool { idleCollectionsBeforeRemoval != nil }

    /// Removes the series whose value (any 64 bits that change with it, such as a total's or a count's) was the
    /// same in `idleCollectionsBeforeRemoval` collections in a row; the overflow series stays. A measurement racing
    /// the removal may land on the removed cell, as with `remove(_:)`. Callers serialise collections.
    func removeIdle(_ values: [(attributes: Attributes, value: UInt64)]) {
        guard let idleCollectionsBeforeRemoval else { return }
        state.withLock { state in
            var idle: [Attributes: (value: UInt64, collections: Int)] = [:]
            var removedAny = false
            for (attributes, value) in values where attributes != Self.overflowAttributes {
                let collections = state.idle[attributes].map { $0.value == value ? $0.collections + 1 : 0 } ?? 0
                if collections >= idleCollectionsBeforeRemoval {
                    state.series[attributes] = nil
                    removedAny = true
                } else {
                    idle[attributes] = (value, collections)
                }
            }
            state.idle = idle
            if removedAny {
                state.resolved = SeriesIndex()
                state.version &+= 1
            }
        }
    }

    /// Forgets the series that a measurement with `attributes` goes to, so it is no longer reported and the next
    /// measurement for it starts a new one. Handles bound to it keep working but are no longer reported.
    func remove(_ attributes: Attributes) {
        let key = keptKeys.map { attributes.keeping($0) } ?? attributes
        state.withLock { state in
            state.series[key] = nil
            state.resolved = SeriesIndex()
            state.version &+= 1
        }
    }
}
