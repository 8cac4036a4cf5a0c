import Foundation
import Testing

extension Integration {
    /// The benchmark runs end to end on a small table; its figures are for people, not for assertions.
    @Suite struct BenchSmoke {
        @Test func benchmarkRunsOnAHundredThousandRows() throws {
            let workspace = try Workspace()
            let json = workspace.root.appendingPathComponent("bench.json")
            let bench = Process()
            bench.executableURL = Binaries.directory.appendingPathComponent("batch-bench")
            bench.arguments = [
                "--rows", "100k", "--no-op-runs", "1", "--tiny-steps", "20", "--adaptation-rows", "20000",
                "--json", json.path,
            ]
            let output = workspace.root.appendingPathComponent("bench.out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            bench.standardOutput = try FileHandle(forWritingTo: output)
            bench.standardError = try FileHandle(forWritingTo: output)
            try bench.run()
            bench.waitUntilExit()
            let table = try String(contentsOf: output, encoding: .utf8)
            #expect(bench.terminationStatus == 0, "\(table)")
            #expect(table.contains("ratio to (1)"))
            let figures = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
            let size = try #require((figures?["sizes"] as? [[String: Any]])?.first)
            #expect(size["rows"] as? Int == 100_000)
            #expect((size["batched"] as? [String: Any])?["exactly_once"] as? Bool == true)
            #expect((size["resume"] as? [String: Any])?["exactly_once"] as? Bool == true)
        }
    }
}
