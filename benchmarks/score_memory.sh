#!/usr/bin/env bash
# Streaming check for `cvw score`: peak memory must not grow with the input.
# Scores 1M- and 5M-row files (generated here, seeded) with the demo's model
# and records wall time and peak RSS (GNU time) in benchmarks/RESULTS.md,
# between the score-memory markers.
#
#   make build && bash benchmarks/score_memory.sh [path/to/cvw]
set -euo pipefail
cd "$(dirname "$0")/.."
cvw=${1:-.build/release/cvw}
data=benchmarks/data
mkdir -p "$data"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795305600}
"$cvw" fit logistic notebooks-data/purchase_intent.csv --target bought --exclude customer_id -o "$data/score-model.json" 2>/dev/null

for rows in 1000000 5000000; do
  file="$data/score_${rows}.csv"
  [ -s "$file" ] || python3 - "$rows" "$file" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
with open(path, "w") as f:
    f.write("customer_id,frequency,recency,T,monetary_value\n")
    buffer = []
    for i in range(rows):
        t = round(random.uniform(27, 39), 2)
        x = random.randint(0, 20)
        buffer.append(f"{i},{x},{round(random.uniform(0, t), 2) if x else 0.0},{t},{round(random.uniform(0, 200), 2)}\n")
        if len(buffer) == 100_000:
            f.writelines(buffer)
            buffer = []
    f.writelines(buffer)
PY
done

table="| input rows | input size | wall time (s) | rows/s | peak RSS (MB) |
|---:|---:|---:|---:|---:|"
for rows in 1000000 5000000; do
  file="$data/score_${rows}.csv"
  /usr/bin/time -f "%e %M" -o "$data/time.txt" "$cvw" score "$data/score-model.json" "$file" --id customer_id -o "$data/scores_${rows}.csv"
  read -r seconds kilobytes < "$data/time.txt"
  size=$(du -m "$file" | cut -f1)
  rate=$(python3 -c "print(f'{$rows / $seconds / 1e6:.2f}M')")
  table+="
| $rows | ${size} MB | ${seconds} | ${rate} | $((kilobytes / 1024)) |"
done

section="<!-- score-memory:start -->
## Streaming scoring: memory independent of input size

\`bash benchmarks/score_memory.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores: \`cvw score\` with the purchase-intent model, CSV in, CSV out (id + probability), default chunks of 65,536 rows.

$table
<!-- score-memory:end -->"
results=benchmarks/RESULTS.md
[ -f "$results" ] || printf '# cvw benchmarks\n' > "$results"
python3 - "$results" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- score-memory:start -->.*?<!-- score-memory:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "$table"
