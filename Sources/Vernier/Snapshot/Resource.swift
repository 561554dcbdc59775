/// The entity that produces telemetry, such as one instance of a service, described by attributes.
///
/// Exporters attach it to every batch; the Prometheus writer shows it as `target_info`, and `service.name`,
/// `service.namespace` and `service.instance.id` become the `job` and `instance` labels.
public struct Resource: Sendable, Equatable {
    /// The resource attributes, such as `service.name`.
    public let attributes: Attributes

    /// The version string Vernier reports as `telemetry.sdk.version`.
    public static let sdkVersion = "0.1.0"

    /// Creates a resource from its attributes, exactly as given.
    public init(attributes: Attributes) {
        self.attributes = attributes
    }

    /// Creates the resource of a service: the SDK attributes, then the arguments, each later source winning.
    ///
    /// Without any service name the OpenTelemetry default `unknown_service:<process name>` is used.
    /// `VernierService.bootstrap` fills what the code leaves out from `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_SERVICE_NAME`.
    public init(
        serviceName: String? = nil,
        serviceVersion: String? = nil,
        serviceNamespace: String? = nil,
        serviceInstanceID: String? = nil,
        attributes: Attributes = .empty
    ) {
        var merged = Self.sdk.attributes
        var explicit: [Attribute] = []
        if let serviceName { explicit.append(Attribute(key: "service.name", value: .string(serviceName))) }
        if let serviceVersion { explicit.append(Attribute(key: "service.version", value: .string(serviceVersion))) }
        if let serviceNamespace { explicit.append(Attribute(key: "service.namespace", value: .string(serviceNamespace))) }
        if let serviceInstanceID { explicit.append(Attribute(key: "service.instance.id", value: .string(serviceInstanceID))) }
        merged = merged.merging(Attributes(explicit)).merging(attributes)
        if merged["service.name"] == nil {
            merged = merged.merging(["service.name": .string(Self.unknownServiceName)])
        }
        self.attributes = merged
    }

    /// The SDK's own attributes: `telemetry.sdk.name`, `telemetry.sdk.language` and `telemetry.sdk.version`.
    public static var sdk: Resource {
        Resource(attributes: [
            "telemetry.sdk.name": "vernier",
            "telemetry.sdk.language": "swift",
            "telemetry.sdk.version": .string(sdkVersion),
        ])
    }

    /// `unknown_service:<process name>`, the `service.name` of a resource created without one, as the OpenTelemetry
    /// specification asks.
    public static var unknownServiceName: String {
        let path = CommandLine.arguments.first ?? "swift"
        return "unknown_service:" + String(path.split(separator: "/").last ?? "swift")
    }
}

/// Percent-decoding for the `k=v` lists of OpenTelemetry environment variables and the credentials of URLs.
public enum PercentDecoding {
    /// Decodes `%XX` escapes; nil when an escape is malformed or the result is not UTF-8.
    public static func decode(_ text: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = HexDigits.parse([high, low][...])
            else { return nil }
            bytes.append(UInt8(value))
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension Substring {
    /// This text without leading and trailing whitespace: how every configuration value from the environment is read.
    package var trimmingSpaces: Substring {
        var result = self
        while result.first?.isWhitespace == true { result = result.dropFirst() }
        while result.last?.isWhitespace == true { result = result.dropLast() }
        return result
    }
}
