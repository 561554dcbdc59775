import Vernier

extension Metric {
    /// The metric with `extra` added to every point's attributes; the point's own win.
    func addingAttributes(_ extra: Attributes) -> Metric {
        guard !extra.isEmpty else { return self }
        var copy = self
        copy.data = data.editingPoints { point in
            point.attributes = extra.merging(point.attributes)
            return true
        }
        return copy
    }

    /// The points of series for which `isEnded` holds, flagged `noRecordedValue` at `time`; nil when none are.
    func endingSeries(at time: Timestamp, where isEnded: (Attributes) -> Bool) -> Metric? {
        var copy = self
        copy.data = data.editingPoints { point in
            guard isEnded(point.attributes) else { return false }
            point.time = time
            point.flags = .noRecordedValue
            return true
        }
        return copy.data.pointCount > 0 ? copy : nil
    }
}
