#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Creates the resource of a service: the SDK attributes, then `OTEL_RESOURCE_ATTRIBUTES`, then
    /// `OTEL_SERVICE_NAME`, then the arguments, each later source winning.
    ///
    /// Without any service name the OpenTelemetry default `unknown_service:<process name>` is used.
    public init(
        serviceName: String? = nil,
        serviceVersion: String? = nil,
        serviceNamespace: String? = nil,
        serviceInstanceID: String? = nil,
        attributes: Attributes = .empty,
        environment: [String: String] = ProcessEnvironment.current
    ) {
        var merged = Self.sdk.attributes
        merged = merged.merging(Self.fromEnvironment(environment).attributes)
        var explicit: [Attribute] = []
        if let serviceName { explicit.append(Attribute(key: "service.name", value: .string(serviceName))) }
        if let serviceVersion { explicit.append(Attribute(key: "service.version", value: .string(serviceVersion))) }
        if let serviceNamespace { explicit.append(Attribute(key: "service.namespace", value: .string(serviceNamespace))) }
        if let serviceInstanceID { explicit.append(Attribute(key: "service.instance.id", value: .string(serviceInstanceID))) }
        merged = merged.merging(Attributes(explicit)).merging(attributes)
        if merged["service.name"] == nil {
            merged = merged.merging(["service.name": .string("unknown_service:" + ProcessEnvironment.processName)])
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

    /// The attributes named by `OTEL_RESOURCE_ATTRIBUTES` (`key=value,...`, percent-encoded) and `OTEL_SERVICE_NAME`.
    ///
    /// Malformed entries are skipped with a warning naming the variable.
    public static func fromEnvironment(_ environment: [String: String] = ProcessEnvironment.current) -> Resource {
        var attributes: [Attribute] = []
        if let list = environment["OTEL_RESOURCE_ATTRIBUTES"], !list.isEmpty {
            for entry in list.split(separator: ",") {
                let parts = entry.split(separator: "=", maxSplits: 1)
                guard parts.count == 2,
                      let key = PercentDecoding.decode(parts[0].trimmingSpaces), !key.isEmpty,
                      let value = PercentDecoding.decode(parts[1].trimmingSpaces)
                else {
                    Diagnostics.warn("OTEL_RESOURCE_ATTRIBUTES: ignoring malformed entry '\(entry)'; expected key=value")
                    continue
                }
                attributes.append(Attribute(key: key, value: .string(value)))
            }
        }
        if let name = environment["OTEL_SERVICE_NAME"], !name.isEmpty {
            attributes.append(Attribute(key: "service.name", value: .string(name)))
        }
        return Resource(attributes: Attributes(attributes))
    }
}

/// Reads the process environment and name once, for configuration defaults.
public enum ProcessEnvironment {
    /// The environment variables of this process.
    public static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    /// The executable's file name.
    public static var processName: String {
        let path = CommandLine.arguments.first ?? "swift"
        return String(path.split(separator: "/").last ?? "swift")
    }
}

/// Percent-decoding for the `k=v` lists of OpenTelemetry environment variables.
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
