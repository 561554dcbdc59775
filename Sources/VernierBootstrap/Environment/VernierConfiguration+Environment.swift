import Vernier

extension VernierConfiguration {
    /// This configuration with the environment variables each property documents laid over it: a variable that is
    /// set replaces the code's value, except for the resource, whose variables only fill what the code leaves out.
    ///
    /// A value that cannot be used is reported through `warn`, once, in one line naming the variable and its value
    /// (credentials masked) and saying what is used instead: the code's value, or for an exporter list that mixes
    /// known and unknown names, the known ones. `OTEL_EXPORTER_OTLP_*` variables set while no OTLP exporter is
    /// chosen get one line saying how to choose one.
    public func applyingEnvironment(
        _ environment: [String: String], warn: @escaping (String) -> Void = { Diagnostics.warn($0) }
    ) -> VernierConfiguration {
        let variables = EnvironmentVariables(environment, warn: warn)
        var result = self
        if let disabled = variables.flag("OTEL_SDK_DISABLED", keeping: isDisabled) { result.isDisabled = disabled }
        result.resource = resource.applying(variables)
        let serviceName: String
        if case .string(let name)? = result.resource.attributes["service.name"] { serviceName = name } else { serviceName = "unknown_service" }
        result.metrics = metrics.applying(variables, serviceName: serviceName)
        result.traces = traces.applying(variables)
        if let enabled = variables.flag("VERNIER_RUNTIME_METRICS", keeping: runtime.isEnabled) { result.runtime.isEnabled = enabled }
        OTLPVariables.warnWhenUnused(variables, metricsExporters: result.metrics.exporters, tracesExporters: result.traces.exporters)
        return result
    }
}
