import BatchEngine

extension BatchError {
    /// `error` as a command reports it: itself when it is a `BatchError`. The engine reports every failure it knows
    /// as one before anything is written, so another error is unforeseen input trouble: invalid input (65), never a
    /// failed step (1).
    public init(reporting error: any Error) {
        self = error as? BatchError ?? BatchError(.invalidInput, "\(error)")
    }
}
