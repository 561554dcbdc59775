/// A swift-metrics handler bound to one Vernier series, which `destroy*` can remove.
protocol SeriesBridge: AnyObject {
    /// Stops reporting the series, as swift-metrics' `destroy` asks.
    func removeSeries()
}
