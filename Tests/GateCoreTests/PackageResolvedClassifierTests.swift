import Testing
@testable import GateCore

/// `Package.resolved` compared pin by pin: an `originHash` change selects nothing; a moved pin still runs everything,
/// saying which pin, since the index does not know which test targets use another package's products.
struct PackageResolvedClassifierTests {
    static func resolved(origin: String, version: String) -> String {
        """
        {
          "originHash" : "\(origin)",
          "pins" : [
            {
              "identity" : "swift-numerics",
              "kind" : "remoteSourceControl",
              "location" : "https://github.com/apple/swift-numerics.git",
              "state" : { "revision" : "0a5bc04095a675662cf24757cc0640aa2204253b", "version" : "\(version)" }
            }
          ],
          "version" : 3
        }

        """
    }

    func verdict(_ old: String, _ new: String) -> ManifestVerdict? {
        let before = InMemoryRepository(["Package.resolved": old]), after = InMemoryRepository(["Package.resolved": new])
        let source = InMemoryRepository(["a": old, "b": new])
        let change = FileChange(kind: .modified, oldPath: "Package.resolved", newPath: "Package.resolved",
                                oldBlob: before.files[0].blobID, newBlob: after.files[0].blobID)
        return ManifestChangeClassifier(source: source, environment: [:], distributions: { nil }).verdicts(for: [change])["Package.resolved"]
    }

    @Test func anOriginHashChangeSelectsNothing() {
        let verdict = verdict(Self.resolved(origin: "aaa", version: "1.0.2"), Self.resolved(origin: "bbb", version: "1.0.2"))
        #expect(verdict == .noTest("only originHash changed, which no test reads"))
    }

    @Test func aMovedPinRunsEverythingAndSaysWhich() {
        let verdict = verdict(Self.resolved(origin: "aaa", version: "1.0.2"), Self.resolved(origin: "bbb", version: "1.0.3"))
        #expect(verdict == .everything("the pin of swift-numerics changed, and gate does not know which test targets use that package"))
    }

    @Test func anUnreadableFileRunsEverything() {
        guard case .everything(let why)? = verdict(Self.resolved(origin: "aaa", version: "1.0.2"), "{\"pins\": [") else {
            Issue.record("an unreadable Package.resolved must run everything")
            return
        }
        #expect(why.contains("gate could not read it"))
    }
}
