import NIOCore
import NIOPosix

/// Loops whose lag a `RuntimeSampler` measures, each named in the `event_loop.name` attribute.
public struct LagProbeTarget: Sendable {
    private enum Loops: Sendable {
        case eventLoops(any EventLoopGroup, namePrefix: String)
        case globalExecutor(name: String)
    }

    private let loops: Loops

    /// Every loop of `group`, named `<namePrefix>-0`, `<namePrefix>-1`, ... in the group's order.
    public static func eventLoops(of group: any EventLoopGroup, namePrefix: String = "nio") -> LagProbeTarget {
        LagProbeTarget(loops: .eventLoops(group, namePrefix: namePrefix))
    }

    /// Every loop of `MultiThreadedEventLoopGroup.singleton`, the group SwiftNIO libraries share by default.
    public static var nioSingleton: LagProbeTarget {
        eventLoops(of: MultiThreadedEventLoopGroup.singleton)
    }

    /// Swift concurrency's global executor, where tasks without an actor run, named `swift-global-executor`.
    public static let globalConcurrencyExecutor = LagProbeTarget(loops: .globalExecutor(name: "swift-global-executor"))

    /// One probe per loop of `targets`, in their order, each measuring every `resolution`; the event-loop probes
    /// pace the global executor's.
    static func makeProbes(
        for targets: [LagProbeTarget], resolution: TimeAmount, metrics: LagMetrics, problems: ProblemLog
    ) -> [any LagProbe] {
        let executorProbes: [GlobalExecutorLagProbe?] = targets.map { target in
            guard case .globalExecutor(let name) = target.loops else { return nil }
            return GlobalExecutorLagProbe(recorder: metrics.makeRecorder(loopName: name, problems: problems), resolution: resolution)
        }
        let pacedProbes = executorProbes.compactMap { $0 }
        return zip(targets, executorProbes).flatMap { target, executorProbe -> [any LagProbe] in
            switch target.loops {
            case .eventLoops(let group, let namePrefix):
                return group.makeIterator().enumerated().map { index, loop in
                    EventLoopLagProbe(
                        loop: loop, resolution: resolution,
                        recorder: metrics.makeRecorder(loopName: "\(namePrefix)-\(index)", problems: problems),
                        pacing: pacedProbes)
                }
            case .globalExecutor:
                return executorProbe.map { [$0] } ?? []
            }
        }
    }
}
