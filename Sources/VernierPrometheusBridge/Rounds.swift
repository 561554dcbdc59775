/// Runs `round` every `interval` until the task is cancelled. A round that takes longer than the interval skips
/// the ticks it missed rather than piling rounds up, so scrapes of a slow target never overlap.
package func repeatRounds(every interval: Duration, _ round: () async -> Void) async {
    let clock = ContinuousClock()
    var next = clock.now
    while !Task.isCancelled {
        await round()
        next = next.advanced(by: interval)
        while next < clock.now { next = next.advanced(by: interval) }
        do {
            try await Task.sleep(until: next, clock: clock)
        } catch {
            return
        }
    }
}
