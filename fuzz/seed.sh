#!/usr/bin/env bash
# Builds the fuzz targets' seed corpus from the repository's own files:
# rule files, suites, fixtures and example records. Nothing is committed;
# run it before `cargo +nightly fuzz run <target>` (see docs/fuzzing.md).
# Two-part inputs (rules + record, rules + suite) are joined by one NUL byte.
#
#   fuzz/seed.sh [OUT]   # OUT defaults to fuzz/corpus
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/fuzz/corpus}"
for t in compile score format json_records csv_records suite; do mkdir -p "$out/$t"; done

# Every rule file: examples, the corpus, the seed table and the error fixtures.
mapfile -t rules < <(find "$root/rules" "$root/examples" "$root/tests/fixtures/rules" -name '*.rules' | sort)
n=0
for f in "${rules[@]}"; do
  n=$((n + 1))
  cp "$f" "$out/compile/$n.rules"
  cp "$f" "$out/format/$n.rules"
  { cat "$f"; printf '\0{}'; } > "$out/score/$n-empty"
done

# Records for the seed table: the example, and every fixture line.
seed="$root/rules/chenggong-2021-window-service.rules"
mapfile -t records < <(cat "$root"/examples/chenggong-2021/measurements*.json "$root"/tests/fixtures/data/*.jsonl)
n=0
for r in "${records[@]}"; do
  n=$((n + 1))
  printf '%s' "$r" > "$out/json_records/line-$n.json"
  { cat "$seed"; printf '\0%s' "$r"; } > "$out/score/seed-$n"
done
for f in "$root"/tests/fixtures/data/*.jsonl; do cp "$f" "$out/json_records/"; done
{ printf '['; paste -sd, "$root/examples/chenggong-2021/measurements.json"; printf ']'; } > "$out/json_records/array.json"

# CSV for the seed table: keys, then names with units, as `scorecard template` writes them.
printf '%s\n' 'cases,cases_last_year,staff_satisfaction,on_time_rate,spending,complaint_rate,blacklist_count,public_satisfaction' \
  '1500000,1800000,85,92.5%,2700000元,12.5,0,91' '150万件,180万件,85%,"92.5%",270万元,12.5%,0次,' > "$out/csv_records/keys.csv"
{ printf '\xef\xbb\xbf'; printf '%s\r\n' '年办件量（件）,上年办件量（件）,"工作人员满意度（%）",窗口服务办结率（%）' '"1,500,000",1800000,85,"92.5'; } > "$out/csv_records/names.csv"

# Every suite, after its rule file.
n=0
while IFS= read -r s; do
  n=$((n + 1))
  r="${s%.suite.toml}.rules"
  [ -f "$r" ] || continue
  { cat "$r"; printf '\0'; cat "$s"; } > "$out/suite/$n"
done < <(find "$root/rules" "$root/examples" -name '*.suite.toml' | sort)

echo "seeded $out: $(find "$out" -type f | wc -l) files"
