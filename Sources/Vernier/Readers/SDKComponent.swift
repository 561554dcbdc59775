import VernierConcurrency

/// Who reports a self-metric, as the OpenTelemetry semantic conventions for SDK metrics name it:
/// `otel.component.type` (such as `batching_span_processor`) and `otel.component.name`, `<type>/<index>`, the
/// index counting the components of that type created in this process from 0.
package struct SDKComponent: Sendable {
    /// `otel.component.type`.
    package let type: String
    /// `otel.component.name`.
    package let name: String

    private static let instances = MutexBox<[String: Int]>([:])

    /// The next component of `type` in this process.
    package init(type: String) {
        let index = Self.instances.withLock { instances in
            defer { instances[type, default: 0] += 1 }
            return instances[type, default: 0]
        }
        self.type = type
        name = "\(type)/\(index)"
    }

    /// The two attributes every series of the component carries.
    package var attributes: Attributes {
        ["otel.component.type": .string(type), "otel.component.name": .string(name)]
    }
}
