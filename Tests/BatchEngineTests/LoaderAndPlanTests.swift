import BatchEngine
import Foundation
import TestSupport
import Testing

@Suite struct LoaderAndPlanTests {
    @Test func filesRunInNumericOrderAcrossFolders() throws {
        let scratch = try Workspace()
        try scratch.write("0010_c.sql", "SELECT 1;")
        try scratch.write("0002_b.sql", "SELECT 1;")
        try scratch.write("0001_a.sql", "-- phase: post\nSELECT 1;")
        try scratch.write("0003_d.sql", "SELECT 1;")
        try scratch.write("README.md", "not an update")
        let second = scratch.root.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
        try "-- after: 0002_b\nSELECT 1;".write(
            toFile: second.appendingPathComponent("0001_e.sql").path, atomically: true, encoding: .utf8)
        let steps = try UpdateLoader.load(directories: [scratch.updates.path, second.path])
        let plan = try Plan(steps)
        #expect(plan.steps.map(\.id) == ["0002_b", "0003_d", "0010_c", "0001_e", "0001_a"])
        #expect(steps.first { $0.id == "0003_d" }?.dependencies == ["0002_b"])
        #expect(steps.first { $0.id == "0001_e" }?.dependencies == ["0002_b"])
    }

    @Test func duplicateIdsAndNumbersAreRefused() throws {
        let scratch = try Workspace()
        try scratch.write("0001_a.sql", "SELECT 1;")
        try scratch.write("0001_b.sql", "SELECT 1;")
        let sameNumber = expectBatchError { _ = try scratch.steps() }
        #expect(sameNumber?.message.contains("number 1 is used twice") == true)

        let other = try Workspace()
        try other.write("0001_a.sql", "SELECT 1;")
        let error = expectBatchError {
            _ = try UpdateLoader.load(directories: [scratch.updates.path, other.updates.path])
        }
        #expect(error?.status == .invalidInput)
    }

    @Test func missingFolderIsAUsageError() {
        let error = expectBatchError { _ = try UpdateLoader.load(directories: ["/nonexistent/updates"]) }
        #expect(error?.status == .usage)
    }

    @Test func missingDependencyNamesTheStepAndLine() throws {
        let scratch = try Workspace()
        let path = try scratch.write("0001_a.sql", "\n-- after: 0009_ghost\nSELECT 1;")
        let error = expectBatchError { _ = try Plan(scratch.steps()) }
        #expect(error?.message.contains("'0009_ghost', which no update defines") == true)
        #expect(error?.location == SourceLocation(file: path, line: 2))
    }

    @Test func cyclesAreReportedWithTheirMembers() throws {
        let scratch = try Workspace()
        try scratch.write("0001_a.sql", "-- after: 0003_c\nSELECT 1;")
        try scratch.write("0002_b.sql", "SELECT 1;")
        try scratch.write("0003_c.sql", "SELECT 1;")
        let error = expectBatchError { _ = try Plan(scratch.steps()) }
        #expect(error?.status == .invalidInput)
        #expect(error?.message.contains("dependency cycle") == true)
        for member in ["0001_a", "0002_b", "0003_c"] {
            #expect(error?.message.contains(member) == true)
        }
    }

    @Test func cycleAmongPostStepsIsFound() throws {
        let scratch = try Workspace()
        try scratch.write("0001_a.sql", "SELECT 1;")
        try scratch.write("0002_p.sql", "-- phase: post\n-- after: 0003_q\nSELECT 1;")
        try scratch.write("0003_q.sql", "-- phase: post\nSELECT 1;")
        let error = expectBatchError { _ = try Plan(scratch.steps()) }
        #expect(error?.message == "dependency cycle: 0002_p -> 0003_q -> 0002_p")
    }

    @Test func updateStepCannotWaitForAPostStep() throws {
        let scratch = try Workspace()
        try scratch.write("0001_p.sql", "-- phase: post\nSELECT 1;")
        try scratch.write("0002_u.sql", "-- after: 0001_p\nSELECT 1;")
        let error = expectBatchError { _ = try Plan(scratch.steps()) }
        #expect(error?.message.contains("cannot depend on post step") == true)
    }

    @Test func postStepsRunAfterEveryUpdateStep() throws {
        let scratch = try Workspace()
        try scratch.write("0001_p.sql", "-- phase: post\nSELECT 1;")
        try scratch.write("0002_u.sql", "SELECT 1;")
        try scratch.write("0003_q.sql", "-- phase: post\nSELECT 1;")
        try scratch.write("0004_v.sql", "SELECT 1;")
        #expect(try Plan(scratch.steps()).steps.map(\.id) == ["0002_u", "0004_v", "0001_p", "0003_q"])
    }
}
