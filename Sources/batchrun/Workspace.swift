import ArgumentParser
import BatchCLI
import BatchEngine

/// The options every subcommand shares: which database and which update folders.
struct Workspace: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var folders: UpdateFolders

    /// The update files as steps.
    func steps() throws -> [any Step] {
        try folders.steps()
    }

    /// The backend, with its defaults, for commands that do not run steps.
    func backend() throws -> any BatchBackend {
        try database.backend()
    }
}
