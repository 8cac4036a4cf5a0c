import BatchEngine
import Foundation
import Testing

/// Replays the fuzzers' seeds and every input that ever made them fail (`Fuzz/seeds/`, `Fuzz/crashes/`) through the
/// properties `Fuzz/ParserFuzzer.swift` and `Fuzz/CursorFuzzer.swift` check.
///
/// Each input runs in a child process (an exit test), so an input that still traps fails its own case, not the run;
/// a property that does not hold is reported from the child's standard error.
@Suite struct FuzzRegressionTests {
    /// The repository's `Fuzz/` folder, found from this file's path.
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The visible files of `Fuzz/<kind>/<target>/`, as paths relative to `Fuzz/`, sorted.
    static func inputs(_ kind: String, _ target: String) -> [String] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(kind)/\(target)/\($0)" }
    }

    /// The bytes of an input named relative to `Fuzz/`.
    static func contents(of input: String) -> Data {
        FileManager.default.contents(atPath: fuzzFolder.appendingPathComponent(input).path) ?? Data()
    }

    @Test func seedFoldersAreNotEmpty() {
        #expect(Self.inputs("seeds", "parser").count >= 5)
        #expect(Self.inputs("seeds", "cursor").count >= 5)
    }

    @Test(arguments: inputs("seeds", "parser") + inputs("crashes", "parser"))
    func parserInput(_ input: String) async {
        #expect(!Self.contents(of: input).isEmpty || input.hasPrefix("crashes/"), "cannot read \(input)")
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) { [input] in
            let violations = FuzzProperties.parserViolations(FuzzRegressionTests.contents(of: input))
            FuzzProperties.exit(reporting: violations)
        }
        FuzzProperties.record(result, for: input)
    }

    @Test(arguments: inputs("seeds", "cursor") + inputs("crashes", "cursor"))
    func cursorInput(_ input: String) async {
        #expect(!Self.contents(of: input).isEmpty || input.hasPrefix("crashes/"), "cannot read \(input)")
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) { [input] in
            let violations = FuzzProperties.cursorViolations(FuzzRegressionTests.contents(of: input))
            FuzzProperties.exit(reporting: violations)
        }
        FuzzProperties.record(result, for: input)
    }

    @Test func checksTellGoodFromBad() {
        // The independent checks are not vacuous: they refuse what the format does not allow.
        #expect(FuzzProperties.binds("from", in: "WHERE id > :from AND id <= @to"))
        #expect(!FuzzProperties.binds("from", in: "WHERE id > :fromage"))
        #expect(FuzzProperties.isPlainIdentifier("_items2"))
        #expect(!FuzzProperties.isPlainIdentifier("2items") && !FuzzProperties.isPlainIdentifier("itém"))
        #expect(FuzzProperties.path(from: Data("12_name\nSELECT 1;".utf8)) == "12_name.sql")
    }
}

extension FuzzProperties {
    /// The prefix of a violation the exit test's process writes to standard error, among whatever else is there.
    static let marker = "fuzz property violated: "

    /// Writes the violations to standard error and ends the exit test's process normally; only a trap fails it.
    static func exit(reporting violations: [String]) -> Never {
        for violation in violations {
            let line = marker + violation.replacingOccurrences(of: "\n", with: "\\n") + "\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        Foundation.exit(0)
    }

    /// Records each violation the exit test's process reported as an issue.
    static func record(_ result: ExitTest.Result?, for input: String) {
        guard let result else { return }
        let output = String(decoding: result.standardErrorContent, as: UTF8.self)
        for line in output.split(separator: "\n") where line.hasPrefix(marker) {
            Issue.record("\(input): \(line.dropFirst(marker.count))")
        }
    }
}
