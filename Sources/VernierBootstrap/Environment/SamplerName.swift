import VernierTracing

/// The samplers `OTEL_TRACES_SAMPLER` can name, and the ratio `OTEL_TRACES_SAMPLER_ARG` gives the ratio-based ones.
enum SamplerName {
    /// The sampler the variables name; nil when `OTEL_TRACES_SAMPLER` is unset or names no known sampler (with a
    /// warning naming `current`, the sampler kept). `OTEL_TRACES_SAMPLER_ARG` is read only for the two ratio-based
    /// samplers, 1.0 when unset; otherwise it gets a warning that it has no effect.
    static func read(from variables: EnvironmentVariables, keeping current: any Sampler) -> (any Sampler)? {
        let name = variables.text("OTEL_TRACES_SAMPLER")?.lowercased()
        if !ratioBased.contains(name ?? ""), let argument = variables.text("OTEL_TRACES_SAMPLER_ARG") {
            variables.warn("OTEL_TRACES_SAMPLER_ARG=\(EnvironmentVariables.quoted(argument)) has no effect:"
                + " only OTEL_TRACES_SAMPLER=\(ratioBased.joined(separator: " or ")) takes it; ignoring it")
        }
        guard let name else { return nil }
        switch name {
        case "always_on": return AlwaysOnSampler()
        case "always_off": return AlwaysOffSampler()
        case "traceidratio": return TraceIDRatioSampler(ratio: ratio(variables))
        case "parentbased_always_on": return ParentBasedSampler(root: AlwaysOnSampler())
        case "parentbased_always_off": return ParentBasedSampler(root: AlwaysOffSampler())
        case "parentbased_traceidratio": return ParentBasedSampler(root: TraceIDRatioSampler(ratio: ratio(variables)))
        default:
            let known = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"]
            variables.warn("OTEL_TRACES_SAMPLER=\(EnvironmentVariables.quoted(name)) is not one of \(known.joined(separator: ", ")); keeping \(current.description)")
            return nil
        }
    }

    private static let ratioBased = ["traceidratio", "parentbased_traceidratio"]

    private static func ratio(_ variables: EnvironmentVariables) -> Double {
        guard let text = variables.text("OTEL_TRACES_SAMPLER_ARG") else { return 1 }
        guard let ratio = Double(text), (0...1).contains(ratio) else {
            variables.warn("OTEL_TRACES_SAMPLER_ARG=\(EnvironmentVariables.quoted(text)) is not a ratio from 0 to 1; using 1.0")
            return 1
        }
        return ratio
    }
}
