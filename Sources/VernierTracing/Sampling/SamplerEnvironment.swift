import Vernier

/// Builds the sampler named by `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`.
public enum SamplerEnvironment {
    /// The sampler the environment names: `always_on`, `always_off`, `traceidratio`, `parentbased_always_on`
    /// (the default), `parentbased_always_off` or `parentbased_traceidratio`.
    ///
    /// The ratio comes from `OTEL_TRACES_SAMPLER_ARG`, 1.0 when unset. An unknown sampler or a ratio that is
    /// not a number in 0...1 is reported with a warning naming the variable, and the default is used instead.
    public static func sampler(_ environment: [String: String] = ProcessEnvironment.current) -> any Sampler {
        let name = environment["OTEL_TRACES_SAMPLER"].map(trimmed)?.lowercased() ?? ""
        switch name {
        case "", "parentbased_always_on": return ParentBasedSampler(root: AlwaysOnSampler())
        case "always_on": return AlwaysOnSampler()
        case "always_off": return AlwaysOffSampler()
        case "traceidratio": return TraceIDRatioSampler(ratio: ratio(environment))
        case "parentbased_always_off": return ParentBasedSampler(root: AlwaysOffSampler())
        case "parentbased_traceidratio": return ParentBasedSampler(root: TraceIDRatioSampler(ratio: ratio(environment)))
        default:
            Diagnostics.warn("OTEL_TRACES_SAMPLER='\(name)' is not a supported sampler; using parentbased_always_on")
            return ParentBasedSampler(root: AlwaysOnSampler())
        }
    }

    private static func ratio(_ environment: [String: String]) -> Double {
        guard let raw = environment["OTEL_TRACES_SAMPLER_ARG"].map(trimmed), !raw.isEmpty else { return 1 }
        guard let value = Double(raw), (0...1).contains(value) else {
            Diagnostics.warn("OTEL_TRACES_SAMPLER_ARG='\(raw)' is not a ratio between 0 and 1; using 1.0")
            return 1
        }
        return value
    }

    private static func trimmed(_ text: String) -> String {
        String(Substring(text).trimmingOptionalWhitespace)
    }
}
