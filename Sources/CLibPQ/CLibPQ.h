// libpq's client API. pkg-config (libpq.pc) adds the include folder where it knows it; where pkg-config is absent,
// Debian's libpq-dev still has the header under postgresql/, and the module map links libpq itself.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

// Swift does not import character-literal macros such as PG_DIAG_SQLSTATE ('C'): these constants carry the error
// field codes over.
static const int CLibPQDiagSeverity = PG_DIAG_SEVERITY;
static const int CLibPQDiagSeverityNonlocalized = PG_DIAG_SEVERITY_NONLOCALIZED;
static const int CLibPQDiagSQLState = PG_DIAG_SQLSTATE;
static const int CLibPQDiagMessagePrimary = PG_DIAG_MESSAGE_PRIMARY;
static const int CLibPQDiagMessageDetail = PG_DIAG_MESSAGE_DETAIL;
static const int CLibPQDiagMessageHint = PG_DIAG_MESSAGE_HINT;
static const int CLibPQDiagStatementPosition = PG_DIAG_STATEMENT_POSITION;
