#!/bin/sh
# Runs every libFuzzer target of vernier-fuzz for RUNS executions (default a million), at most SECONDS each
# (default 600), and prints a table of what each reached.
# Inputs that crash are saved under Tests/Fuzz/Crashes/TARGET/, where the tests replay them once committed;
# the working corpus grows in .build-fuzz/corpus/TARGET from the seeds in Tests/Fuzz/Seeds/TARGET.
# Exits 1 when any target crashed.
set -u
runs=${1:-1000000}
seconds=${2:-600}
binary=.build-fuzz/release/vernier-fuzz
targets=$(ls Tests/Fuzz/Seeds)
status=0
printf '| target | executions | executions/s | corpus inputs | result |\n|---|---|---|---|---|\n' > .build-fuzz/table.md
for target in $targets; do
    corpus=.build-fuzz/corpus/$target
    crashes=Tests/Fuzz/Crashes/$target
    mkdir -p "$corpus" "$crashes"
    log=.build-fuzz/$target.log
    VERNIER_FUZZ_TARGET=$target "$binary" "$corpus" "Tests/Fuzz/Seeds/$target" \
        -runs="$runs" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$crashes/" > "$log" 2>&1
    result=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    files=$(ls "$corpus" | wc -l)
    if [ "$result" -eq 0 ]; then outcome="no crash"; else outcome="CRASH (see $log)"; status=1; fi
    printf '| %s | %s | %s | %s | %s |\n' "$target" "${executions:-?}" "${rate:-?}" "$files" "$outcome" >> .build-fuzz/table.md
done
cat .build-fuzz/table.md
exit $status
