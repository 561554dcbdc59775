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

    /// One probe per loop, each measuring every `resolution`.
    func makeProbes(resolution: TimeAmount, metrics: LagMetrics, problems: ProblemLog) -> [any LagProbe] {
        switch loops {
        case .eventLoops(let group, let namePrefix):
            return group.makeIterator().enumerated().map { index, loop in
                EventLoopLagProbe(
                    loop: loop, resolution: resolution,
                    recorder: metrics.makeRecorder(loopName: "\(namePrefix)-\(index)", problems: problems))
            }
        case .globalExecutor(let name):
            return [GlobalExecutorLagProbe(recorder: metrics.makeRecorder(loopName: name, problems: problems), resolution: resolution)]
        }
    }
}
