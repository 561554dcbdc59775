import VernierConcurrency

/// The points array of each reader's last cumulative collection of one stream, which that reader's next
/// collection writes over while the stream's series are the same.
///
/// Once the consumer of a snapshot lets go of it, the array is referenced from here alone, and writing the new
/// values over the old ones spares allocating the array and, for every series, retaining its attributes for the
/// new point and releasing them with the old one: most of a collection's cost with many series. While a
/// consumer still holds the previous snapshot, copy-on-write gives the new collection an array of its own.
/// The price is one points array per reader and stream kept between collections.
final class RecycledPoints: Sendable {
    private struct Kept {
        let version: UInt64
        let points: [NumberPoint]
    }

    private let kept = MutexBox<[Int: Kept]>([:])

    /// The points of `listing` for `reader` collected at `time`, each given its cell's values by `refresh`: the
    /// kept array's points when it was made from the same version of the series, otherwise new ones.
    func points<Cell>(
        for reader: Int, of listing: SeriesTable<Cell>.Listing, at time: Timestamp, refresh: (inout NumberPoint, Cell) -> Void
    ) -> [NumberPoint] {
        let reusable = kept.withLock { kept -> [NumberPoint]? in
            guard let previous = kept.removeValue(forKey: reader), previous.version == listing.version else { return nil }
            return previous.points
        }
        var points: [NumberPoint]
        if let reusable, reusable.count == listing.entries.count {
            points = reusable
            points.withUnsafeMutableBufferPointer { points in
                listing.entries.withUnsafeBufferPointer { entries in
                    // The listing keeps every cell alive: reading them unretained spares two atomic operations each.
                    for index in entries.indices {
                        Unmanaged.passUnretained(entries[index].cell)._withUnsafeGuaranteedRef { refresh(&points[index], $0) }
                    }
                }
            }
        } else {
            points = listing.entries.map { attributes, cell in
                var point = NumberPoint(attributes: attributes, startTime: time, time: time, value: .int(0))
                refresh(&point, cell)
                return point
            }
        }
        kept.withLock { $0[reader] = Kept(version: listing.version, points: points) }
        return points
    }
}
