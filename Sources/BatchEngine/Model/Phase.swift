/// When a step runs: every `update` step runs before any `post` step, as Drupal's `hook_post_update_NAME`.
public enum Phase: String, Sendable, Codable, CaseIterable {
    /// The regular phase: schema changes and data backfills.
    case update
    /// Runs after every update-phase step has finished.
    case post
}
