#!/bin/sh
# make bench: regen against the tools a user would pick instead, measured
# side by side in one run with hyperfine (whole process, warm-up, then
# BENCH_RUNS runs) and /usr/bin/time for peak memory.  Writes
# out/bench/bench.md and out/bench/bench.json.  Quote the ratios: the
# machine is shared and absolute times move from run to run.
# Usage: sh tests/bench/run.sh   (from the repository root, after make)
set -eu
ROOT=$(pwd)
RUNS=${BENCH_RUNS:-10}
W=$ROOT/build/bench
OUT=$ROOT/out/bench
PEERS_SRC=${PEERS:-$ROOT/../shared/bench/peers}
mkdir -p "$W" "$OUT"

# The peers, copied (shared/ is read-only) and their npm packages
if [ ! -d "$W/peers" ]; then
	cp -r "$PEERS_SRC" "$W/peers"
	chmod -R u+w "$W/peers"
fi
for p in typst vega; do
	[ -d "$W/peers/$p/node_modules" ] ||
		(cd "$W/peers/$p" && npm install --no-audit --no-fund --loglevel=error)
done
cc -O2 -o "$W/floor" tests/bench/floor.c \
	$(pkg-config --cflags --libs pangocairo cairo libcjson)
P=$W/peers
R="$ROOT/regen"
export SOURCE_DATE_EPOCH=1735689600

: > "$W/results.tsv"
# bench CASE TOOL COMMAND: hyperfine, then one run under /usr/bin/time
bench() {
	case_=$1 tool=$2 cmd=$3
	o=$W/o/$case_-$tool
	rm -rf "$o"; mkdir -p "$o"
	c=$(echo "$cmd" | sed "s|@O@|$o|g")
	hyperfine --warmup 2 --runs "$RUNS" --style none \
		--prepare "rm -rf $o && mkdir -p $o" \
		--export-json "$W/hf.json" "cd $P && $c" >/dev/null 2>&1 ||
		{ echo "$case_ $tool: failed" >&2; return 0; }
	rm -rf "$o"; mkdir -p "$o"
	mem=$( (cd "$P" && /usr/bin/time -f '%M' sh -c "$c" >/dev/null 2>"$W/time.err"); tail -1 "$W/time.err")
	jq -r --arg c "$case_" --arg t "$tool" --arg m "$mem" \
		'.results[0] | [$c, $t, (.median*1000), (.min*1000), (.max*1000), ($m|tonumber/1024)] | @tsv' \
		"$W/hf.json" >> "$W/results.tsv"
	echo "$case_ $tool done" >&2
}

for f in svg pdf png; do
	bench "chart-$f" regen "$R charts --data $ROOT/data/rare_earths.json --chart reserves --format $f --out @O@"
	bench "chart-$f" floor "$W/floor $f 1 @O@ reserves.json"
done
for f in svg pdf; do
	bench "chart-$f" gnuplot "gnuplot -e \"fmt='$f'; n=1; outdir='@O@'\" gnuplot/chart.gp"
	bench "chart-$f" matplotlib "/usr/bin/python3 mpl/chart_mpl.py $f 1 @O@"
	bench "chart-$f" typst "node typst/chart_typst.js $f 1 @O@"
done
bench chart-svg vega-lite "node vega/chart_vega.mjs svg 1 @O@"
# the full default run: both briefings (PDF + SVG pages), every chart in
# two languages and three formats
bench briefing regen "$R --data $ROOT/data/rare_earths.json --out @O@"
bench briefing regen-one-pdf "$R report --data $ROOT/data/rare_earths.json --template $ROOT/templates/briefing.xml --format pdf --out @O@"
bench briefing typst "node typst/briefing_typst.js @O@/briefing.pdf"
bench briefing matplotlib "/usr/bin/python3 mpl/briefing_mpl.py @O@/briefing.pdf"
# a second run over unchanged outputs: nothing is rewritten
mkdir -p "$W/o/second"
"$R" --data "$ROOT/data/rare_earths.json" --out "$W/o/second" >/dev/null 2>&1
hyperfine --warmup 1 --runs "$RUNS" --style none --export-json "$W/hf.json" \
	"$R --data $ROOT/data/rare_earths.json --out $W/o/second" >/dev/null 2>&1
mem=$( (/usr/bin/time -f '%M' "$R" --data "$ROOT/data/rare_earths.json" --out "$W/o/second" 2>"$W/time.err"); tail -1 "$W/time.err")
jq -r --arg m "$mem" '.results[0] | ["second-run", "regen", (.median*1000), (.min*1000), (.max*1000), ($m|tonumber/1024)] | @tsv' \
	"$W/hf.json" >> "$W/results.tsv"

# the table: median, min-max, peak memory, and regen's ratio to each peer
awk -F'\t' '
	{ c[NR] = $1; t[NR] = $2; med[NR] = $3; lo[NR] = $4; hi[NR] = $5; mem[NR] = $6
	  if ($2 == "regen") rg[$1] = $3 }
	END {
		print "| case | tool | median ms | min-max ms | peak MB | regen / tool |"
		print "|---|---|---:|---:|---:|---:|"
		for (i = 1; i <= NR; i++) {
			r = (c[i] in rg && t[i] != "regen") ? sprintf("%.2f", rg[c[i]] / med[i]) : ""
			printf "| %s | %s | %.1f | %.1f-%.1f | %.1f | %s |\n", c[i], t[i], med[i], lo[i], hi[i], mem[i], r
		}
	}' "$W/results.tsv" > "$OUT/bench.md"
jq -R -s 'split("\n") | map(select(length > 0) | split("\t") |
	{case: .[0], tool: .[1], median_ms: (.[2]|tonumber), min_ms: (.[3]|tonumber),
	 max_ms: (.[4]|tonumber), peak_mb: (.[5]|tonumber)})' "$W/results.tsv" > "$OUT/bench.json"
cat "$OUT/bench.md"
