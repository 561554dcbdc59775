import Logging
import ServiceLifecycle
import Vernier
import VernierPrometheusBridge

/// The bridge's cadence: every interval, scrape every target, then hand one snapshot to each exporter; on
/// graceful shutdown, one last delivery and the exporters shut down (remote-write delivers its queue).
struct BridgeLoop: Service {
    let scraper: PrometheusScraper
    let forwards: [Forward]
    let interval: Duration
    let exportTimeout: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await repeatRounds(every: interval) {
                await scraper.scrapeAll()
                await exportAll()
            }
        }
        logger.info("stopping: last delivery")
        await exportAll()
        for forward in forwards { await forward.exporter.shutdown() }
    }

    private func exportAll() async {
        await withTaskGroup(of: Void.self) { group in
            for forward in forwards {
                group.addTask {
                    let snapshot = forward.reader.collect()
                    do {
                        try await withDeadline(exportTimeout) { try await forward.exporter.export(snapshot) }
                    } catch {
                        Diagnostics.report(.error, "export failed: \(error)", key: "bridge-export/\(type(of: forward.exporter))")
                    }
                }
            }
        }
    }
}
