// The throwaway PostgreSQL cluster the suites start servers with: every test that imports TestSupport sees it.
@_exported import ThrowawayPostgres
