/// Picks the response format and encoding from a scraper's `Accept` and `Accept-Encoding` headers.
public enum ContentNegotiation {
    /// The format the scraper prefers among those Vernier writes, by `q` weight and then by listing order.
    ///
    /// `application/openmetrics-text` (version `1.0.0`, `0.0.1` or none) selects OpenMetrics; `text/plain`
    /// (version `0.0.4` or none), `text/*` and `*/*` select the text format, which is also the answer when
    /// the header is missing or names nothing Vernier writes. `application/vnd.google.protobuf` with
    /// `proto=io.prometheus.client.MetricFamily` and `encoding=delimited` selects the protobuf format, which
    /// Prometheus lists first when native histograms are enabled.
    public static func format(accept: String?) -> ExpositionFormat {
        guard let accept else { return .prometheusText }
        var best: (format: ExpositionFormat, weight: Double)?
        for range in MediaRange.parseList(accept) {
            guard range.weight > 0, let format = supportedFormat(range), range.weight > (best?.weight ?? 0) else { continue }
            best = (format, range.weight)
        }
        return best?.format ?? .prometheusText
    }

    /// Whether the scraper accepts a gzip-encoded body.
    public static func acceptsGzip(acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        return MediaRange.parseList(acceptEncoding).contains { $0.name == "gzip" && $0.weight > 0 }
    }

    private static func supportedFormat(_ range: MediaRange) -> ExpositionFormat? {
        let version = range.parameters["version"]
        switch range.name {
        case "application/openmetrics-text":
            return version == nil || version == "1.0.0" || version == "0.0.1" ? .openMetrics : nil
        case "text/plain":
            return version == nil || version == "0.0.4" ? .prometheusText : nil
        case "text/*", "*/*":
            return .prometheusText
        case "application/vnd.google.protobuf":
            let isMetricFamilyStream = range.parameters["proto"] == "io.prometheus.client.MetricFamily"
                && range.parameters["encoding"] == "delimited"
            return isMetricFamilyStream ? .protobuf : nil
        default:
            return nil
        }
    }
}

/// One element of an HTTP list header such as `Accept`: a lowercased name, its parameters and its `q` weight.
struct MediaRange {
    let name: String
    let parameters: [String: String]
    let weight: Double

    static func parseList(_ header: String) -> [MediaRange] {
        header.split(separator: ",").compactMap { element in
            let parts = element.split(separator: ";").map { $0.trimmed(of: " \t") }
            guard let name = parts.first, !name.isEmpty else { return nil }
            var parameters: [String: String] = [:]
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let key = pair[0].trimmed(of: " \t").lowercased()
                parameters[key] = pair[1].trimmed(of: " \t\"")
            }
            let weight = parameters["q"].flatMap(Double.init) ?? 1
            return MediaRange(name: name.lowercased(), parameters: parameters, weight: weight.isNaN ? 0 : weight)
        }
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    func trimmed(of characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
