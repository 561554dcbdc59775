import Testing
import VernierBootstrap
import VernierTracing
import VernierTesting

@Suite("Sampling and batching from the environment")
struct TracesEnvironmentTests {
    @Test(arguments: [
        ([:], "ParentBased{root=AlwaysOnSampler}"),
        (["OTEL_TRACES_SAMPLER": "always_off"], "AlwaysOffSampler"),
        (["OTEL_TRACES_SAMPLER": "ALWAYS_ON"], "AlwaysOnSampler"),
        (["OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.25"], "TraceIdRatioBased{0.25}"),
        (["OTEL_TRACES_SAMPLER": "traceidratio"], "TraceIdRatioBased{1.0}"),
        (["OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.1"], "ParentBased{root=TraceIdRatioBased{0.1}}"),
        (["OTEL_TRACES_SAMPLER": "parentbased_always_off"], "ParentBased{root=AlwaysOffSampler}"),
    ] as [([String: String], String)])
    func theSamplerVariableNamesTheSampler(_ environment: [String: String], _ expected: String) {
        #expect(VernierConfiguration().applyingEnvironment(environment).traces.sampler.description == expected)
    }

    @Test func anUnknownSamplerKeepsTheCodesAndABadOrUnusedArgumentSaysWhatHappens() {
        let warnings = DiagnosticsRecorder()
        let code = VernierConfiguration(traces: .init(sampler: AlwaysOffSampler()))
        #expect(code.applyingEnvironment(["OTEL_TRACES_SAMPLER": "jaeger_remote"], warn: warnings.record).traces.sampler.description == "AlwaysOffSampler")
        let ratio = code.applyingEnvironment(["OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "lots"], warn: warnings.record)
        #expect(ratio.traces.sampler.description == "TraceIdRatioBased{1.0}")
        _ = code.applyingEnvironment(["OTEL_TRACES_SAMPLER_ARG": "0.5"], warn: warnings.record)
        #expect(warnings.lines == [
            "OTEL_TRACES_SAMPLER='jaeger_remote' is not one of always_on, always_off, traceidratio, parentbased_always_on,"
                + " parentbased_always_off, parentbased_traceidratio; keeping AlwaysOffSampler",
            "OTEL_TRACES_SAMPLER_ARG='lots' is not a ratio from 0 to 1; using 1.0",
            "OTEL_TRACES_SAMPLER_ARG='0.5' has no effect: only OTEL_TRACES_SAMPLER=traceidratio or parentbased_traceidratio takes it; ignoring it",
        ])
    }

    @Test func batchVariablesConfigureTheQueueTheBatchStayingWithinIt() {
        let warnings = DiagnosticsRecorder()
        let batching = VernierConfiguration().applyingEnvironment([
            "OTEL_BSP_MAX_QUEUE_SIZE": "10", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "50", "OTEL_BSP_SCHEDULE_DELAY": "250",
        ], warn: warnings.record).traces.batching
        #expect(batching == BatchSpanProcessorConfiguration(maximumQueueSize: 10, maximumExportBatchSize: 10, scheduleDelay: .milliseconds(250)))
        let kept = VernierConfiguration().applyingEnvironment(
            ["OTEL_BSP_MAX_QUEUE_SIZE": "-3", "OTEL_BSP_EXPORT_TIMEOUT": "5000"], warn: warnings.record).traces.batching
        #expect(kept.maximumQueueSize == 2048)
        #expect(warnings.lines == [
            "OTEL_BSP_EXPORT_TIMEOUT='5000' has no effect: each export is bounded by the OTLP timeout (OTEL_EXPORTER_OTLP_TRACES_TIMEOUT); ignoring it",
            "OTEL_BSP_MAX_QUEUE_SIZE='-3' is not a whole number from 1 to 1000000; keeping 2048",
        ])
    }
}
