/// A chunk a worker holds: the step, the chunk as its claim transaction left it, and the claim's token.
struct ClaimedChunk {
    /// The step the chunk belongs to.
    let step: any Step
    /// The chunk, as the last transaction that touched it left it.
    var chunk: ChunkRecord
    /// The claim's token, which every range checks.
    let token: String
    /// The step's total estimate, when known.
    var stepTotal: Int?
    /// How the worker came by the chunk, for the notice it gives.
    let origin: Origin

    /// How a worker came by a chunk.
    enum Origin: Equatable {
        /// It was free.
        case free
        /// Its previous claim had expired or its holder was gone (`holder`).
        case takenOver(from: String)
        /// The worker split it off another worker's chunk.
        case split(from: Int64, at: Cursor)
    }
}

/// What a worker's claim transaction came to.
enum ClaimOutcome {
    /// A chunk to work on.
    case claimed(ClaimedChunk)
    /// Nothing to take now, but work is left that others hold or that waits on dependencies.
    case wait
    /// Every step of the plan is done.
    case drained
    /// A step failed and the run halts (without `--keep-going`).
    case failed(step: String, error: String?)
    /// Every step left depends on a failed one (with `--keep-going`).
    case blocked
}

/// Raised by a range whose claim (or the exclusive lease) was taken over: nothing of it commits.
struct LostClaim: Error {
    /// What was lost: `chunk 3 of step 0004_backfill`, `the queue's lease`.
    var what: String
    /// Why, as far as the worker can tell.
    var reason: String
}
