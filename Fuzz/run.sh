#!/usr/bin/env bash
# Fuzzes the update-file parser or the cursor decoder with libFuzzer.
#
#   Fuzz/run.sh [parser|cursor] [RUNS]      (defaults: parser, 2000000 executions)
#
# Builds the fuzzer from the engine's own source files (listed below; none of them needs GRDB), the properties the
# regression tests check too (Tests/BatchEngineTests/FuzzProperties.swift) and the entry point in Fuzz/, under
# AddressSanitizer, into .build-fuzz/ (gitignored by `.build-*/`). Seeds the corpus from
# Fuzz/seeds/<target>/, earlier crashes in Fuzz/crashes/<target>/ and, for the parser, updates/*.sql. Any input that
# crashes, leaks, times out or runs out of memory is copied into Fuzz/crashes/<target>/, where
# Tests/BatchEngineTests/FuzzRegressionTests.swift replays it; the script then exits non-zero.
# Fuzz/<target>.dict lists the format's tokens for libFuzzer. Set FUZZ_MAX_TIME to also stop after that many seconds.
set -euo pipefail

target="${1:-parser}"
runs="${2:-2000000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="$root/Sources/BatchEngine"

# The engine files the properties exercise, and what they need to compile; compiled as they are, never copied.
shared=(
    "$root/Tests/BatchEngineTests/FuzzProperties.swift"
    "$root/Tests/BatchEngineTests/FuzzProperties+Script.swift"
    "$engine/Loader/UpdateFileParser.swift"
    "$engine/Loader/UpdateFileParser+Batch.swift"
    "$engine/Loader/UpdateFileParser+Body.swift"
    "$engine/Loader/UpdateFile.swift"
    "$engine/Loader/LineBreak.swift"
    "$engine/Loader/SQLLexer.swift"
    "$engine/Loader/SQLToken.swift"
    "$engine/Loader/SQLParameter.swift"
    "$engine/Loader/SQLStatement.swift"
    "$engine/Loader/SQLStatement+Transaction.swift"
    "$engine/Loader/SQLScript.swift"
    "$engine/Loader/StatementNesting.swift"
    "$engine/Loader/Checksum.swift"
    "$engine/Model/Cursor.swift"
    "$engine/Model/Phase.swift"
    "$engine/Model/BatchError.swift"
    "$engine/Model/ExitStatus.swift"
    "$engine/Model/SourceLocation.swift"
    "$engine/Model/TableName.swift"
    "$engine/Database/SQLValue.swift"
    "$engine/Database/String+SQLIdentifier.swift"
)
case "$target" in
parser)
    sources=("$root/Fuzz/ParserFuzzer.swift" "${shared[@]}")
    extra_corpus=("$root/updates")
    ;;
cursor)
    sources=("$root/Fuzz/CursorFuzzer.swift" "${shared[@]}")
    extra_corpus=()
    ;;
*)
    echo "usage: $0 [parser|cursor] [RUNS]" >&2
    exit 64
    ;;
esac

work="$root/.build-fuzz/$target"
crashes="$root/Fuzz/crashes/$target"
mkdir -p "$work/corpus" "$work/artifacts" "$crashes"
# Artifacts of an earlier run were already copied; start clean so only this run's findings are reported.
rm -f "$work/artifacts/"*

# One module made of the entry point and the engine files; -g keeps stack traces readable. The linker's warnings
# about ASan's local symbols are noise, so the build log is shown only when the build fails.
echo "building $work/fuzzer" >&2
if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -module-name BatchEngineFuzz \
    "${sources[@]}" -o "$work/fuzzer" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi

# Swift's out-of-process backtracer trips over ASan and hangs after a trap; the runtime's own short trace and
# libFuzzer's symbolized stack trace are enough.
export SWIFT_BACKTRACE=enable=no

# The first folder receives the inputs libFuzzer finds interesting; the others are read-only seeds.
corpus=("$work/corpus" "$root/Fuzz/seeds/$target" "$crashes" "${extra_corpus[@]}")
options=(-runs="$runs" -max_len=4096 -timeout=10 -print_final_stats=1 -artifact_prefix="$work/artifacts/")
# A dictionary of the format's tokens: much of the parsing happens in uninstrumented Foundation and stdlib code.
if [[ -f "$root/Fuzz/$target.dict" ]]; then options+=(-dict="$root/Fuzz/$target.dict"); fi
if [[ -n "${FUZZ_MAX_TIME:-}" ]]; then options+=(-max_total_time="$FUZZ_MAX_TIME"); fi

echo "running: $work/fuzzer ${options[*]} ${corpus[*]}" >&2
status=0
"$work/fuzzer" "${options[@]}" "${corpus[@]}" 2>&1 | tee "$work/fuzz.log" || status=$?

# Keep every finding as a regression input (libFuzzer names them crash-, leak-, timeout- or oom-<sha1>).
found=0
for artifact in "$work/artifacts/"*; do
    [[ -e "$artifact" ]] || continue
    cp "$artifact" "$crashes/"
    echo "saved $crashes/$(basename "$artifact")" >&2
    found=1
done

# The executions count libFuzzer reports.
grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|stat::number_of_executed_units' "$work/fuzz.log" || true

if [[ "$status" -ne 0 || "$found" -ne 0 ]]; then
    echo "fuzzing $target found a problem (exit $status); see $work/fuzz.log and $crashes" >&2
    exit 1
fi
