import Foundation
import TestSupport
import Testing

extension Integration {
    /// The benchmark runs end to end on a small table; its figures are for people, not for assertions.
    @Suite struct BenchSmoke {
        @Test func benchmarkRunsOnAHundredThousandRows() throws {
            let workspace = try Workspace()
            let json = workspace.root.appendingPathComponent("bench.json")
            let bench = try Spawned(
                Binaries.batchBench,
                [
                    "--rows", "100k", "--no-op-runs", "1", "--tiny-steps", "20", "--adaptation-rows", "20000",
                    "--json", json.path,
                ], in: workspace.root)
            let status = bench.wait()
            let table = bench.stdout + bench.stderr
            #expect(status == 0, "\(table)")
            #expect(table.contains("ratio to (1)"))
            let figures = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
            let size = try #require((figures?["sizes"] as? [[String: Any]])?.first)
            #expect(size["rows"] as? Int == 100_000)
            #expect((size["batched"] as? [String: Any])?["exactly_once"] as? Bool == true)
            #expect((size["resume"] as? [String: Any])?["exactly_once"] as? Bool == true)
        }
    }
}
