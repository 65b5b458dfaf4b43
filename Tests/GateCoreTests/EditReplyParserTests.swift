import Testing
@testable import GateCore

@Suite struct EditReplyParserTests {
    let parser = EditReplyParser()

    @Test func unfencedBlock() throws {
        let reply = """
            The bug is in add.

            src/calc.py
            <<<<<<< SEARCH
            def add(a, b):
                return a - b
            =======
            def add(a, b):
                return a + b
            >>>>>>> REPLACE
            """
        #expect(try parser.parse(reply) == [FileEdit(
            path: "src/calc.py",
            search: "def add(a, b):\n    return a - b\n",
            replace: "def add(a, b):\n    return a + b\n")])
    }

    @Test func fencedBlocksAndAPathlessFollowUpReuseThePath() throws {
        let reply = """
            `lib/util.go`
            ```go
            <<<<<<< SEARCH
            x := 1
            =======
            x := 2
            >>>>>>> REPLACE
            <<<<<<< SEARCH
            y := 1
            =======
            y := 2
            >>>>>>> REPLACE
            ```

            **lib/other.go**
            ```go
            <<<<<<< SEARCH
            z := 1
            =======
            >>>>>>> REPLACE
            ```
            """
        #expect(try parser.parse(reply) == [
            FileEdit(path: "lib/util.go", search: "x := 1\n", replace: "x := 2\n"),
            FileEdit(path: "lib/util.go", search: "y := 1\n", replace: "y := 2\n"),
            FileEdit(path: "lib/other.go", search: "z := 1\n", replace: ""),
        ])
    }

    @Test func emptySearchCreatesAFile() throws {
        let edits = try parser.parse("src/new_module.py\n```python\n<<<<<<< SEARCH\n=======\nVALUE = 1\n>>>>>>> REPLACE\n```\n")
        #expect(edits == [FileEdit(path: "src/new_module.py", search: "", replace: "VALUE = 1\n")])
        #expect(edits[0].createsFile)
    }

    @Test func windowsLineEndingsAreAccepted() throws {
        let edits = try parser.parse("a.txt\r\n<<<<<<< SEARCH\r\none\r\n=======\r\ntwo\r\n>>>>>>> REPLACE\r\n")
        #expect(edits == [FileEdit(path: "a.txt", search: "one\n", replace: "two\n")])
    }

    @Test func unifiedDiffHunksBecomeSearchReplacePairs() throws {
        let reply = """
            Here is the patch:
            ```diff
            diff --git a/src/calc.py b/src/calc.py
            index 1111111..2222222 100644
            --- a/src/calc.py
            +++ b/src/calc.py
            @@ -10,4 +10,4 @@ def helper():
             def add(a, b):
            -    return a - b
            +    return a + b

            @@ -99,3 +99,4 @@
             def mul(a, b):
            +    # multiply
                 return a * b
            --- /dev/null
            +++ b/src/fresh.py
            @@ -0,0 +1,2 @@
            +A = 1
            +B = 2
            ```
            """
        #expect(try parser.parse(reply) == [
            FileEdit(path: "src/calc.py", search: "def add(a, b):\n    return a - b\n", replace: "def add(a, b):\n    return a + b\n"),
            FileEdit(path: "src/calc.py", search: "def mul(a, b):\n    return a * b\n", replace: "def mul(a, b):\n    # multiply\n    return a * b\n"),
            FileEdit(path: "src/fresh.py", search: "", replace: "A = 1\nB = 2\n"),
        ])
    }

    @Test func diffDeletingAFileIsRefused() {
        #expect(throws: EditParseError.malformedDiff(path: "old.py", detail: "deleting a file is not supported")) {
            try parser.parse("```diff\n--- a/old.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n```")
        }
    }

    @Test func replyWithoutEditsIsAnError() {
        #expect(throws: EditParseError.noEdits) { try parser.parse("I think the test is wrong.") }
    }

    @Test func missingPathAndUnterminatedBlocksAreNamed() {
        #expect(throws: EditParseError.missingPath(block: 1)) {
            try parser.parse("<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n")
        }
        #expect(throws: EditParseError.unterminatedBlock(block: 1, path: "a.py", expected: ">>>>>>> REPLACE")) {
            try parser.parse("a.py\n<<<<<<< SEARCH\na\n=======\nb\n")
        }
        #expect(throws: EditParseError.unterminatedBlock(block: 1, path: "a.py", expected: "=======")) {
            try parser.parse("a.py\n<<<<<<< SEARCH\na\n>>>>>>> REPLACE\n")
        }
    }

    @Test func proseBeforeTheFenceIsNotAPath() {
        #expect(throws: EditParseError.missingPath(block: 1)) {
            try parser.parse("Here is the fix:\n```python\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n```")
        }
    }
}
