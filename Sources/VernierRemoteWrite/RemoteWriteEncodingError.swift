/// Why a write request could not be built.
public enum RemoteWriteEncodingError: Error, Sendable, Equatable {
    /// Memory for the message tree or the compressed body could not be had.
    case outOfMemory
    /// libsnappy refused to compress the body.
    case compressionFailed
}
