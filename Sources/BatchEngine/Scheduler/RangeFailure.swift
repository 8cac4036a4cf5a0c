/// A range that failed for a reason of its step's own (its SQL, its data): the step fails, its cursors stay.
struct RangeFailure: Error {
    /// The error the step or the database raised.
    let error: any Error
    /// The step.
    let step: any Step

    /// The failure as events and the state record it.
    func report(at cursor: Cursor?, worker: String?, database: any BatchDatabase) -> StepFailure {
        if let error = error as? BatchError {
            return StepFailure(
                step: step.id, message: error.message, location: error.location ?? step.origin, cursor: cursor,
                worker: worker)
        }
        let failure = database.classify(error)
        return StepFailure(
            step: step.id, message: failure.message, location: step.location(ofStatement: failure.sql),
            cursor: cursor, worker: worker)
    }
}

extension Error {
    /// Whether the engine already decided what this error means (a `BatchError`, a lost claim, a failed range), so
    /// no retry loop classifies it again.
    var isSettled: Bool { self is BatchError || self is LostClaim || self is RangeFailure }
}
