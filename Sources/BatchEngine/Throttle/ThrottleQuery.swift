/// `--throttle-query SQL`, as in gh-ost: while the query answers true or a non-zero number, no new range starts.
public struct ThrottleQuery: ThrottleSignal {
    /// The query; its first column of its first row is the answer.
    public let sql: String
    /// How often it runs: about once a second.
    public let interval: Duration = .seconds(1)

    /// Creates the signal.
    public init(sql: String) {
        self.sql = sql
    }

    /// Runs the query once, so that bad SQL is refused before the run starts.
    public func validate(on database: any BatchDatabase) throws {
        do {
            _ = try answer(on: database)
        } catch let error as BatchError {
            throw error
        } catch {
            throw BatchError(.usage, "--throttle-query does not run: \(database.classify(error).message)", sql: sql)
        }
    }

    /// Whether the query says to wait.
    public func check(on database: any BatchDatabase) throws -> String? {
        try answer(on: database) ? "throttle query answered true" : nil
    }

    private func answer(on database: any BatchDatabase) throws -> Bool {
        let value = try database.read { try $0.firstRow(sql, [])?.first } ?? .null
        switch value {
        case .null: return false
        case .integer(let number): return number != 0
        case .real(let number): return number != 0
        case .text(let text): return ["t", "true", "1", "yes", "on"].contains(text.lowercased())
        case .blob(let bytes): return bytes.contains { $0 != 0 }
        }
    }
}
