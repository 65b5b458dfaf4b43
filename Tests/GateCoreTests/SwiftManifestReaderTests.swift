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

    @Test func readsPluginsTheirUsagesProductsAndMacros() throws {
        let targets = try SwiftManifestReader.read(Array(DumpPackageFixture.plugins.utf8))
        #expect(targets == [
            SwiftTarget(name: "Lib", kind: .regular, path: "Sources/Lib", dependencies: ["Stamp", "Gen"]),
            SwiftTarget(name: "tool", kind: .executable, path: "Sources/tool", dependencies: ["Lib"], products: ["tool-cli"]),
            SwiftTarget(name: "Gen", kind: .plugin, path: "Plugins/Gen", dependencies: ["GenTool"], products: ["GenPlugin"]),
            SwiftTarget(name: "GenTool", kind: .executable, path: "Sources/GenTool", dependencies: []),
            SwiftTarget(name: "Fmt", kind: .plugin, path: "Plugins/Fmt", dependencies: []),
            SwiftTarget(name: "StampMacros", kind: .macro, path: "Sources/StampMacros", dependencies: []),
            SwiftTarget(name: "Stamp", kind: .regular, path: "Sources/Stamp", dependencies: ["StampMacros"]),
            SwiftTarget(name: "LibTests", kind: .test, path: "Tests/LibTests", dependencies: ["Lib"]),
            SwiftTarget(name: "CLITests", kind: .test, path: "Tests/CLITests", dependencies: []),
        ])
    }

    @Test func rejectsWhatIsNotAManifest() {
        #expect(throws: SwiftManifestReader.ReadError.self) { try SwiftManifestReader.read(Array("not json".utf8)) }
        #expect(throws: SwiftManifestReader.ReadError.self) { try SwiftManifestReader.read(Array("{\"name\":1}".utf8)) }
    }
}
