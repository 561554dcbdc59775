import Testing
import Vernier
import VernierBootstrap
import VernierTesting

@Suite("The resource from code and the environment")
struct ResourceEnvironmentTests {
    @Test func theEnvironmentFillsWhatTheCodeLeavesOut() {
        let resolved = VernierConfiguration(resource: Resource(serviceName: "shop", serviceInstanceID: "i-1")).applyingEnvironment([
            "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod, team=pay%20ments,service.instance.id=env",
            "OTEL_SERVICE_NAME": "env",
        ])
        let attributes = resolved.resource.attributes
        #expect(attributes["service.name"] == "shop" && attributes["service.instance.id"] == "i-1")
        #expect(attributes["deployment.environment"] == "prod" && attributes["team"] == "pay ments")
        #expect(attributes["telemetry.sdk.name"] == "vernier")
    }

    @Test func aServiceNameLeftAtItsDefaultComesFromTheEnvironmentTheDedicatedVariableWinning() {
        let named = VernierConfiguration().applyingEnvironment(["OTEL_RESOURCE_ATTRIBUTES": "service.name=listed", "OTEL_SERVICE_NAME": "checkout"])
        #expect(named.resource.attributes["service.name"] == "checkout")
        let listed = VernierConfiguration().applyingEnvironment(["OTEL_RESOURCE_ATTRIBUTES": "service.name=listed"])
        #expect(listed.resource.attributes["service.name"] == "listed")
        #expect(VernierConfiguration().applyingEnvironment([:]).resource.attributes["service.name"] == .string(Resource.unknownServiceName))
    }

    @Test func malformedEntriesAreSkippedWithAWarningGivingTheirPosition() {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration().applyingEnvironment(["OTEL_RESOURCE_ATTRIBUTES": "team=a,broken,=x"], warn: warnings.record)
        #expect(resolved.resource.attributes["team"] == "a")
        #expect(warnings.lines == [
            "OTEL_RESOURCE_ATTRIBUTES: ignoring entry 2, which is not a percent-encoded key=value pair",
            "OTEL_RESOURCE_ATTRIBUTES: ignoring entry 3, which is not a percent-encoded key=value pair",
        ])
    }
}
