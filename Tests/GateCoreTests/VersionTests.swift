import Testing
@testable import GateCore
@Test func version() { #expect(!GateVersion.current.isEmpty) }
