import Vernier

/// Translates OpenTelemetry names into Prometheus names, as the OpenTelemetry Prometheus compatibility
/// specification defines it, and chooses which optional suffixes, labels and series are added: the rules
/// that `PrometheusModel` applies for the scrape endpoint and the remote-write exporter alike.
///
/// - Metric names: characters outside `[a-zA-Z0-9_:]` become `_`, runs of `_` collapse to one, a leading
///   digit gets a `_` prefix; the unit follows as a word (`s` → `_seconds`, `By` → `_bytes`, `X/Y` →
///   `_X_per_Y`, `{annotations}` dropped, `1` → `_ratio` for gauges) unless the name already ends with it;
///   monotonic sums end in `_total`, never `_total_total`.
/// - Label names: characters outside `[a-zA-Z0-9_]` become `_`, runs of `_` collapse, a leading digit gets a
///   `_` prefix.
/// - The resource becomes one `target_info` series; each point carries `otel_scope_name` and
///   `otel_scope_version` labels.
public struct PrometheusNaming: Sendable, Hashable {
    /// Whether metric names end with their unit, such as `_seconds`.
    public var addsUnitSuffixes: Bool
    /// Whether counter names end with `_total` in the text format and remote write.
    ///
    /// OpenMetrics requires `_total` on counter samples, so its writer adds it regardless.
    public var addsTypeSuffixes: Bool
    /// Whether the resource is exposed as a `target_info` series.
    public var exposesTargetInfo: Bool
    /// Whether every point carries `otel_scope_name` and `otel_scope_version` labels.
    public var addsScopeLabels: Bool

    /// Creates a translation; the defaults follow the OpenTelemetry compatibility specification.
    public init(
        addsUnitSuffixes: Bool = true,
        addsTypeSuffixes: Bool = true,
        exposesTargetInfo: Bool = true,
        addsScopeLabels: Bool = true
    ) {
        self.addsUnitSuffixes = addsUnitSuffixes
        self.addsTypeSuffixes = addsTypeSuffixes
        self.exposesTargetInfo = exposesTargetInfo
        self.addsScopeLabels = addsScopeLabels
    }

    /// The Prometheus family a metric becomes: how it is read and the name its samples derive from.
    public enum FamilyType: String, Sendable, Hashable {
        /// A monotonic cumulative sum.
        case counter
        /// A last value or a non-monotonic sum.
        case gauge
        /// An explicit-bucket histogram.
        case histogram
        /// Quantiles with a count and sum.
        case summary
    }

    /// The name of the resource's series.
    public static let targetInfoName = "target_info"
    /// The label carrying the instrumentation scope name.
    public static let scopeNameLabel = "otel_scope_name"
    /// The label carrying the instrumentation scope version.
    public static let scopeVersionLabel = "otel_scope_version"

    /// The family name without type suffix: sanitized, with the unit appended, and for counters without a
    /// trailing `_total` (which `sampleName(base:type:)` adds back once).
    ///
    /// For example `http.server.request.duration` in `s` becomes `http_server_request_duration_seconds`.
    public func baseName(metricName: String, unit: String, type: FamilyType) -> String {
        var name = Self.sanitize(metricName, allowsColon: true)
        if type == .counter {
            name = Self.removingSuffix("_total", from: name)
        }
        if addsUnitSuffixes, let unitWord = PrometheusUnit.word(for: unit, isGauge: type == .gauge),
           !name.hasSuffix("_" + unitWord), name != unitWord {
            name = name.isEmpty || name.hasSuffix("_") ? name + unitWord : name + "_" + unitWord
        }
        return name
    }

    /// The name of a counter's value sample in the text format and remote write: the base name plus
    /// `_total` unless type suffixes are turned off.
    public func counterSampleName(base: String) -> String {
        addsTypeSuffixes ? base + "_total" : base
    }

    /// The Prometheus unit word of an OpenTelemetry unit, as OpenMetrics `UNIT` metadata shows it; nil when
    /// the unit has none (empty, only annotations, or `1` on a non-gauge).
    public func unitWord(unit: String, type: FamilyType) -> String? {
        PrometheusUnit.word(for: unit, isGauge: type == .gauge)
    }

    /// A label name for an attribute key, such as `http_request_method` for `http.request.method`.
    public func labelName(_ key: String) -> String {
        Self.sanitize(key, allowsColon: false)
    }

    /// Replaces invalid characters with `_`, collapses runs of `_` and prefixes a leading digit with `_`.
    ///
    /// Names that are already valid are returned as they are, without allocating.
    static func sanitize(_ name: String, allowsColon: Bool) -> String {
        if isValid(name, allowsColon: allowsColon) { return name }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count + 1)
        for scalar in name.unicodeScalars {
            let valid = scalar.isASCII && isNameByte(UInt8(scalar.value), allowsColon: allowsColon)
            let byte = valid ? UInt8(scalar.value) : UInt8(ascii: "_")
            if byte == UInt8(ascii: "_"), bytes.last == UInt8(ascii: "_") { continue }
            if bytes.isEmpty, isDigit(byte) { bytes.append(UInt8(ascii: "_")) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? "_" : String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a name needs no sanitizing.
    static func isValid(_ name: String, allowsColon: Bool) -> Bool {
        var previous: UInt8 = 0
        var isFirst = true
        for byte in name.utf8 {
            guard isNameByte(byte, allowsColon: allowsColon) else { return false }
            if isFirst, isDigit(byte) { return false }
            if byte == UInt8(ascii: "_"), previous == UInt8(ascii: "_") { return false }
            previous = byte
            isFirst = false
        }
        return !isFirst
    }

    private static func isNameByte(_ byte: UInt8, allowsColon: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"):
            return true
        case UInt8(ascii: ":"):
            return allowsColon
        default:
            return false
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func removingSuffix(_ suffix: String, from name: String) -> String {
        guard name.hasSuffix(suffix), name.utf8.count > suffix.utf8.count else { return name }
        return String(name.dropLast(suffix.count))
    }
}
