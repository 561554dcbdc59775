/// One library in one case: how to set up its workload, from scratch, for every measurement.
struct Contender: Sendable {
    let library: Library
    let makeWorkload: @Sendable () throws -> Workload
}
