import Tracing
import Vernier

/// Follows the parent's sampled flag, and asks `root` for spans that start a trace: `parentbased_*`.
public struct ParentBasedSampler: Sampler {
    /// Decides for spans without a parent.
    public let root: any Sampler
    private let remoteSampled: any Sampler
    private let remoteNotSampled: any Sampler
    private let localSampled: any Sampler
    private let localNotSampled: any Sampler

    /// Creates the sampler; by default a sampled parent samples its children and an unsampled one drops them.
    public init(
        root: any Sampler,
        remoteParentSampled: any Sampler = AlwaysOnSampler(),
        remoteParentNotSampled: any Sampler = AlwaysOffSampler(),
        localParentSampled: any Sampler = AlwaysOnSampler(),
        localParentNotSampled: any Sampler = AlwaysOffSampler()
    ) {
        self.root = root
        remoteSampled = remoteParentSampled
        remoteNotSampled = remoteParentNotSampled
        localSampled = localParentSampled
        localNotSampled = localParentNotSampled
    }

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingDecision {
        let delegate: any Sampler
        switch (parent?.isRemote, parent?.isSampled) {
        case (nil, _), (_, nil): delegate = root
        case (true?, true?): delegate = remoteSampled
        case (true?, false?): delegate = remoteNotSampled
        case (false?, true?): delegate = localSampled
        case (false?, false?): delegate = localNotSampled
        }
        return delegate.shouldSample(parent: parent, traceID: traceID, name: name, kind: kind)
    }

    public var description: String { "ParentBased{root=\(root.description)}" }
}
