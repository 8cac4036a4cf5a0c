extension SQLStatement {
    /// The transaction-control command the statement is (`BEGIN`, `COMMIT`, `END`, `ROLLBACK`, `ABORT`,
    /// `SAVEPOINT`, `RELEASE`, `START TRANSACTION`, `PREPARE TRANSACTION`, `COMMIT PREPARED`...), or `nil`.
    var transactionControl: String? {
        let words = tokens.prefix(2).map { $0.word ?? "" }
        switch (words.first, words.dropFirst().first) {
        case ("COMMIT"?, "PREPARED"?), ("ROLLBACK"?, "PREPARED"?), ("START"?, "TRANSACTION"?),
            ("PREPARE"?, "TRANSACTION"?):
            return words.joined(separator: " ")
        case ("BEGIN"?, _), ("COMMIT"?, _), ("END"?, _), ("ROLLBACK"?, _), ("ABORT"?, _), ("SAVEPOINT"?, _),
            ("RELEASE"?, _):
            return words[0]
        default:
            return nil
        }
    }

    /// The command, when the statement cannot run inside a transaction: `VACUUM`, `CREATE INDEX CONCURRENTLY`,
    /// `DROP INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY` or `ALTER TABLE ... DETACH PARTITION p CONCURRENTLY`;
    /// `nil` otherwise (as for `REFRESH MATERIALIZED VIEW CONCURRENTLY`, or a column named `concurrently`).
    var refusedInTransaction: String? {
        guard let keyword else { return nil }
        if keyword == "VACUUM" { return keyword }
        let words = tokens.map(\.word)
        for index in words.indices where words[index] == "CONCURRENTLY" {
            let previous = words[..<index].suffix(2)
            let isRefused =
                keyword == "REINDEX" || (keyword == "CREATE" || keyword == "DROP") && previous.last == "INDEX"
                || keyword == "ALTER" && previous.count == 2 && previous.first == "PARTITION"
            if isRefused { return "\(keyword) ... CONCURRENTLY" }
        }
        return nil
    }
}
