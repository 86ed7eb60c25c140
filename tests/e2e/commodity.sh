#!/bin/sh
# End-to-end tests of a second commodity: tests/data/lithium.json (real,
# cited USGS MCS 2025 and IEA figures) with its own templates, in English
# and Chinese, through the bundled chart presets and through chart specs
# of its own (--spec).  No output may speak of rare earths; units, scales,
# highlighted and stage entities must be the dataset's.
# Usage: sh tests/e2e/commodity.sh ./regen   (from the repository root)
set -u
. tests/lib.sh
setup commodity "$@"
D=tests/data/lithium.json
export SOURCE_DATE_EPOCH=1735689600

text_of() { pdftotext -layout "$1" - 2>/dev/null; }
has() {		# FILE TEXT...: the file (a PDF's text, else as is) has each
	f=$1; shift
	case $f in *.pdf) text_of "$f" > "$T/t" ;; *) cp "$f" "$T/t" ;; esac
	for s in "$@"; do
		grep -qF -- "$s" "$T/t" && ok || bad "$f lacks '$s'"
	done
}
hasnt() {	# FILE TEXT...
	f=$1; shift
	case $f in *.pdf) text_of "$f" > "$T/t" ;; *) cp "$f" "$T/t" ;; esac
	for s in "$@"; do
		grep -qF -- "$s" "$T/t" && bad "$f says '$s'" || ok
	done
}

# --- every chart and both briefings render, and are sound PDFs ---
expect_exit 0 "" "$REGEN" check --data $D --template tests/templates/lithium.xml
expect_exit 0 "" "$REGEN" charts --data $D --out "$T/o" --format svg,pdf,png,scene
expect_exit 0 "" "$REGEN" charts --data $D --out "$T/o" --lang zh --format svg,pdf,scene
for t in lithium lithium.zh; do
	expect_exit 0 "" "$REGEN" report --data $D --template tests/templates/$t.xml --out "$T/o"
	qpdf --check "$T/o/$t.pdf" >/dev/null 2>&1 && ok || bad "qpdf --check $t.pdf"
done
n=$(ls "$T/o/charts/"*.pdf | wc -l)
[ "$n" -eq 10 ] && ok || bad "expected 10 chart PDFs (5 presets x 2 languages), got $n"

# --- nothing speaks of another commodity ---
for f in "$T"/o/*.pdf "$T"/o/charts/*.pdf; do
	hasnt "$f" "Rare earth" "rare earth" "Rare-earth" "rare-earth" "REO" "稀土" \
		"quota" "配额"
done
for f in "$T"/o/charts/*.svg "$T"/o/charts/*.alt.txt; do
	hasnt "$f" "Rare earth" "rare earth" "Rare-earth" "rare-earth" "REO" "稀土"
done

# --- words, units and entities come from the dataset ---
has "$T/o/charts/reserves.pdf" "Lithium reserves by country, 2024" \
	"million tonnes of lithium content" "Australia: 23.3% of 30.0 Mt" "9.3 Mt"
has "$T/o/charts/reserves.zh.pdf" "各国锂储量" "万吨锂含量" "930万吨"
has "$T/o/charts/production.pdf" "Lithium mine production by country, 2024" \
	"tonnes of lithium content" "88,000 t (36.7%)" \
	"n/a (not available, not drawn as zero): United States." \
	"United States: withheld by USGS"
# the value chain: each stage labelled with its own holder, none is "China" by default
has "$T/o/charts/value-chain.pdf" "Mine production: Australia (2024)" \
	"China (2024)" "36.7%" "70%"
hasnt "$T/o/charts/value-chain.pdf" "China's share"
has "$T/o/lithium.pdf" "Held by" "Australia" "Reserves (Mt)"
# the highlight is the dataset's (Australia), in the accent colour
hl=$(awk '$1 == "rect" && $2 == "bar" && $7 == "#0072B2" { for (i = 1; i <= NF; i++) if ($i ~ /^key=/) print substr($i, 5) }' "$T/o/charts/reserves.scene.txt")
[ "$hl" = AU ] && ok || bad "reserves: highlighted bar is '$hl', want AU"

# --- one scale per column: a reserves table in Mt has Mt in its heading ---
text_of "$T/o/lithium.pdf" > "$T/li.txt"
grep -q 'Reserves (Mt)' "$T/li.txt" && grep -qE '^ *1 +Chile +9\.3 ' "$T/li.txt" && ok ||
	bad "lithium.pdf: reserves heading and cells do not share one scale"
# ...and the chart's axis ticks are in the unit of its title (Mt: 0-10)
awk '$1 == "text" && $2 == "tick-label" { gsub(/"/, "", $NF); if ($NF + 0 > 10) exit 1 }' \
	"$T/o/charts/reserves.scene.txt" && ok || bad "reserves ticks are not in Mt"

# --- chart specs: --spec FILE draws any chart the data allows ---
cat > "$T/spec.xml" <<'SPEC'
<charts>
  <chart id="brine" kind="ranked" series="reserves" top="3" sort="name"
         highlight="CL" rest="no" width="640" height="400">
    <title>Reserves, <value of="year"/>: the top <value of="top"/> by name</title>
    <note>Chile highlighted; no rest-of-world bar.</note>
  </chart>
  <chart id="one-year" kind="columns" series="reserves"/>
  <chart id="namibia" kind="ranked" series="reserves" highlight="NA"/>
  <chart id="in-kt" kind="ranked" series="mine-production" scale="kt"/>
</charts>
SPEC
expect_exit 0 "" "$REGEN" charts --data $D --spec "$T/spec.xml" --out "$T/s" --format svg,scene
has "$T/s/charts/brine.svg" ">Reserves, 2024: the top 3 by name</text>" \
	">Chile highlighted; no rest-of-world bar.</text>" 'width="640"'
keys=$(awk '$1 == "rect" && $2 == "bar" { for (i = 1; i <= NF; i++) if ($i ~ /^key=/) printf "%s ", substr($i, 5) }' "$T/s/charts/brine.scene.txt")
[ "$keys" = "AR AU CL " ] && ok || bad "brine: bars '$keys', want the top 3 by name without a rest bar"
# up to date: the same spec writes nothing; a changed spec is drawn again
expect_exit 0 "is up to date" "$REGEN" charts --data $D --spec "$T/spec.xml" --out "$T/s" --format svg,scene --progress
sed 's/top="3" sort="name"/top="2" sort="name"/' "$T/spec.xml" > "$T/spec2.xml" && mv "$T/spec2.xml" "$T/spec.xml"
expect_exit 0 "wrote $T/s/charts/brine.svg" "$REGEN" charts --data $D --spec "$T/spec.xml" --out "$T/s" --format svg,scene --progress
sed 's/top="2" sort="name"/top="3" sort="name"/' "$T/spec.xml" > "$T/spec2.xml" && mv "$T/spec2.xml" "$T/spec.xml"
expect_exit 0 "wrote $T/s/charts/brine.svg" "$REGEN" charts --data $D --spec "$T/spec.xml" --out "$T/s" --format svg,scene --progress
# one year: no "2024-2024", no change statement
has "$T/s/charts/one-year.svg" "2024 (million tonnes of lithium content)"
hasnt "$T/s/charts/one-year.svg" "2024–2024" "rose about" "fell about"
# a highlight without a figure is said, not silently moved
has "$T/s/charts/namibia.svg" "Namibia (highlighted) has no figure for 2024."
expect_exit 0 "" "$REGEN" charts --data $D --spec "$T/spec.xml" --chart one-year --out "$T/s1" --format svg
[ "$(ls "$T/s1/charts")" = one-year.svg ] && ok || bad "--spec with --chart: $(ls "$T/s1/charts")"

# a scale the spec names: axis, labels and title in kt
has "$T/s/charts/in-kt.svg" ">88.0 kt</text>" "thousand tonnes of lithium content"
hasnt "$T/s/charts/in-kt.svg" ">88,000 t</text>"

# --- errors name the file and line ---
printf '<charts>\n<chart id="x" kind="ranked" series="reserves" scale="Gt"/>\n</charts>\n' > "$T/bad-scale.xml"
expect_exit 65 'bad-scale.xml:2: chart "x": the unit "t_li" of series "reserves" has no scale "Gt"' \
	"$REGEN" charts --data $D --spec "$T/bad-scale.xml" --out "$T/x"
expect_exit 64 'unknown chart "reserves"; expected one of brine, one-year, namibia, in-kt' \
	"$REGEN" charts --data $D --spec "$T/spec.xml" --chart reserves --out "$T/x"
printf '<charts>\n<chart id="x" kind="pie"/>\n</charts>\n' > "$T/bad-kind.xml"
expect_exit 65 'bad-kind.xml:2: <chart kind="pie">: expected ranked, columns, grouped or stacked' \
	"$REGEN" charts --data $D --spec "$T/bad-kind.xml" --out "$T/x"
printf '<charts>\n<chart id="x" kind="ranked">\n<title><value of="weather"/></title></chart>\n</charts>\n' > "$T/bad-value.xml"
expect_exit 65 'bad-value.xml:3: <value of="weather">: expected one of the chart' \
	"$REGEN" charts --data $D --spec "$T/bad-value.xml" --out "$T/x"
printf '<charts>\n<chart id="x" kind="ranked" series="prices"/>\n</charts>\n' > "$T/bad-series.xml"
expect_exit 65 'bad-series.xml:2: <chart series="prices">: the dataset has no such series' \
	"$REGEN" charts --data $D --spec "$T/bad-series.xml" --out "$T/x"
# a chart type checked against its series' measure, at the template's line
sed 's|<chart type="reserves" top="6" height="225"/>|<chart type="reserves" series="mine-production"/>|' \
	tests/templates/lithium.xml > "$T/measure.xml"
line=$(grep -n 'series="mine-production"/>' "$T/measure.xml" | cut -d: -f1)
expect_exit 65 "measure.xml:$line: chart \"reserves\" shows the measure \"reserves\", but series \"mine-production\" has the measure \"mine_production\"" \
	"$REGEN" check --data $D --template "$T/measure.xml"
printf '<charts>\n<chart id="g" kind="grouped" series="mine-production" year="2023" from="2024"/>\n</charts>\n' > "$T/bad-from.xml"
expect_exit 65 'bad-from.xml:2: chart "g": from="2024" is not before the year shown, 2023' \
	"$REGEN" charts --data $D --spec "$T/bad-from.xml" --out "$T/x"
printf '<charts>\n<chart id="r" kind="ranked" series="mine-production" year="2022"/>\n</charts>\n' > "$T/no-year.xml"
expect_exit 65 'no-year.xml:2: chart "r": series "mine-production" has no country values for 2022' \
	"$REGEN" charts --data $D --spec "$T/no-year.xml" --out "$T/x"
sed 's|<chart type="reserves" top="6" height="225"/>|<chart type="reserves" kind="ranked"/>|' \
	tests/templates/lithium.xml > "$T/both.xml"
expect_exit 65 '<chart> has both type (a preset) and kind (a chart of its own)' \
	"$REGEN" check --data $D --template "$T/both.xml"
[ ! -e "$T/x" ] && ok || bad "a refused spec left $T/x behind"

# --- a dataset need not have every measure the presets name ---
sed 's/"measure": "reserves"/"measure": "resources"/' $D > "$T/no-reserves.json"
expect_exit 0 "" "$REGEN" check --data "$T/no-reserves.json"
expect_exit 0 "" "$REGEN" charts --data "$T/no-reserves.json" --chart production --out "$T/nr" --format svg
expect_exit 65 'charts.xml:13: chart "reserves": the dataset has no series of measure "reserves"' \
	"$REGEN" charts --data "$T/no-reserves.json" --out "$T/nr2" --format svg
[ ! -e "$T/nr2" ] && ok || bad "a refused run left $T/nr2 behind"

finish
