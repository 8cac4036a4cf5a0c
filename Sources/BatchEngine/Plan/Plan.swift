/// The steps in the order they run: a topological order of their dependencies, every update-phase step before any
/// post-phase step, ties broken by the order the steps were given in.
public struct Plan: Sendable {
    /// The steps, in run order.
    public let steps: [any Step]

    /// Orders `steps`.
    /// - Throws: `BatchError` (`.invalidInput`) for a duplicate id, an unknown dependency, an update step that depends
    ///   on a post step, or a cycle (naming its members).
    public init(_ steps: [any Step]) throws {
        var indexByID: [String: Int] = [:]
        for (index, step) in steps.enumerated() {
            if indexByID.updateValue(index, forKey: step.id) != nil {
                throw BatchError(.invalidInput, "step id '\(step.id)' is registered twice", location: step.origin)
            }
        }
        for step in steps {
            for dependency in step.dependencies {
                guard let index = indexByID[dependency] else {
                    throw BatchError(
                        .invalidInput, "step '\(step.id)' depends on '\(dependency)', which no update defines",
                        location: Self.location(of: step), step: step.id)
                }
                if step.phase == .update && steps[index].phase == .post {
                    throw BatchError(
                        .invalidInput,
                        "update step '\(step.id)' cannot depend on post step '\(dependency)': post steps run last",
                        location: Self.location(of: step), step: step.id)
                }
            }
        }
        self.steps = try Self.order(steps, indexByID: indexByID)
    }

    /// Kahn's algorithm, always taking the ready step that comes first by (phase, given order).
    private static func order(_ steps: [any Step], indexByID: [String: Int]) throws -> [any Step] {
        var waitingOn = steps.map { Set($0.dependencies.compactMap { indexByID[$0] }) }
        var dependents = Array(repeating: [Int](), count: steps.count)
        for (index, waits) in waitingOn.enumerated() {
            for dependency in waits { dependents[dependency].append(index) }
        }
        let rank = { (index: Int) in (steps[index].phase == .update ? 0 : 1, index) }
        let updateCount = steps.count(where: { $0.phase == .update })
        var ready = Set(waitingOn.indices.filter { waitingOn[$0].isEmpty })
        var ordered: [Int] = []
        while let next = ready.min(by: { rank($0) < rank($1) }) {
            // A post step waits for every update step, not just its declared dependencies.
            if steps[next].phase == .post && ordered.count < updateCount { break }
            ready.remove(next)
            ordered.append(next)
            for dependent in dependents[next] {
                waitingOn[dependent].remove(next)
                if waitingOn[dependent].isEmpty { ready.insert(dependent) }
            }
        }
        guard ordered.count == steps.count else {
            let stuck = waitingOn.indices.filter { !waitingOn[$0].isEmpty }
            // Unfinished update steps only wait on update steps, so start there when there are any.
            let start = stuck.first { steps[$0].phase == .update } ?? stuck[0]
            let cycle = findCycle(from: start, in: waitingOn)
            let first = steps[cycle[0]]
            throw BatchError(
                .invalidInput,
                "dependency cycle: " + (cycle + [cycle[0]]).map { steps[$0].id }.joined(separator: " -> "),
                location: location(of: first), step: first.id)
        }
        return ordered.map { steps[$0] }
    }

    /// Follows unfinished dependencies from a stuck step until one repeats; the repeated stretch is a cycle, each
    /// member depending on the next, starting at its earliest member.
    private static func findCycle(from start: Int, in waitingOn: [Set<Int>]) -> [Int] {
        var path: [Int] = []
        var current = start
        while !path.contains(current) {
            path.append(current)
            current = waitingOn[current].min()!
        }
        let cycle = path[path.firstIndex(of: current)!...]
        let first = cycle.firstIndex(of: cycle.min()!)!
        return Array(cycle[first...] + cycle[..<first])
    }

    private static func location(of step: any Step) -> SourceLocation? {
        guard let file = (step as? SQLFileStep)?.file else { return step.origin }
        return file.location(line: file.afterLine)
    }
}

extension Plan {
    /// The steps that may start now, in plan order: not done, every dependency done, and for a post-phase step every
    /// update-phase step done. A pipeline, not waves: a step is ready the moment its own dependencies are.
    public func ready(done: Set<String>) -> [any Step] {
        let updatesDone = steps.allSatisfy { $0.phase == .post || done.contains($0.id) }
        return steps.filter { step in
            !done.contains(step.id) && step.dependencies.allSatisfy(done.contains)
                && (step.phase == .update || updatesDone)
        }
    }

    /// The steps that can never start while `failed` stay failed: the failed steps and everything that depends on
    /// them, directly or not; post-phase steps wait for every update step.
    public func blocked(by failed: Set<String>) -> Set<String> {
        var blocked = failed
        var grew = true
        while grew {
            grew = false
            let updateBlocked = steps.contains { $0.phase == .update && blocked.contains($0.id) }
            for step in steps where !blocked.contains(step.id) {
                if step.dependencies.contains(where: blocked.contains) || (step.phase == .post && updateBlocked) {
                    blocked.insert(step.id)
                    grew = true
                }
            }
        }
        return blocked
    }
}
