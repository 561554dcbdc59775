#if canImport(Glibc)
import Glibc
#endif
import Vernier
import VernierConcurrency

/// Makes the random trace and span ids of new spans.
///
/// Ids come from the system's cryptographically secure generator, so the trace id's last 56 bits are random
/// as W3C Trace Context Level 2 lets samplers assume, and ids from different processes do not collide. The
/// bytes are drawn 4 KiB at a time, so that starting a span takes a lock rather than a system call.
final class SpanIDGenerator: Sendable {
    private let pool = MutexBox(RandomWords())

    func traceID() -> TraceID {
        pool.withLock { pool in
            while true {
                let (high, low) = (pool.next(), pool.next())
                if high != 0 || low != 0 { return TraceID(high: high, low: low) }
            }
        }
    }

    func spanID() -> SpanID {
        pool.withLock { pool in
            while true {
                let value = pool.next()
                if value != 0 { return SpanID(value) }
            }
        }
    }
}

/// Random 64-bit words from the system generator, refilled in bulk when used up; used under the generator's lock.
final class RandomWords {
    private static let count = 512
    private let words = UnsafeMutablePointer<UInt64>.allocate(capacity: RandomWords.count)
    private var used = RandomWords.count

    deinit {
        words.deallocate()
    }

    func next() -> UInt64 {
        if used == Self.count { refill() }
        defer { used += 1 }
        return words[used]
    }

    private func refill() {
        let bytes = Self.count * MemoryLayout<UInt64>.size
        var filled = 0
        while filled < bytes {
            let got = kernelRandom(UnsafeMutableRawPointer(words) + filled, bytes - filled, 0)
            if got > 0 {
                filled += got
            } else if errno != EINTR {
                // No kernel generator: fall back to the standard library's, word by word.
                var generator = SystemRandomNumberGenerator()
                for index in (filled / 8)..<Self.count { words[index] = generator.next() }
                break
            }
        }
        used = 0
    }
}

/// glibc's `getrandom(2)` wrapper, which its module map leaves out: bytes from the kernel's generator.
@_silgen_name("getrandom")
private func kernelRandom(_ buffer: UnsafeMutableRawPointer, _ length: Int, _ flags: UInt32) -> Int
