extension Workspace {
    /// Writes `0001_bump`: each range bumps `t.n` and logs the ids it touched, with their new `n`, in `touched`, so
    /// a range run twice shows as a doubled row. The SQL is the same on both backends.
    public func writeLoggedBumpStep() throws {
        try write(
            "0001_bump.sql",
            """
            -- batch: table=t key=id
            UPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;
            INSERT INTO touched (id, n) SELECT id, n FROM t WHERE id > :from AND id <= :to;
            """)
    }

    /// Writes the kill tortures' steps after the bump: DDL on `t`, a backfill of the new column, a walk over the
    /// text keys of `words`, an integer range `1...count` whose body `generate` (in the backend's dialect) fills
    /// `generated`, and a post-phase summary.
    public func writeMixedQueueSteps(generating count: Int, with generate: String) throws {
        try write("0002_add_label.sql", "ALTER TABLE t ADD COLUMN label TEXT;")
        try write(
            "0003_label.sql",
            "-- batch: table=t key=id\nUPDATE t SET label = 'L' || (id * 7 % 1000) WHERE id > :from AND id <= :to;")
        try write(
            "0004_words.sql",
            "-- batch: table=words key=word\nUPDATE words SET hits = hits + 1 WHERE word > :from AND word <= :to;")
        try write("0005_generate.sql", "-- batch: range=1..\(count)\n\(generate)")
        try write(
            "0006_summary.sql",
            "-- phase: post\nCREATE TABLE summary AS SELECT count(*) AS c, sum(n) AS s, count(label) AS l FROM t;")
    }
}
