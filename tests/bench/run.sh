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
# Every tool writes its files to a RAM file system when there is one:
# on ext4, creating files right after deleting thousands (each run starts
# from an empty folder) costs each new inode a scan of the recently
# deleted ones, a cost that grows with the number of files and swamps the
# tools' own work (seen: 1.2-1.6 s of a 1,000-chart build, in the
# kernel's find_inode_bit).  BENCH_OUT=DIR puts them elsewhere.
if [ -z "${BENCH_OUT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	O=/dev/shm/regen-bench.$$
else
	O=${BENCH_OUT:-$W/o}
fi
mkdir -p "$O"
trap 'rm -rf /dev/shm/regen-bench.$$' EXIT

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
	o=$O/$case_-$tool
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

# PNG: regen writes ID.png and ID@2x.png, so the floor writes both too
for f in svg pdf png; do
	bench "chart-$f" regen "$R charts --data $ROOT/data/rare_earths.json --chart reserves --format $f --out @O@"
	bench "chart-$f" floor "$W/floor $([ $f = png ] && echo png2 || echo $f) 1 @O@ reserves.json"
done
# a Chinese chart PDF: Cairo 1.16 subsets the whole CFF table of each
# Noto Sans CJK face it embeds; the floor shows what that costs any program
bench chart-pdf-zh regen "$R charts --data $ROOT/data/rare_earths.json --chart reserves --lang zh --format pdf --out @O@"
bench chart-pdf-zh floor "$W/floor pdf-zh 1 @O@ reserves.json"
for f in svg pdf; do
	bench "chart-$f" gnuplot "gnuplot -e \"fmt='$f'; n=1; outdir='@O@'\" gnuplot/chart.gp"
	bench "chart-$f" matplotlib "/usr/bin/python3 mpl/chart_mpl.py $f 1 @O@"
	bench "chart-$f" typst "node typst/chart_typst.js $f 1 @O@"
done
bench chart-svg vega-lite "node vega/chart_vega.mjs svg 1 @O@"
# PNG: of the peers' scripts only matplotlib's writes one (a single file
# at 100 dpi, where regen writes 1x and @2x)
bench chart-png matplotlib "/usr/bin/python3 mpl/chart_mpl.py png 1 @O@"
# the full default run: both briefings (PDF + SVG pages), every chart in
# two languages and three formats
bench briefing regen "$R --data $ROOT/data/rare_earths.json --out @O@"
bench briefing regen-j1 "$R --data $ROOT/data/rare_earths.json --out @O@ -j 1"
bench briefing regen-one-pdf "$R report --data $ROOT/data/rare_earths.json --template $ROOT/templates/briefing.xml --format pdf --out @O@"
bench briefing regen-one-html "$R report --data $ROOT/data/rare_earths.json --template $ROOT/templates/briefing.xml --format html --out @O@"
bench briefing typst "node typst/briefing_typst.js @O@/briefing.pdf"
bench briefing matplotlib "/usr/bin/python3 mpl/briefing_mpl.py @O@/briefing.pdf"
# a second run over unchanged outputs: nothing is rewritten
mkdir -p "$O/second"
"$R" --data "$ROOT/data/rare_earths.json" --out "$O/second" >/dev/null 2>&1
hyperfine --warmup 1 --runs "$RUNS" --style none --export-json "$W/hf.json" \
	"$R --data $ROOT/data/rare_earths.json --out $O/second" >/dev/null 2>&1
mem=$( (/usr/bin/time -f '%M' "$R" --data "$ROOT/data/rare_earths.json" --out "$O/second" 2>"$W/time.err"); tail -1 "$W/time.err")
jq -r --arg m "$mem" '.results[0] | ["second-run", "regen", (.median*1000), (.min*1000), (.max*1000), ($m|tonumber/1024)] | @tsv' \
	"$W/hf.json" >> "$W/results.tsv"

# a batch of BATCH charts in one process: regen build over BATCH small
# datasets (chart k scales every value by 1 + k/100, as the peers do; in
# Mt, as the peers write them),
# against gnuplot and Typst doing the same in a loop of their own
BATCH=${BENCH_BATCH:-1000}
mkdir -p "$W/batch/data"
awk -v n="$BATCH" -v dir="$W/batch/data" -v out="$O/batch-regen" '
BEGIN {
	split("CN BR IN AU RU VN US GL TZ ZA CA", id, " ")
	split("China Brazil India Australia Russia Vietnam United_States Greenland Tanzania South_Africa Canada", nm, " ")
	split("44000000 21000000 6900000 5700000 3800000 3500000 1900000 1500000 890000 860000 830000", v, " ")
	for (k = 0; k < n; k++) {
		f = sprintf("%s/d%04d.json", dir, k)
		printf "{\"format\":\"regen-dataset/1\",\"title\":\"t\",\"title_zh\":\"t\",\"as_of\":\"2025-01-01\",\"highlight\":\"CN\",\"units\":[{\"id\":\"t\",\"name\":\"t\",\"name_zh\":\"t\",\"symbol\":\"t\",\"kind\":\"mass\",\"scales\":[{\"id\":\"Mt\",\"from\":1000000,\"factor\":1000000,\"factor_zh\":10000,\"symbol\":\"Mt\",\"symbol_zh\":\"万吨\",\"name\":\"million tonnes\",\"name_zh\":\"万吨\"}]}],\"sources\":[{\"id\":\"s\",\"kind\":\"primary\",\"title\":\"Mineral Commodity Summaries 2025\",\"publisher\":\"USGS\",\"date\":\"2025\",\"lang\":\"en\"}],\"entities\":[" > f
		for (i = 1; i <= 11; i++) { gsub("_", " ", nm[i]); printf "%s{\"id\":\"%s\",\"name\":\"%s\",\"name_zh\":\"%s\",\"kind\":\"country\"}", (i > 1 ? "," : ""), id[i], nm[i], nm[i] > f }
		printf "],\"elements\":[],\"series\":[{\"id\":\"r\",\"measure\":\"reserves\",\"title\":\"r\",\"title_zh\":\"r\",\"unit\":\"t\",\"source\":\"s\",\"observations\":[" > f
		for (i = 1; i <= 11; i++) printf "%s{\"entity\":\"%s\",\"year\":2024,\"value\":%d}", (i > 1 ? "," : ""), id[i], v[i] * (1 + k / 100) > f
		printf "],\"totals\":[]},{\"id\":\"p\",\"measure\":\"mine_production\",\"title\":\"p\",\"title_zh\":\"p\",\"unit\":\"t\",\"source\":\"s\",\"observations\":[{\"entity\":\"CN\",\"year\":2024,\"value\":1}],\"totals\":[]}],\"value_chain\":[],\"export_controls\":[],\"claims\":[]}\n" > f
		close(f)
		printf "charts data=%s out=%s chart=reserves name=chart-%04d formats=FMT\n", f, out, k
	}
}' > "$W/batch/manifest.tmpl"
for f in svg pdf; do
	sed "s/FMT/$f/" "$W/batch/manifest.tmpl" > "$W/batch/$f.manifest"
	bench "batch$BATCH-$f" regen "rm -rf $O/batch-regen && $R build $W/batch/$f.manifest"
	bench "batch$BATCH-$f" gnuplot "gnuplot -e \"fmt='$f'; n=$BATCH; outdir='@O@'\" gnuplot/chart.gp"
	bench "batch$BATCH-$f" typst "node typst/chart_typst.js $f $BATCH @O@"
done

# growth: datasets of 10 to 10,000 entities (all charts), templates of
# about 10 to 1,000 pages; time and peak memory should grow no faster
# than the input
: > "$W/scale.tsv"
for n in 10 100 1000 10000; do
	awk -v n="$n" 'BEGIN {
		printf "{\"format\":\"regen-dataset/1\",\"title\":\"t\",\"title_zh\":\"t\",\"as_of\":\"2025-01-01\",\"highlight\":\"E0\",\"units\":[{\"id\":\"t\",\"name\":\"t\",\"name_zh\":\"t\",\"symbol\":\"t\",\"kind\":\"mass\"},{\"id\":\"p\",\"name\":\"p\",\"name_zh\":\"p\",\"symbol\":\"%%\",\"kind\":\"percent\"}],\"sources\":[{\"id\":\"s\",\"kind\":\"primary\",\"title\":\"T\",\"publisher\":\"P\",\"date\":\"2025\",\"lang\":\"en\"}],\"entities\":[";
		for (i = 0; i < n; i++) printf "%s{\"id\":\"E%d\",\"name\":\"Country %d\",\"name_zh\":\"国家%d\",\"kind\":\"country\"}", (i ? "," : ""), i, i, i;
		printf "],\"elements\":[],\"series\":[";
		for (s = 0; s < 2; s++) {
			printf "%s{\"id\":\"s%d\",\"measure\":\"%s\",\"title\":\"x\",\"title_zh\":\"x\",\"unit\":\"t\",\"source\":\"s\",\"observations\":[", (s ? "," : ""), s, (s ? "mine_production" : "reserves");
			for (y = 2023; y <= 2024; y++) for (i = 0; i < n; i++) printf "%s{\"entity\":\"E%d\",\"year\":%d,\"value\":%d}", (i || y > 2023 ? "," : ""), i, y, (i * 7919) % 100000 + 1;
			printf "],\"totals\":[{\"year\":2024,\"value\":10000000000,\"qualifier\":\"exact\",\"rounding\":0},{\"year\":2023,\"value\":10000000000,\"qualifier\":\"exact\",\"rounding\":0}]}";
		}
		printf "],\"value_chain\":[{\"id\":\"v\",\"stage\":\"mining\",\"name\":\"Mining\",\"name_zh\":\"x\",\"entity\":\"E0\",\"share\":60,\"unit\":\"p\",\"year\":2024,\"source\":\"s\",\"note\":\"n\"}],\"export_controls\":[],\"claims\":[]}\n";
	}' > "$W/scale-$n.json"
	rm -rf "$O/scale"
	t=$( { /usr/bin/time -f '%e %M' "$R" charts --data "$W/scale-$n.json" --out "$O/scale" >/dev/null; } 2>&1 | tail -1)
	printf 'entities\t%s\t%s\n' "$n" "$t" >> "$W/scale.tsv"
done
for pages in 10 100 1000; do
	secs=$((pages * 5 / 3))	# a section is about 0.6 page
	{ echo '<report lang="en"><meta><title>Scale</title></meta>'
	  awk -v n="$secs" 'BEGIN { for (i = 0; i < n; i++) {
		printf "<section id=\"s%d\" title=\"Section %d\"><p>", i, i
		for (w = 0; w < 20; w++) printf "Rare earths are mined, separated and made into magnets. "
		printf "</p><table type=\"reserves\" top=\"5\"/></section>\n" } }'
	  echo '</report>'; } > "$W/scale-$pages.xml"
	rm -rf "$O/scale"
	t=$( { /usr/bin/time -f '%e %M' "$R" report --template "$W/scale-$pages.xml" --format pdf --out "$O/scale" >/dev/null; } 2>&1 | tail -1)
	got=$(pdfinfo "$O/scale/scale-$pages.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	printf 'pages\t%s (%s made)\t%s\n' "$pages" "${got:-?}" "$t" >> "$W/scale.tsv"
done

# the table: median, min-max, peak memory, and regen's ratio to each peer
awk -F'\t' '
	{ c[NR] = $1; t[NR] = $2; med[NR] = $3; lo[NR] = $4; hi[NR] = $5; mem[NR] = $6
	  # the briefing peers make one PDF: also compared with one PDF of regen
	  if ($2 == "regen" && !($1 in rg)) rg[$1] = $3
	  if ($2 == "regen-one-pdf") one[$1] = $3 }
	END {
		print "| case | tool | median ms | min-max ms | peak MB | regen / tool | one PDF / tool |"
		print "|---|---|---:|---:|---:|---:|---:|"
		for (i = 1; i <= NR; i++) {
			r = (c[i] in rg && t[i] !~ /^regen/) ? sprintf("%.2f", rg[c[i]] / med[i]) : ""
			o = (c[i] in one && t[i] !~ /^regen/) ? sprintf("%.2f", one[c[i]] / med[i]) : ""
			printf "| %s | %s | %.1f | %.1f-%.1f | %.1f | %s | %s |\n", c[i], t[i], med[i], lo[i], hi[i], mem[i], r, o
		}
	}' "$W/results.tsv" > "$OUT/bench.md.tmp"
{ printf 'Measured %s on %s cores; the tools wrote their files under %s.\n\n' \
	"$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$O"
  cat "$OUT/bench.md.tmp"; } > "$OUT/bench.md"
rm -f "$OUT/bench.md.tmp"
# marginal cost of a chart in a batch: (batch - one chart) / (BATCH - 1)
{
	echo
	echo "| batch of $BATCH | tool | marginal ms per chart |"
	echo "|---|---|---:|"
	awk -F'\t' -v n="$BATCH" '
		{ med[$1 "/" $2] = $3 }
		END {
			split("svg pdf", f, " ")
			split("regen gnuplot typst", t, " ")
			for (i = 1; i <= 2; i++) for (j = 1; j <= 3; j++) {
				b = "batch" n "-" f[i] "/" t[j]; s = "chart-" f[i] "/" t[j]
				if ((b in med) && (s in med))
					printf "| %s | %s | %.2f |\n", f[i], t[j], (med[b] - med[s]) / (n - 1)
			}
		}' "$W/results.tsv"
} >> "$OUT/bench.md"
jq -R -s 'split("\n") | map(select(length > 0) | split("\t") |
	{case: .[0], tool: .[1], median_ms: (.[2]|tonumber), min_ms: (.[3]|tonumber),
	 max_ms: (.[4]|tonumber), peak_mb: (.[5]|tonumber)})' "$W/results.tsv" > "$OUT/bench.json"
{
	echo
	echo "| growth | size | seconds | peak MB |"
	echo "|---|---|---:|---:|"
	awk -F'\t' '{ split($3, a, " "); printf "| %s | %s | %s | %.1f |\n", $1, $2, a[1], a[2] / 1024 }' "$W/scale.tsv"
} >> "$OUT/bench.md"
cat "$OUT/bench.md"
