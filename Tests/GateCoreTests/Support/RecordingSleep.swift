import Foundation
@testable import GateCore

/// An injectable retry sleep that records each requested delay and sleeps only a scaled fraction of it.
final class RecordingSleep: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Double] = []
    let scale: Double

    init(scale: Double = 0.001) {
        self.scale = scale
    }

    /// The delays the client asked for, in seconds, unscaled.
    var delays: [Double] {
        lock.withLock { recorded }
    }

    var sleep: ProviderHTTPClient.Sleep {
        { [self] seconds in
            lock.withLock { recorded.append(seconds) }
            try await Task.sleep(nanoseconds: UInt64(seconds * scale * 1_000_000_000))
        }
    }

    /// A client whose retries use this sleep.
    func client() -> ProviderHTTPClient {
        ProviderHTTPClient(sleep: sleep)
    }
}
