/// Where a connection stands with respect to transactions, as libpq last saw it (`PQtransactionStatus`).
public enum PostgresTransactionStatus: Sendable, Equatable {
    /// Idle, outside any transaction.
    case idle
    /// A statement is running.
    case active
    /// Idle inside a transaction block that can still commit.
    case inTransaction
    /// Idle inside a transaction block that failed: only a rollback helps.
    case inFailedTransaction
    /// The connection is broken or closed.
    case unknown
}
