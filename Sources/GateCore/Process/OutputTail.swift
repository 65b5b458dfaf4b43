/// A byte buffer that keeps only the most recent `limit` bytes appended to it.
struct OutputTail {
    let limit: Int
    private var storage: [UInt8] = []

    init(limit: Int) { self.limit = max(0, limit) }

    /// Appends bytes, discarding the oldest ones once the buffer is well past its limit.
    mutating func append(_ bytes: some Collection<UInt8>) {
        storage.append(contentsOf: bytes)
        // Trim lazily (at twice the limit) so appends stay amortized O(1).
        if storage.count > limit * 2 + 65_536 { trim() }
    }

    /// The retained bytes: at most `limit`, the newest ones.
    var bytes: [UInt8] {
        var copy = self
        copy.trim()
        return copy.storage
    }

    private mutating func trim() {
        if storage.count > limit { storage.removeFirst(storage.count - limit) }
    }
}
