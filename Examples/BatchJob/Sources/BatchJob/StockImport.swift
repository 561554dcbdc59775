import ServiceLifecycle
import Vernier

/// Imports stock levels, one `sku,quantity` line each, and measures the run: the records by outcome
/// (`imported` or `rejected`), the quantity of each imported record and how long the import took.
struct StockImport: Service {
    private let lines: [String]
    private let records: Counter<Int>
    private let quantities: Histogram<Double>
    private let duration: Gauge<Double>

    init(lines: [String], meter: Meter) throws {
        self.lines = lines
        records = try meter.counter("stock.import.records", unit: "{record}", description: "Records read, by outcome")
        quantities = try meter.histogram("stock.import.quantity", unit: "{item}", description: "Quantity of each imported record",
                                         boundaries: [1, 10, 100, 1000])
        duration = try meter.gauge("stock.import.duration", unit: "s", description: "How long the import took")
    }

    /// Imports every line, then returns.
    func run() async throws {
        let started = ContinuousClock.now
        var imported = 0
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let quantity = Int(fields[1]), quantity >= 0 else {
                records.add(1, attributes: ["outcome": .string("rejected")])
                continue
            }
            records.add(1, attributes: ["outcome": .string("imported")])
            quantities.record(Double(quantity))
            imported += 1
        }
        duration.record((ContinuousClock.now - started) / .seconds(1))
        print("batch-job: imported \(imported) of \(lines.count) records")
    }
}
