import PostgresClient
import Testing

@Suite struct ConnectionStringTests {
    @Test func onlyPostgresURIsArePostgres() {
        for text in ["postgres://db/app", "postgresql://u@db:5432/app", "postgres:///app", "postgresql://"] {
            #expect(PostgresConnectionString.isPostgres(text), "\(text)")
        }
        for text in [
            "host=db dbname=app", "app.sqlite", "/var/lib/app.db", "a=b", "Postgres://db/app", "postgres:/db", "",
        ] {
            #expect(!PostgresConnectionString.isPostgres(text), "\(text)")
        }
    }

    @Test(arguments: [
        ("postgres://user:secret@host/db", "postgres://user@host/db"),
        ("postgresql://user:secret@host:5432/db?sslmode=require", "postgresql://user@host:5432/db?sslmode=require"),
        ("postgres://user@host/db?password=secret&sslmode=require", "postgres://user@host/db?sslmode=require"),
        ("postgres://host/db?sslmode=require&password=secret", "postgres://host/db?sslmode=require"),
        ("postgres://host/db?pass%77ord=secret", "postgres://host/db"),
        ("postgres://host/db?sslpassword=secret&application_name=x", "postgres://host/db?application_name=x"),
        ("postgres://user:se%40cret@host/db", "postgres://user@host/db"),
        ("postgres://user:se@cret@host/db", "postgres://user@host/db"),
        ("postgres://user:se/cret@host/db", "postgres://user@host/db"),
        ("postgres://user:se?cret@host/db?sslmode=require", "postgres://user@host/db?sslmode=require"),
        ("postgres://host:5432/db?application_name=a@b", "postgres://host@b"),
        ("postgres://user:secret@h1:5432,h2:5433/db", "postgres://user@h1:5432,h2:5433/db"),
        ("postgres://user:secret@[::1]:5432/db", "postgres://user@[::1]:5432/db"),
        ("postgres://user:secret@host", "postgres://user@host"),
        ("postgres://host/db?passwordsecret", "postgres://host/db"),
        ("postgres://user@host:5432/db", "postgres://user@host:5432/db"),
        ("postgres://[::1]:5432/db", "postgres://[::1]:5432/db"),
    ])
    func redactsURIs(_ uri: String, _ expected: String) {
        #expect(PostgresConnectionString.redacted(uri) == expected)
    }

    @Test(arguments: [
        ("host=db password=secret dbname=app", "host=db dbname=app"),
        ("password = 'se cret' host=db", "host=db"),
        (#"host=db password='it\'s secret' user=x"#, "host=db user=x"),
        (#"host=db password=se\ cret user=x"#, "host=db user=x"),
        ("host=db sslpassword=secret", "host=db"),
        ("host=db password='secret", "host=db"),
        ("host=db password=se cret dbname=app", "host=db"),
        ("host = db  port=5432\tdbname='my app'", "host = db port=5432 dbname='my app'"),
    ])
    func redactsKeyValueStrings(_ text: String, _ expected: String) {
        #expect(PostgresConnectionString.redacted(text) == expected)
    }

    @Test func leavesOtherTextAlone() {
        for text in ["app.sqlite", "/data/app db.sqlite", "mydb", ""] {
            #expect(PostgresConnectionString.redacted(text) == text)
        }
    }
}
