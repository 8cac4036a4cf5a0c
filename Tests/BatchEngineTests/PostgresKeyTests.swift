import BatchEngine
import Foundation
import TestSupport
import Testing

/// Key walks over every key type PostgreSQL users walk, with two workers splitting each walk, including the keys
/// no `:from` can be below (`''`, the least bigint, `-infinity`, the all-zero uuid).
@Suite struct PostgresKeyTests {
    /// A key type: its column type, an expression turning `i` into a distinct key in ascending order, and the
    /// least value of the type as an SQL literal.
    struct KeyType: Sendable, CustomTestStringConvertible {
        var type: String
        var key: String
        var least: String
        var testDescription: String { type }
    }

    static let types = [
        KeyType(type: "smallint", key: "(i - 10000)::smallint", least: "-32768"),
        KeyType(type: "integer", key: "i * 7 - 3500", least: "-2147483648"),
        KeyType(type: "bigint", key: "i::bigint * 1000000007 - 5000000000", least: "-9223372036854775808"),
        KeyType(type: "text", key: "'k' || lpad(i::text, 6, '0')", least: "''"),
        KeyType(type: "varchar(20)", key: "'v' || lpad(i::text, 6, '0')", least: "''"),
        KeyType(
            type: "uuid", key: "('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid",
            least: "'00000000-0000-0000-0000-000000000000'"),
        KeyType(type: "timestamp", key: "timestamp '2020-01-01' + i * interval '1 minute'", least: "'-infinity'"),
        KeyType(
            type: "timestamptz", key: "timestamptz '2020-01-01 00:00+02' + i * interval '1 second'",
            least: "'-infinity'"),
        KeyType(type: "date", key: "date '1990-01-01' + i", least: "'-infinity'"),
        KeyType(type: "numeric", key: "i / 7.0", least: "'-Infinity'"),
    ]

    private func apply(_ target: TestTarget, range: Int = 97) throws -> RunSummary {
        var options = RunnerOptions.small(range: range)
        options.workers = 2
        let steps = try UpdateLoader.load(directories: [target.workspace.updates.path])
        return try Runner(backend: target.backend(), steps: steps, options: options).run()
    }

    @Test(arguments: types)
    func everyKeyOfTheTypeIsWalkedOnceIncludingTheLeastValueWhenTheBodyTestsForNull(_ type: KeyType) throws {
        let target = try TestTarget(.postgres)
        try target.sql(
            """
            CREATE TABLE t (k \(type.type) NOT NULL, n integer NOT NULL DEFAULT 0);
            CREATE UNIQUE INDEX t_k ON t (k);
            INSERT INTO t (k) SELECT \(type.key) FROM generate_series(1, 2000) i;
            """)
        try target.workspace.write(
            "0001_walk.sql", "-- batch: table=t key=k\nUPDATE t SET n = n + 1 WHERE k > :from AND k <= :to;")
        let summary = try apply(target)
        #expect(summary.status == .drained, "\(summary.message)")
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1") == 2000)

        // A key holding the type's least value: no :from is below it, so the step says how to write the body.
        try target.sql("UPDATE t SET n = 0; INSERT INTO t (k) VALUES (\(type.least))")
        try target.workspace.write(
            "0002_again.sql", "-- batch: table=t key=k\nUPDATE t SET n = n + 1 WHERE k > :from AND k <= :to;")
        let refused = try apply(target)
        #expect(refused.status == .stepFailed)
        #expect(refused.message.contains("(k > :from OR :from IS NULL)"), "\(refused.message)")
        #expect(try target.integer("SELECT count(*) FROM t WHERE n > 0") == 0, "nothing of the refused step ran")

        try target.workspace.write(
            "0002_again.sql",
            "-- batch: table=t key=k\nUPDATE t SET n = n + 1 WHERE (k > :from OR :from IS NULL) AND k <= :to;")
        let guarded = try apply(target)
        #expect(guarded.status == .drained, "\(guarded.message)")
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1") == 2001)
    }

    @Test func aDrupalFieldTableIsWalkedOnItsCompositeKey() throws {
        let target = try TestTarget(.postgres)
        try target.sql(
            """
            CREATE TABLE node__body (
                entity_id integer NOT NULL, deleted smallint NOT NULL, delta integer NOT NULL,
                langcode varchar(32) NOT NULL, body text, seen integer NOT NULL DEFAULT 0,
                PRIMARY KEY (entity_id, deleted, delta, langcode));
            INSERT INTO node__body (entity_id, deleted, delta, langcode, body)
            SELECT e, d, delta, l, 'b' FROM generate_series(1, 300) e, generate_series(0, 1) d,
                   generate_series(0, 2) delta, unnest(ARRAY['', 'de', 'en']) l;
            """)
        try target.workspace.write(
            "0001_walk.sql",
            """
            -- batch: table=node__body key=entity_id,deleted,delta,langcode
            UPDATE node__body SET seen = seen + 1
             WHERE (entity_id, deleted, delta, langcode) > (:from_entity_id, :from_deleted, :from_delta, :from_langcode)
               AND (entity_id, deleted, delta, langcode) <= (:to_entity_id, :to_deleted, :to_delta, :to_langcode);
            """)
        #expect(try apply(target, range: 50).status == .drained)
        #expect(try target.integer("SELECT count(*) FROM node__body WHERE seen = 1") == 5400)
    }

    @Test func aSchemaQualifiedTableIsCheckedOnItsShadowAndWalked() throws {
        let target = try TestTarget(.postgres)
        try target.sql(
            """
            CREATE SCHEMA app;
            CREATE TABLE app.items (id bigint PRIMARY KEY, title text NOT NULL);
            INSERT INTO app.items SELECT i, 'Item ' || i FROM generate_series(1, 3000) i;
            """)
        try target.workspace.write("0001_slug.sql", "ALTER TABLE app.items ADD COLUMN slug text;")
        try target.workspace.write(
            "0002_fill.sql",
            "-- batch: table=app.items key=id\nUPDATE app.items SET slug = lower(title) WHERE id > :from AND id <= :to;"
        )
        #expect(try apply(target).status == .drained)
        #expect(try target.integer("SELECT count(*) FROM app.items WHERE slug = lower(title)") == 3000)
    }
}
