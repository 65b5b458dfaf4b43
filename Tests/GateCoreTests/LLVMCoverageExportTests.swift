import Foundation
import Testing

@testable import GateCore

/// `LLVMCoverageExport` on an export LLVM 21's `llvm-cov export` wrote for a two-function package after one XCTest
/// (`add` ran, `mul` did not); the expected line counts are what `llvm-cov show` printed for the same profile.
struct LLVMCoverageExportTests {
    static let export = #"""
        {"data":[{"files":[{"branches":[],"expansions":[],"filename":"/tmp/ss/tiny/Sources/Tiny/Tiny.swift","segments":[[1,44,1,true,true,false],[2,8,1,true,true,false],[2,15,1,true,false,false],[2,16,0,true,true,false],[4,6,1,true,true,false],[5,17,1,true,false,false],[6,2,0,false,false,false],[8,44,0,true,true,false],[8,53,0,false,false,false],[12,27,0,true,true,false],[12,40,0,false,false,false],[13,34,0,true,true,false],[13,47,0,false,false,false]],"summary":{"lines":{"count":9,"covered":6,"percent":66}}}],
        "functions":[{"branches":[],"count":1,"filenames":["/tmp/ss/tiny/Sources/Tiny/Tiny.swift"],"mcdc_records":[],"name":"$s4Tiny3addyS2i_SitF","regions":[[1,44,6,2,1,0,0,0],[2,8,2,15,1,0,0,0],[2,16,4,6,0,0,0,0],[4,6,5,17,1,0,0,3]]},
        {"branches":[],"count":0,"filenames":["/tmp/ss/tiny/Sources/Tiny/Tiny.swift"],"name":"$s4Tiny3mulyS2i_SitF","regions":[[8,44,8,53,0,0,0,0]]}],
        "totals":{}}],"type":"llvm.coverage.json.export","version":"3.0.1"}
        """#

    @Test func readsFunctionsWithTheirFileLinesAndCounts() throws {
        let export = try LLVMCoverageExport.read(Data(Self.export.utf8))
        #expect(export.version == "3.0.1")
        let functions = try #require(export.data.first?.functions)
        #expect(functions.map(\.name) == ["$s4Tiny3addyS2i_SitF", "$s4Tiny3mulyS2i_SitF"])
        #expect(functions.map(\.count) == [1, 0])
        #expect(functions.map(\.filename) == ["/tmp/ss/tiny/Sources/Tiny/Tiny.swift", "/tmp/ss/tiny/Sources/Tiny/Tiny.swift"])
        #expect(functions.map(\.lines) == [1...6, 8...8])
        #expect(functions[0].regions[2] == LLVMCoverageExport.Region(lineStart: 2, columnStart: 16, lineEnd: 4, columnEnd: 6, executionCount: 0))
        #expect(functions[0].regions[3].kind == .gap)
    }

    @Test func lineCountsMatchLLVMCovShow() throws {
        let file = try #require(try LLVMCoverageExport.read(Data(Self.export.utf8)).data.first?.files.first)
        #expect(file.lineCounts() == [1: 1, 2: 1, 3: 0, 4: 1, 5: 1, 6: 1, 8: 0, 12: 0, 13: 0])
    }

    @Test func readsOldSegmentsWithoutTheGapFlag() throws {
        let json = #"{"type":"llvm.coverage.json.export","version":"2.0.1","data":[{"files":[{"filename":"a.swift","segments":[[1,1,3,true,true],[1,9,0,false,false]]}]}]}"#
        let file = try #require(try LLVMCoverageExport.read(Data(json.utf8)).data.first?.files.first)
        #expect(file.segments.map(\.isGapRegion) == [false, false])
        #expect(file.lineCounts() == [1: 3])
    }

    @Test func refusesOtherJSONNamingWhatItFound() {
        #expect(throws: LLVMCoverageExport.FormatError.self) {
            try LLVMCoverageExport.read(Data(#"{"type":"something","version":"1.0","data":[]}"#.utf8))
        }
        #expect(throws: (any Error).self) { try LLVMCoverageExport.read(Data("not json".utf8)) }
    }
}
