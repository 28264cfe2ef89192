#!/bin/sh
# Times the whole `mbr plan` process on every shipped example and the worst case against
# the bare start of the same binary (`mbr --version`), in one hyperfine run, and reads each
# one's peak memory with GNU time. Needs hyperfine and GNU time (Debian: apt install
# hyperfine time). Run from anywhere: sh tests/bench/process.sh [RUNS]
set -eu
cd "$(dirname "$0")/../.."
runs="${1:-300}"
cargo build --release --locked --quiet
mbr=target/release/mbr
plans="$(ls examples/*.toml) tests/bench/worst-case.toml"

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "process.sh: $tool is not installed" >&2; exit 1; }
done

echo "## $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
set -- "$mbr --version"
for plan in $plans; do
    set -- "$@" "$mbr plan --plan $plan"
done
table="$(mktemp)"
trap 'rm -f "$table"' EXIT
hyperfine --shell=none --warmup 30 --runs "$runs" --export-markdown "$table" "$@" >/dev/null 2>&1
cat "$table"

echo
echo "| Command | Peak memory (KiB) |"
echo "|:---|---:|"
peak() {
    /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1
}
echo "| \`$mbr --version\` | $(peak "$mbr" --version) |"
for plan in $plans; do
    # The report's warnings also go to stderr; GNU time's figure is the last line.
    echo "| \`$mbr plan --plan $plan\` | $(peak "$mbr" plan --plan "$plan") |"
done

# Instructions are steadier than milliseconds on a shared machine: valgrind counts them the
# same on every run of the same binary and input.
if command -v valgrind >/dev/null; then
    echo
    echo "| Command | Instructions (callgrind) |"
    echo "|:---|---:|"
    count() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
            | sed -n 's/.*Collected : //p'
    }
    echo "| \`$mbr --version\` | $(count "$mbr" --version) |"
    for plan in $plans; do
        echo "| \`$mbr plan --plan $plan\` | $(count "$mbr" plan --plan "$plan") |"
    done
fi
