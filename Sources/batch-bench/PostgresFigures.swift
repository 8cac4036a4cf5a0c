/// Everything measured on PostgreSQL.
struct PostgresFigures: Encodable {
    /// The server, without a password.
    var server: String
    /// `server_version`.
    var version: String
    /// The durability settings in force: `fsync`, `synchronous_commit`, and `shared_buffers`.
    var settings: [String: String]
    /// One entry per table size, smallest first.
    var sizes: [PostgresSizeFigures]
    /// The larger size's figures over the smaller's, when two sizes ran.
    var growth: PostgresGrowthFigures?
    /// The run under `--max-replica-lag` with a delayed replica (on the largest size); `nil` without a known
    /// replica.
    var lagPause: LagPauseFigures?
}

/// The PostgreSQL figures of one table size.
struct PostgresSizeFigures: Encodable {
    /// The size as written on the command line, e.g. `1m`.
    var size: String
    /// Rows in the table.
    var rows: Int
    /// Building the fixture with generate_series, VACUUM ANALYZE included, seconds.
    var fixtureS: Double
    /// The whole-table statement in one transaction.
    var baseline: BaselineFigures
    /// What was seen beside the baseline.
    var baselineEffects: SideEffectFigures
    /// One `batchrun apply --workers N` per N, each on a fresh copy.
    var applies: [PostgresApplyFigures]
    /// A run killed with SIGKILL late in the step, then a fresh apply (both `--workers 1`).
    var resume: ResumeFigures
    /// `batchrun apply` on the drained database.
    var noOp: NoOpFigures
    /// A connection and `SELECT 1` in this process, median of the no-op count, milliseconds.
    var connectSelectOneMs: Double
}

/// One `batchrun apply --workers N` on PostgreSQL.
struct PostgresApplyFigures: Encodable {
    /// N.
    var workers: Int
    /// The run's figures, against the plain UPDATE.
    var run: BatchedFigures
    /// What was seen beside the run.
    var effects: SideEffectFigures
    /// Wall time of 1 worker over this run's (above 1: N workers are faster); `nil` until compared, or without a
    /// 1-worker run.
    var speedupOverOneWorker: Double? = nil
}

/// What the application and the replicas saw of a run, and what it left behind.
struct SideEffectFigures: Encodable {
    /// The application writer's latencies.
    var writer: WriterFigures
    /// The replicas' worst lag; `nil` when none streams.
    var replicaLag: ReplicaLagFigures?
    /// WAL written and table growth.
    var footprint: FootprintFigures
}

/// The streaming replicas' worst lag during a run, sampled from `pg_stat_replication` on the primary.
struct ReplicaLagFigures: Encodable {
    /// Samples that saw a replica.
    var samples: Int
    /// The most WAL not yet replayed, `pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)`, bytes.
    var worstBytes: Int
    /// The largest `replay_lag`, seconds; `nil` when it was always NULL.
    var worstReplayLagS: Double?
}

/// The WAL a run wrote and the growth of the table.
struct FootprintFigures: Encodable {
    /// WAL bytes from before to after (the writer's and the state tables' included).
    var walBytes: Double
    /// `walBytes` per row of the table.
    var walBytesPerRow: Double
    /// `pg_total_relation_size('t')` before, MB.
    var tableMbBefore: Double
    /// The same after, MB.
    var tableMbAfter: Double
    /// After over before.
    var tableGrowth: Double?
}

/// The lag pause: a run under `--max-replica-lag` while the replica applies commits late.
struct LagPauseFigures: Encodable {
    /// The replica's `recovery_min_apply_delay` at the start, seconds.
    var applyDelayS: Double
    /// The run's `--max-replica-lag`.
    var maximumLag: String
    /// When the delay was set back to 0, seconds after the spawn; `nil` when the run ended first.
    var liftedAtS: Double?
    /// The run, spawn to exit, seconds.
    var wallS: Double
    /// How long ranges were held back, from the `throttled` events, seconds.
    var throttledS: Double
    /// `throttled` events that held ranges back or changed the reason.
    var throttleEvents: Int
    /// The largest lag the run reported, seconds.
    var worstReportedLagS: Double?
    /// The first reason the run gave.
    var firstReason: String?
    /// The last reason the run gave.
    var lastReason: String?
    /// The replica's lag as the sampler saw it meanwhile.
    var sampledLag: ReplicaLagFigures?
    /// Range transactions committed.
    var ranges: Int
    /// Every row's counter went up by exactly 1.
    var exactlyOnce: Bool
}

/// PostgreSQL growth from the smaller size to the larger.
struct PostgresGrowthFigures: Encodable {
    /// The smaller size.
    var from: String
    /// The larger size.
    var to: String
    /// Rows of the larger over the smaller.
    var rows: Double
    /// The wall time ratio of the apply with the first `--workers-list` count (1 by default).
    var apply: Double
    /// The plain UPDATE's time ratio.
    var baseline: Double
    /// The same apply's peak RSS ratio.
    var peakRss: Double
}
