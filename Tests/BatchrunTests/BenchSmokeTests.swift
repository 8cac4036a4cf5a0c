import Foundation
import TestSupport
import Testing

extension Integration {
    /// The benchmark runs end to end on a small table; its figures are for people, not for assertions.
    @Suite struct BenchSmoke {
        /// Runs batch-bench with `arguments` and `--json`; the run must succeed.
        /// - Returns: what it printed, and its figures.
        private func bench(_ arguments: [String]) throws -> (table: String, figures: [String: Any]?) {
            let workspace = try Workspace()
            let json = workspace.root.appendingPathComponent("bench.json")
            let bench = try Spawned(Binaries.batchBench, arguments + ["--json", json.path], in: workspace.root)
            let status = bench.wait()
            let table = bench.stdout + bench.stderr
            #expect(status == 0, "\(table)")
            return (table, try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        }

        @Test func benchmarkRunsOnAHundredThousandRows() throws {
            let (table, figures) = try bench([
                "--rows", "100k", "--no-op-runs", "1", "--tiny-steps", "20", "--adaptation-rows", "20000",
            ])
            #expect(table.contains("ratio to (1)"))
            let size = try #require((figures?["sizes"] as? [[String: Any]])?.first)
            #expect(size["rows"] as? Int == 100_000)
            #expect((size["batched"] as? [String: Any])?["exactly_once"] as? Bool == true)
            #expect((size["resume"] as? [String: Any])?["exactly_once"] as? Bool == true)
        }

        @Test func benchmarkRunsOnPostgreSQL() throws {
            let (table, figures) = try bench([
                "--backend", "postgres", "--rows", "20k", "--no-op-runs", "1", "--workers-list", "1,2",
            ])
            #expect(table.contains("P2 batchrun apply --workers 2"))
            let postgres = try #require(figures?["postgres"] as? [String: Any])
            let size = try #require((postgres["sizes"] as? [[String: Any]])?.first)
            #expect(size["rows"] as? Int == 20_000)
            let applies = try #require(size["applies"] as? [[String: Any]])
            #expect(applies.count == 2)
            for apply in applies {
                #expect((apply["run"] as? [String: Any])?["exactly_once"] as? Bool == true)
                let writer = (apply["effects"] as? [String: Any])?["writer"] as? [String: Any]
                #expect((writer?["writes"] as? Int ?? 0) > 0)
            }
            #expect((size["resume"] as? [String: Any])?["exactly_once"] as? Bool == true)
            #expect((postgres["lag_pause"] as? [String: Any])?["exactly_once"] as? Bool == true)
        }
    }
}
