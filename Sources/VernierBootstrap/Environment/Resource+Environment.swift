import Vernier

extension Resource {
    /// This resource with `OTEL_RESOURCE_ATTRIBUTES` and then `OTEL_SERVICE_NAME` filling the attributes it leaves
    /// out; a `service.name` left at `unknown_service:<process>` counts as left out.
    func applying(_ variables: EnvironmentVariables) -> Resource {
        var fromEnvironment = Attributes(variables.keyValues("OTEL_RESOURCE_ATTRIBUTES").map { Attribute(key: $0.name, value: .string($0.value)) })
        if let serviceName = variables.text("OTEL_SERVICE_NAME") {
            fromEnvironment = fromEnvironment.merging(["service.name": .string(serviceName)])
        }
        var fromCode = attributes
        if fromCode["service.name"] == .string(Resource.unknownServiceName), fromEnvironment["service.name"] != nil {
            fromCode = fromCode.removing(["service.name"])
        }
        return Resource(attributes: fromEnvironment.merging(fromCode))
    }
}
