import ChildProcesses
import Foundation

/// A watchdog process that stops a cluster's servers and removes its folder once the process that owns the cluster
/// is gone, however it went: an exit, a crash, a SIGKILL, a test runner's timeout.
///
/// It is a small `sh` loop that checks the owner with `kill -0` twice a second, then runs
/// `pg_ctl stop -m immediate` on every data directory of the cluster that has a `postmaster.pid` and deletes the
/// folder. It runs in a session of its own, so that signals aimed at the test's process group (Ctrl-C, a runner
/// killing the group) do not take it down with the owner. When the owner tears the cluster down itself, it ends the
/// watchdog first with `dismiss()`.
struct OrphanGuard: Sendable {
    /// The watchdog.
    let child: ChildProcess

    private static let script = """
        owner=$1 root=$2 pg_ctl=$3 user=$4
        while kill -0 "$owner" 2>/dev/null; do sleep 0.5; done
        for data in "$root"/*/data; do
            [ -f "$data/postmaster.pid" ] || continue
            if [ -n "$user" ]; then
                runuser -u "$user" -- "$pg_ctl" -D "$data" -m immediate -w stop
            else
                "$pg_ctl" -D "$data" -m immediate -w stop
            fi
        done
        rm -rf "$root"
        """

    /// Starts a watchdog for the cluster in `root` that fires when process `owner` ends.
    static func start(owner: pid_t, root: URL, binaries: PostgresBinaries, account: ServerAccount) throws
        -> OrphanGuard
    {
        var options = ChildProcess.Options(output: "/dev/null")
        options.directory = "/"
        options.newSession = true
        let child = try ChildProcess(
            "/bin/sh",
            ["-c", script, "orphan-guard", "\(owner)", root.path, binaries.path("pg_ctl"), account.user ?? ""],
            options)
        return OrphanGuard(child: child)
    }

    /// Ends the watchdog without letting it fire, for an owner that has torn the cluster down itself.
    func dismiss() {
        child.send(SIGKILL)
        child.wait()
    }
}
