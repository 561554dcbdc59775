import Vernier
import VernierConcurrency

/// Keeps the catalog of the latest exposition, so that scrapes of an unchanged set of series skip translating
/// names, rendering labels and sorting series, which is most of an exposition's work.
///
/// A catalog is reused only when the new snapshot has exactly its shape (`SnapshotShape`); any new, removed or
/// reordered series, or any other change of metadata, builds a new catalog that replaces it. Catalogs are never
/// changed once built, so concurrent scrapes can share one.
final class ExpositionCatalogCache: Sendable {
    private let latest = MutexBox<ExpositionCatalog?>(nil)

    /// A catalog for `snapshot`: the cached one when it fits, otherwise a new one, which is cached.
    func catalog(for snapshot: MetricsSnapshot, naming: PrometheusNaming) -> ExpositionCatalog {
        if let cached = latest.withLock({ $0 }), cached.shape.matches(snapshot, naming: naming) {
            return cached
        }
        let fresh = ExpositionCatalog(snapshot: snapshot, naming: naming)
        latest.withLock { $0 = fresh }
        return fresh
    }
}
