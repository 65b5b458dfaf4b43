import Testing

@testable import GateCore

@Suite struct SwiftManifestReaderTests {
    @Test func readsTargetsKindsPathsAndLocalDependencies() throws {
        let targets = try SwiftManifestReader.read(Array(DumpPackageFixture.json.utf8))
        #expect(targets == [
            SwiftTarget(name: "Core", kind: .regular, path: "Lib/Core", dependencies: []),
            SwiftTarget(name: "Util", kind: .regular, path: "Sources/Util", dependencies: ["Core"]),
            SwiftTarget(name: "Tool", kind: .executable, path: "Sources/Tool", dependencies: ["Util"]),
            SwiftTarget(name: "CoreTests", kind: .test, path: "Tests/CoreTests", dependencies: ["Core", "Util"]),
        ])
    }

    @Test func rejectsWhatIsNotAManifest() {
        #expect(throws: SwiftManifestReader.ReadError.self) { try SwiftManifestReader.read(Array("not json".utf8)) }
        #expect(throws: SwiftManifestReader.ReadError.self) { try SwiftManifestReader.read(Array("{\"name\":1}".utf8)) }
    }
}
