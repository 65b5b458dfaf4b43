import Testing
@testable import GateCore

/// The TOML reader manifests are compared with: the syntax real pyproject.toml, poetry.lock and uv.lock files use,
/// and errors (never a guess) for what is not TOML.
struct TOMLReaderTests {
    @Test func readsTablesArraysOfTablesDottedKeysAndStrings() throws {
        let text = #"""
            # comment
            title = "a \"quoted\" \u00e9" # trailing
            literal = 'C:\path'
            multi = """
            one \
              two"""
            raw = '''
            x'y'''
            dotted.key = 1979-05-27 07:32:00Z
            "quoted key" = [1, 2.5, true,
              # inside
              "x",]
            inline = { a = 1, b.c = "d" }

            [tool.poetry.dependencies]
            python = "^3.9"

            [[package]]
            name = "a"
            [package.dependencies]
            b = ">=1"

            [[package]]
            name = "b"
            """#
        let document = try TOMLReader.read(Array(text.utf8))
        #expect(document["title"]?.string == "a \"quoted\" é")
        #expect(document["literal"]?.string == #"C:\path"#)
        #expect(document["multi"]?.string == "one two")
        #expect(document["raw"]?.string == "x'y")
        #expect(document[["dotted", "key"]] == .scalar("1979-05-27 07:32:00Z"))
        #expect(document["quoted key"] == .array([.scalar("1"), .scalar("2.5"), .scalar("true"), .string("x")]))
        #expect(document[["inline", "b", "c"]]?.string == "d")
        #expect(document[["tool", "poetry", "dependencies", "python"]]?.string == "^3.9")
        let packages = try #require(document["package"]?.array)
        #expect(packages.count == 2)
        #expect(packages[0][["dependencies", "b"]]?.string == ">=1")
        #expect(packages[1]["dependencies"] == nil)
    }

    @Test func refusesWhatIsNotTOML() {
        for text in ["a = 1\na = 2\n", "a = \"open\n", "a = [1, 2\n", "a = bare\n", "[t\n", "a = 1 b = 2\n", "x.y = 1\nx = 2\n"] {
            #expect(throws: TOMLReader.Failure.self, "\(text)") { try TOMLReader.read(Array(text.utf8)) }
        }
    }
}
