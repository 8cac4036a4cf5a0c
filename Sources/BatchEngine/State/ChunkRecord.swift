/// One key sub-range of a step, as stored in `batchrun_chunks`: its bounds, cursor, count and claim.
public struct ChunkRecord: Sendable, Equatable {
    /// Its id.
    public var id: Int64
    /// The exclusive lower bound; `nil` for the start of the walk.
    public var lowerBound: Cursor?
    /// The inclusive upper bound; `nil` for the end of the walk.
    public var upperBound: Cursor?
    /// The last committed cursor, `nil` before its first range commits.
    public var cursor: Cursor?
    /// Units processed by its committed ranges.
    public var processed: Int
    /// The estimated units between its bounds, when known.
    public var estimate: Int?
    /// Whether its last range committed.
    public var isDone: Bool
    /// The size of its last committed range, where a resumed walk starts.
    public var rangeSize: Int?
    /// The worker that holds its claim, if any.
    public var claimedBy: Int64?
    /// When the claim expires, in seconds since 1970 on the database's clock.
    public var claimExpiresAt: Double?

    /// Where its next range starts: after the cursor, or after the lower bound before the first range.
    public var resumePoint: Cursor? { cursor ?? lowerBound }

    /// The units it has left by its estimate, never below zero.
    public var remaining: Int? {
        estimate.map { max(0, $0 - processed) }
    }
}
