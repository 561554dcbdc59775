/// Bucket boundaries worth sharing between histograms, so that the same kind of measurement is bucketed alike
/// everywhere and one dashboard query fits them all.
public enum HistogramBoundaries {
    /// Durations in seconds, from 5 ms to 10 s: OpenTelemetry's advice for `http.server.request.duration`, which
    /// suits most request, export and job durations.
    public static let durationSeconds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]
}
