import Foundation
import VernierFuzzTargets

/// `vernier-fuzz TARGET FILE...` runs a target on saved inputs, to reproduce a crash. Built with `-DFUZZING` and
/// `-sanitize=fuzzer` (`make fuzz`), it hands its arguments to libFuzzer instead, which drives the target named by
/// `VERNIER_FUZZ_TARGET`.
@main
struct FuzzEntry {
    static func main() throws {
        #if FUZZING
        let name = ProcessInfo.processInfo.environment["VERNIER_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("VERNIER_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue)), not '\(name)'\n".utf8))
            exit(2)
        }
        fuzzedTarget = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            fuzzedTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: vernier-fuzz TARGET FILE...; TARGET is one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
            exit(2)
        }
        for path in arguments.dropFirst() {
            target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            print("\(path): ok")
        }
        #endif
    }
}

#if FUZZING
/// The target the C callback runs; set once, before libFuzzer starts.
nonisolated(unsafe) private var fuzzedTarget = FuzzTarget.expositionText

/// libFuzzer's entry for programs with their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
