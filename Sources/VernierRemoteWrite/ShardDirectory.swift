/// The folders of the on-disk queue: `shard-0`, `shard-1`… under the directory the user names, one per
/// shard, each holding that shard's batch files.
enum ShardDirectory {
    /// The folder of shard `index`.
    static func path(of index: Int, in root: String) -> String {
        root + "/shard-\(index)"
    }

    /// How many shards the last process on `root` ran: one more than the highest shard folder's index,
    /// 0 when there is none. Its batches map series to shards by that count, so the next process starts
    /// with as many shards to keep every series in order.
    static func count(in root: String) -> Int {
        guard let names = try? FileSystem.entries(of: root) else { return 0 }
        let indexes = names.compactMap { name in name.hasPrefix("shard-") ? Int(name.dropFirst("shard-".count)) : nil }
        return (indexes.max() ?? -1) + 1
    }
}
