#!/bin/sh
# End-to-end tests: run the regen binary and check its outputs with real
# third-party readers (qpdf, poppler's pdfinfo/pdftotext/pdffonts,
# rsvg-convert, pngcheck).  Usage: sh tests/e2e/run.sh ./regen   (from the repo root)
set -u
. tests/lib.sh
setup e2e "$@"
CHARTS="reserves production value-chain production-change world-production"

check() {	# check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@" >/dev/null 2>&1; then ok; else bad "$d"; fi
}
# has_text FILE.pdf TEXT...: pdftotext finds every TEXT
has_text() {
	f=$1; shift
	pdftotext -layout "$f" "$T/text.txt" 2>/dev/null || { bad "pdftotext $f"; return; }
	for s in "$@"; do
		if grep -qF -- "$s" "$T/text.txt"; then ok; else bad "$f lacks '$s'"; fi
	done
}
# in_order FILE.pdf LINE...: each LINE is a whole line of the text, and
# they come in this order
in_order() {
	f=$1; shift
	pdftotext "$f" "$T/order.txt" 2>/dev/null || { bad "pdftotext $f"; return; }
	prev=0
	for h in "$@"; do
		line=$(grep -nx -- "$h" "$T/order.txt" | head -1 | cut -d: -f1)
		if [ -n "$line" ] && [ "$line" -gt "$prev" ]; then ok; prev=$line
		else bad "$f: '$h' missing or out of order"; fi
	done
}
# trailer_ref FILE.pdf KEY: the object number the trailer gives for /KEY
trailer_ref() {
	qpdf --show-object=trailer "$1" 2>/dev/null | sed -n "s/.*\/$2 \([0-9]*\) 0 R.*/\1/p"
}
# pdf_tagged FILE.pdf LANG [TAG...]: what regen's tagging patch adds to
# Cairo's PDF (gen/render_pdf.c), read back with qpdf, pdfinfo and
# pdffonts: no damage, the catalog's /Lang, dates with their D:, every font
# embedded and none Type 3, one /Alt for each Figure; and, with TAGs (a
# report), a tagged PDF (/MarkInfo) with an element of each TAG.  Used for
# the default run's PDFs and for those a build manifest writes.
pdf_tagged() {
	f=$1; lang=$2; shift 2; n=${f#"$T"/}
	check "qpdf --check $n" qpdf --check "$f"
	root=$(trailer_ref "$f" Root); info=$(trailer_ref "$f" Info)
	qpdf --show-object="${root:-0}" "$f" > "$T/catalog" 2>&1
	grep -qF "/Lang ($lang)" "$T/catalog" && ok || bad "$n lacks /Lang ($lang)"
	qpdf --show-object="${info:-0}" "$f" > "$T/infodict" 2>&1
	grep -q '/CreationDate (D:2025[0-9]*Z) .*/ModDate (D:2025' "$T/infodict" && ok || bad "$n dates lack D:"
	pdffonts "$f" > "$T/fonts" 2>&1
	if awk 'NR > 2 && ($0 ~ /Type 3/ || $(NF-4) != "yes") { exit 1 }' "$T/fonts"; then
		ok; else bad "$n has a Type 3 or unembedded font"; fi
	qpdf --json=1 --json-key=objects "$f" > "$T/objs.json" 2>/dev/null
	nfig=$(grep -o '"/S": "/Figure"' "$T/objs.json" | wc -l)
	nalt=$(grep -o '"/Alt": "' "$T/objs.json" | wc -l)
	[ "$nfig" = "$nalt" ] && ok || bad "$n: $nalt alt texts for $nfig figures"
	[ $# -eq 0 ] && return
	grep -qF '/MarkInfo << /Marked true >>' "$T/catalog" && ok || bad "$n lacks /MarkInfo"
	pdfinfo "$f" 2>/dev/null | grep -q '^Tagged: *yes' && ok || bad "$n is not tagged"
	for tag in "$@"; do
		grep -qF "\"/S\": \"/$tag\"" "$T/objs.json" && ok || bad "$n has no $tag element"
	done
}
png_size() {	# width x height from the IHDR chunk
	od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $3*256+$4, $7*256+$8 }'
}
png_ppm() {	# pixels per metre from a pHYs chunk right after IHDR
	[ "$(dd if="$1" bs=1 skip=37 count=4 2>/dev/null)" = pHYs ] || return
	od -An -tu1 -j41 -N4 "$1" | awk '{ print (($1*256+$2)*256+$3)*256+$4 }'
}

export SOURCE_DATE_EPOCH=1735689600	# 2025-01-01T00:00:00Z

# --- command line ---
expect_exit 0 "" "$REGEN" --version
grep -q '^regen [0-9]' "$T/stdout" && ok || bad "--version on stdout"
expect_exit 0 "" "$REGEN" --help
grep -q 'regen charts' "$T/stdout" && ok || bad "--help on stdout"
expect_exit 64 "unknown format" "$REGEN" charts --format gif
expect_exit 64 "unknown chart" "$REGEN" charts --chart pie
expect_exit 64 "unknown language" "$REGEN" charts --lang fr
expect_exit 64 "unknown command" "$REGEN" draw
expect_exit 64 "usage:" "$REGEN" charts --no-such-option
expect_exit 0 "" "$REGEN" check
expect_exit 66 "cannot read dataset" "$REGEN" check --data "$T/missing.json"

# --- all charts in all formats ---
expect_exit 0 "" "$REGEN" charts --out "$T/a"
for c in $CHARTS; do
	for ext in svg pdf png @2x.png; do
		case $ext in @*) f=$T/a/charts/$c$ext ;; *) f=$T/a/charts/$c.$ext ;; esac
		[ -s "$f" ] && ok || bad "missing $f"
	done
	check "qpdf --check $c.pdf" qpdf --check "$T/a/charts/$c.pdf"
	pdfinfo "$T/a/charts/$c.pdf" > "$T/info" 2>&1
	grep -q 'Page size: *800 x 500 pts' "$T/info" && ok || bad "$c.pdf page size"
	grep -q '^Title: .*[a-z]' "$T/info" && ok || bad "$c.pdf has no title"
	grep -q '^CreationDate:.*2025' "$T/info" && ok || bad "$c.pdf date from SOURCE_DATE_EPOCH"
	pdffonts "$T/a/charts/$c.pdf" > "$T/fonts" 2>&1
	if awk 'NR > 2 && ($0 ~ /Type 3/ || $(NF-4) != "yes") { exit 1 }' "$T/fonts"; then
		ok; else bad "$c.pdf has a Type 3 or unembedded font"; cat "$T/fonts"; fi
	check "rsvg-convert $c.svg" rsvg-convert -o "$T/$c-svg.png" "$T/a/charts/$c.svg"
	[ "$(png_size "$T/$c-svg.png")" = 800x500 ] && ok || bad "$c.svg renders at $(png_size "$T/$c-svg.png")"
	check "pngcheck $c.png" pngcheck -q "$T/a/charts/$c.png"
	check "pngcheck $c@2x.png" pngcheck -q "$T/a/charts/$c@2x.png"
	[ "$(png_size "$T/a/charts/$c.png")" = 800x500 ] && ok || bad "$c.png size"
	[ "$(png_size "$T/a/charts/$c@2x.png")" = 1600x1000 ] && ok || bad "$c@2x.png size"
	# 72 and 144 per inch: slides place the @2x at the 1x size
	[ "$(png_ppm "$T/a/charts/$c.png")" = 2835 ] && [ "$(png_ppm "$T/a/charts/$c@2x.png")" = 5669 ] && ok || bad "$c PNG density"
done

# --- the text in each PDF: title, names, value labels ---
has_text "$T/a/charts/reserves.pdf" "Rare-earth reserves by country" \
	"million tonnes" "China" "Brazil" "Australia" "Rest of world" "44.0 Mt" \
	"11.0 Mt" "6.3 Mt" "Source: U.S. Geological Survey"
has_text "$T/a/charts/production.pdf" "mine production by country, 2025" \
	"United States" "Burma (Myanmar)" "270,000 t (69.2%)" "51,000 t (13.1%)" \
	"100,000"
has_text "$T/a/charts/value-chain.pdf" "China's share" "Separation and refining" \
	"69.2%" "91%" "94%" "Rest of world"
has_text "$T/a/charts/production-change.pdf" "2024" "2025" "45,500 t" \
	"270,000 t" "29,000 t" "China"
has_text "$T/a/charts/world-production.pdf" "World rare-earth mine production" \
	"2020" "240,000 t" "390,000 t" "Mine production rose about 63%"

# --- bar lengths in the scene dump are proportional to the values ---
expect_exit 0 "" "$REGEN" charts --out "$T/s" --format scene
if awk '$1 == "rect" && $2 == "bar" {
		for (i = 1; i <= NF; i++) if ($i == "value=") v = $(i+1)
		if (v > 0) { if (k0 == 0) k0 = $5 / v
			d = $5 - k0 * v; if (d > 0.02 || d < -0.02) exit 1; n++ } }
	END { exit n < 9 }' "$T/s/charts/reserves.scene.txt"; then ok
else bad "reserves scene: bar widths not proportional to values"; fi
grep -q '^text value-label .*"44.0 Mt"' "$T/s/charts/reserves.scene.txt" && ok || bad "scene value label"

# --- SVG for slides: editable text, accessible, ids unique per chart ---
for c in $CHARTS; do
	f=$T/a/charts/$c.svg
	grep -q '<symbol' "$f" && bad "$c.svg has glyph outlines" || ok
	grep -q "<title id=\"$c-title\">" "$f" && grep -q "<desc id=\"$c-desc\">" "$f" && ok || bad "$c.svg lacks title/desc"
	grep -q 'role="img"' "$f" && ok || bad "$c.svg lacks role=img"
	[ -s "$T/a/charts/$c.alt.txt" ] && ok || bad "$c.alt.txt missing"
done
grep -q '>44.0 Mt</text>' "$T/a/charts/reserves.svg" && ok || bad "reserves.svg: value label not a <text>"
grep -q '>China</text>' "$T/a/charts/reserves.svg" && ok || bad "reserves.svg: country not a <text>"
expect_exit 0 "" "$REGEN" charts --out "$T/o" --chart reserves --format svg --svg-text outline
grep -q '<symbol' "$T/o/charts/reserves.svg" && ok || bad "--svg-text outline did not write outlines"
expect_exit 0 "" "$REGEN" report --template templates/briefing.xml --out "$T/o" --format svg --svg-text outline
grep -q '<symbol' "$T/o/briefing-1.svg" && ok || bad "--svg-text outline did not write page outlines"
expect_exit 64 "--svg-text" "$REGEN" charts --svg-text fancy

# --- themes from templates/themes/ ---
expect_exit 0 "" "$REGEN" charts --out "$T/dark" --theme dark --format svg
grep -q '<rect x="0" y="0" width="800" height="500" fill="#1B1F24"/>' "$T/dark/charts/reserves.svg" && ok || bad "dark theme background"
expect_exit 0 "" "$REGEN" charts --out "$T/grey" --theme greyscale --format svg
if grep -ho 'fill="#[0-9A-F]*"' "$T/grey/charts/"*.svg | sort -u |
	awk -F'#' '{ c = substr($2, 1, 6); if (substr(c,1,2) != substr(c,3,2) || substr(c,3,2) != substr(c,5,2)) exit 1 }'; then
	ok; else bad "greyscale theme has a colour"; fi
printf 'background = #FFFFFF\nink = black\n' > "$T/bad.theme"
expect_exit 65 "bad.theme:2: ink: expected a colour #RRGGBB, got \"black\"" "$REGEN" charts --theme "$T/bad.theme" --out "$T/never2"
expect_exit 66 "cannot read theme" "$REGEN" charts --theme nosuch --out "$T/never2"

# --- Chinese ---
expect_exit 0 "" "$REGEN" charts --out "$T/a" --lang zh --format pdf,svg
has_text "$T/a/charts/reserves.zh.pdf" "中国" "稀土" "4,400万吨" "巴西"
pdffonts "$T/a/charts/reserves.zh.pdf" | grep -q 'NotoSansCJKsc' && ok || bad "zh chart not in Noto Sans CJK SC"
# both CJK faces embedded as subsets (cut by HarfBuzz first, then by
# Cairo: gen/render_font.c), each with a ToUnicode map
pdffonts "$T/a/charts/reserves.zh.pdf" | awk '/NotoSansCJKsc-(Regular|Bold)/ &&
    $(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes" { n++ }
    END { exit n != 2 }' && ok || bad "zh chart: CJK faces not embedded as subsets with ToUnicode"
check "rsvg-convert reserves.zh.svg" rsvg-convert -o "$T/zh.png" "$T/a/charts/reserves.zh.svg"
grep -q 'xml:lang="zh-CN"' "$T/a/charts/reserves.zh.svg" && ok || bad "reserves.zh.svg: no xml:lang"
dups=$(cat "$T/a/charts/"*.svg | grep -o ' id="[^"]*"' | sort | uniq -d)
[ -z "$dups" ] && ok || bad "ids used by more than one chart: $dups"

# --- one chart, one format ---
expect_exit 0 "" "$REGEN" charts --out "$T/one" --chart reserves --format svg
[ "$(ls "$T/one/charts")" = reserves.svg ] && ok || bad "--chart/--format wrote $(ls "$T/one/charts")"

# --- determinism: byte-identical, and unchanged files are not rewritten ---
expect_exit 0 "" "$REGEN" charts --out "$T/b"
expect_exit 0 "" "$REGEN" charts --out "$T/b2"
if diff -r "$T/b" "$T/b2" >/dev/null; then ok; else bad "two runs differ"; fi
snapshot "$T/b" "$T/snap1"
sleep 1
expect_exit 0 "" "$REGEN" charts --out "$T/b"
snapshot "$T/b" "$T/snap2"
cmp -s "$T/snap1" "$T/snap2" && ok || bad "second run rewrote unchanged files"

# --- bad input: clear message, exit 65, nothing written or changed ---
sed 's/"value": 21000000/"value": "21 Mt"/' tests/data/mini.json > "$T/bad.json"
snapshot "$T/b" "$T/before"
expect_exit 65 "$T/bad.json:32:50: series[0].observations[1].value: expected a non-negative number, got string \"21 Mt\"" \
	"$REGEN" charts --data "$T/bad.json" --out "$T/b"
snapshot "$T/b" "$T/after"
cmp -s "$T/before" "$T/after" && ok || bad "bad data changed earlier outputs"
expect_exit 65 "" "$REGEN" charts --data "$T/bad.json" --out "$T/never"
[ ! -e "$T/never" ] && ok || bad "bad data created the output folder"
printf '{"format": "regen-dataset/1",\n  "title": tru\n}\n' > "$T/syntax.json"
expect_exit 65 "$T/syntax.json:2:12: JSON syntax: expected a JSON value" \
	"$REGEN" check --data "$T/syntax.json"
expect_exit 66 "cannot read dataset" "$REGEN" charts --data "$T"

# --- output that cannot be written ---
: > "$T/afile"
expect_exit 73 "not a folder" "$REGEN" charts --out "$T/afile"
mkdir -p "$T/c/charts/reserves.svg"
expect_exit 73 "is a folder" "$REGEN" charts --out "$T/c" --format svg
mkdir -p "$T/ro"; chmod 555 "$T/ro"
expect_exit 73 "Permission denied" unprivileged charts --out "$T/ro"
ls "$T/c/charts" | grep -q '\.tmp-' && bad "temporary left behind" || ok

# --- briefings: bare regen renders both, and every chart ---
expect_exit 0 "" "$REGEN" --out "$T/full"
for b in briefing briefing.zh; do
	f=$T/full/$b.pdf
	check "qpdf --check $b.pdf" qpdf --check "$f"
	pdfinfo "$f" > "$T/info" 2>&1
	pages=$(awk '/^Pages:/ { print $2 }' "$T/info")
	[ "${pages:-0}" -ge 6 ] && [ "${pages:-0}" -le 16 ] && ok || bad "$b.pdf has ${pages:-?} pages, want 6-16"
	for k in Title Author Subject Keywords; do
		grep -q "^$k: *[^ ]" "$T/info" && ok || bad "$b.pdf lacks $k"
	done
	grep -q '^CreationDate:.*2025' "$T/info" && ok || bad "$b.pdf date"
	n=$(ls "$T/full" | grep -c "^$b-[0-9]*\.svg$")
	[ "$n" = "$pages" ] && ok || bad "$b: $n SVG pages for $pages PDF pages"
	for svg in "$T/full/$b"-*.svg; do
		rsvg-convert -o "$T/page.png" "$svg" 2>/dev/null && ok || bad "rsvg-convert $svg"
		case $(png_size "$T/page.png") in	# A4: 595.28 x 841.89 pt
		59[56]x842) ok ;; *) bad "$svg renders at $(png_size "$T/page.png"), not A4" ;; esac
	done
	# pages are searchable text, not glyph outlines: the PDF's first
	# heading is in page 1's SVG, each source's address is a link
	grep -q '<symbol' "$T/full/$b-1.svg" && bad "$b-1.svg has glyph outlines" || ok
	h1=$(pdftotext -f 1 -l 1 "$f" - | head -1)
	grep -qF ">$h1" "$T/full/$b-1.svg" && ok || bad "$b-1.svg lacks its first line '$h1'"
	# (the page of the sources list that shows USGS's address)
	p=$(for i in $(seq "$pages"); do pdftotext -f "$i" -l "$i" "$f" - | grep -q 'https://pubs.usgs.gov/' && echo "$i"; done | tail -1)
	grep -qF '<a xlink:href="https://pubs.usgs.gov/' "$T/full/$b-${p:-0}.svg" && ok || bad "$b-${p:-?}.svg has no link to USGS"
	# bookmarks: one per section
	qpdf --json --json-key=outlines "$f" > "$T/outline.json" 2>/dev/null
	for s in $(grep -o '<section id="[^"]*" title="[^"]*"' "templates/$b.xml" | sed 's/.*title="\([^"]*\)"/\1/' | tr ' ' '_'); do
		t=$(echo "$s" | tr '_' ' ')
		grep -qF "\"title\": \"$t\"" "$T/outline.json" && ok || bad "$b.pdf outline lacks $t"
	done
	# tagged: structure, language, figures with alt text
	case $b in *zh) lang=zh-CN ;; *) lang=en ;; esac
	pdf_tagged "$f" "$lang" Figure H1 H2 P Table TR TD Link
	# every "[n]" jumps to source n in the list
	qpdf --qdf --object-streams=disable "$f" - 2>/dev/null | grep -aq '/Dest (src-1)' && ok || bad "$b.pdf: citations are not internal links"
	# source links are clickable
	qpdf --qdf --object-streams=disable "$f" - 2>/dev/null | grep -aq '/URI (https://pubs.usgs.gov/' && ok || bad "$b.pdf has no USGS link"
done
# every section heading, each on its own line and in reading order, and
# the key figures
in_order "$T/full/briefing.pdf" "Reserves" "Mine production" \
	"Processing and magnets" "Export controls" \
	"Press claims against the primary figures" "Sources"
has_text "$T/full/briefing.pdf" "48.4%" "69.2%" "91%" "390,000 t" "44.0 Mt" \
	"Page 1 of" "Rest of world"
in_order "$T/full/briefing.zh.pdf" "储量" "矿山产量" "加工与永磁体" "出口管制" \
	"媒体数据核查" "资料来源"
has_text "$T/full/briefing.zh.pdf" "稀土" "中国" "4,400万吨" "48.4%" "第1页"
pdffonts "$T/full/briefing.zh.pdf" | grep -q NotoSansCJKsc && ok || bad "Chinese briefing not in Noto Sans CJK SC"
for f in "$T/full/charts/"*.pdf; do
	case $f in *.zh.pdf) pdf_tagged "$f" zh-CN ;; *) pdf_tagged "$f" en ;; esac
done
[ -s "$T/full/charts/reserves.zh.svg" ] && [ -s "$T/full/charts/world-production.png" ] && ok || bad "bare regen did not write the charts"
for f in "$T/full/charts/"*.png; do
	check "pngcheck $f" pngcheck -q "$f"
done

# --- report and check with one template ---
expect_exit 0 "" "$REGEN" report --template tests/templates/one-page.xml --out "$T/one-page"
check "qpdf --check one-page.pdf" qpdf --check "$T/one-page/one-page.pdf"
pdfinfo "$T/one-page/one-page.pdf" | grep -q 'Page size: *612 x 792' && ok || bad "one-page.pdf is not Letter"
expect_exit 0 "" "$REGEN" report --template tests/templates/one-page.xml --out "$T/one-page-png" --format png
check "pngcheck one-page-1.png" pngcheck -q "$T/one-page-png/one-page-1.png"
[ "$(png_size "$T/one-page-png/one-page-1.png")" = 612x792 ] && [ "$(png_ppm "$T/one-page-png/one-page-1.png")" = 2835 ] && ok || bad "one-page-1.png is $(png_size "$T/one-page-png/one-page-1.png"), not Letter at 72 per inch"
expect_exit 0 "" "$REGEN" check --template templates/briefing.zh.xml
expect_exit 64 "report needs --template" "$REGEN" report
expect_exit 66 "cannot read template" "$REGEN" check --template "$T/none.xml"

# --- template errors: message at file:line, exit 65, nothing written ---
snapshot "$T/full" "$T/before"
for c in "syntax:4:28: XML syntax: Opening and ending tag mismatch" \
	"element:4: unknown element <piechart>" \
	"attribute:4: unknown attribute \"colour\" on <chart>" \
	"binding:4: <value series=\"exports\">: the dataset has no such series" \
	"nothing:4: chart \"production\"" \
	"xxe:2:1: <!DOCTYPE> is not allowed" \
	"bomb:2:1: <!DOCTYPE> is not allowed" \
	"pi:3: processing instruction"; do
	name=${c%%:*}; msg=${c#*:}
	expect_exit 65 "tests/bad/bad-$name.xml:$msg" "$REGEN" report --template "tests/bad/bad-$name.xml" --out "$T/full"
done
grep -rq "TOP SECRET" "$T/full" "$T/stderr" && bad "external entity content reached an output" || ok
snapshot "$T/full" "$T/after"
cmp -s "$T/before" "$T/after" && ok || bad "a bad template changed earlier outputs"

# --- briefings are deterministic and not rewritten when unchanged ---
expect_exit 0 "" "$REGEN" --out "$T/full2"
diff -r "$T/full" "$T/full2" >/dev/null && ok || bad "two full runs differ"
# in one process (-j 1) or split over two (the default on two cores):
# the same files, the same up-to-date record
expect_exit 0 "" "$REGEN" --out "$T/full-j1" -j 1
expect_exit 0 "" "$REGEN" --out "$T/full-j2" -j 2
if diff -r "$T/full-j1" "$T/full-j2" >/dev/null; then ok; else bad "-j 1 and -j 2 differ"; diff -r "$T/full-j1" "$T/full-j2" | head -5; fi
[ "$(ls "$T/full-j2" | wc -l)" = "$(ls "$T/full-j1" | wc -l)" ] && [ -s "$T/full-j2/briefing.zh.pdf" ] && [ -s "$T/full-j2/charts/reserves.zh@2x.png" ] && ok || bad "-j 2 lacks the Chinese half"
# a failure in either half leaves nothing behind
: > "$T/full-j2-file"
expect_exit 73 "not a folder" "$REGEN" --out "$T/full-j2-file/x" -j 2
[ ! -e "$T/full-j2-file/x" ] && ok || bad "a failed split run left files"
sleep 1
expect_exit 0 "" "$REGEN" --out "$T/full"
snapshot "$T/full" "$T/after2"
if cmp -s "$T/after" "$T/after2"; then ok; else bad "a second full run rewrote files"; diff "$T/after" "$T/after2" | head -5; fi

# --- up to date: a run with unchanged inputs does nothing at all ---
expect_exit 0 "is up to date" "$REGEN" --out "$T/full" --progress
echo damaged > "$T/full/charts/reserves.alt.txt"
expect_exit 0 "wrote $T/full/charts/reserves.alt.txt" "$REGEN" --out "$T/full" --progress
grep -q damaged "$T/full/charts/reserves.alt.txt" && bad "a damaged output was not rewritten" || ok
# a change that keeps the size is seen by the content hash alone
cp "$T/full/charts/reserves.png" "$T/reserves.good.png"
printf 'XXXX' | dd of="$T/full/charts/reserves.png" bs=1 seek=200 conv=notrunc 2>/dev/null
expect_exit 0 "wrote $T/full/charts/reserves.png" "$REGEN" --out "$T/full" --progress
cmp -s "$T/full/charts/reserves.png" "$T/reserves.good.png" && ok || bad "a PNG changed in place was not rewritten"
sed 's/"value": 270000/"value": 270001/' data/rare_earths.json > "$T/changed.json"
expect_exit 0 "wrote $T/full/charts/production.svg" "$REGEN" --data "$T/changed.json" --out "$T/full" --progress
expect_exit 0 "is up to date" "$REGEN" --data "$T/changed.json" --out "$T/full" --progress

# --- build: many jobs from a manifest, -j and --shard change no byte ---
for dir in j1 j2 sh; do
	cat > "$T/$dir.manifest" <<MANIFEST
# jobs for the test
report template=templates/briefing.xml out=$T/$dir/a formats=pdf
charts out=$T/$dir/a lang=zh formats=svg,pdf
report template=templates/briefing.zh.xml out=$T/$dir/d formats=pdf
charts out=$T/$dir/b chart=reserves theme=greyscale formats=svg,pdf
report template=tests/templates/one-page.xml out=$T/$dir/b formats=pdf,svg
charts out=$T/$dir/c chart=reserves name=reserves-grey theme=greyscale formats=svg
charts out=$T/$dir/c chart=reserves name=reserves-dark theme=dark formats=svg
MANIFEST
done
expect_exit 0 "" "$REGEN" build "$T/j1.manifest"
expect_exit 0 "" "$REGEN" build "$T/j2.manifest" -j 3
(cd "$T/j1" && find . -type f | sort | xargs md5sum) > "$T/j1.sums"
(cd "$T/j2" && find . -type f | sort | xargs md5sum) > "$T/j2.sums"
if cmp -s "$T/j1.sums" "$T/j2.sums"; then ok; else bad "build -j 3 wrote other bytes than -j 1"; diff "$T/j1.sums" "$T/j2.sums" | head -4; fi
expect_exit 0 "" "$REGEN" build "$T/sh.manifest" --shard 1/2
expect_exit 0 "" "$REGEN" build "$T/sh.manifest" --shard 2/2
(cd "$T/sh" && find . -type f | sort | xargs md5sum) > "$T/sh.sums"
if cmp -s "$T/j1.sums" "$T/sh.sums"; then ok; else bad "shards 1/2 + 2/2 differ from the whole build"; diff "$T/j1.sums" "$T/sh.sums" | head -4; fi
[ -s "$T/j1/a/briefing.pdf" ] && [ -s "$T/j1/b/charts/reserves.pdf" ] && ok || bad "build wrote no files"
# the PDFs a build writes are tagged like the default run's
pdf_tagged "$T/j1/a/briefing.pdf" en Figure H1 H2 P Table TR TD Link
pdf_tagged "$T/j1/d/briefing.zh.pdf" zh-CN Figure H1 H2 P Table TR TD Link
pdf_tagged "$T/j1/b/one-page.pdf" en H2 P Link Table TR TH TD
for f in "$T/j1/a/charts/"*.zh.pdf "$T/j1/b/charts/reserves.pdf"; do
	case $f in *.zh.pdf) pdf_tagged "$f" zh-CN ;; *) pdf_tagged "$f" en ;; esac
done
[ "$(ls "$T/j1/a/charts/"*.zh.pdf | wc -l)" = 5 ] && ok || bad "build wrote $(ls "$T/j1/a/charts/"*.zh.pdf | wc -l) Chinese chart PDFs, want 5"
# name=: two charts share one folder, each with its own file and record
[ "$(ls "$T/j1/c/charts")" = "$(printf 'reserves-dark.svg\nreserves-grey.svg')" ] && ok || bad "name= jobs wrote $(ls "$T/j1/c/charts" | tr '\n' ' ')"
cmp -s "$T/j1/c/charts/reserves-grey.svg" "$T/j1/b/charts/reserves.svg" && ok || bad "name= changed the chart's bytes"
expect_exit 0 "up to date" "$REGEN" build "$T/j1.manifest" --progress
[ "$(grep -c "is up to date" "$T/stderr")" = 7 ] && ok || bad "a second build redid jobs: $(grep -c "is up to date" "$T/stderr") of 7 up to date"
expect_exit 64 "--name goes with charts and --chart" "$REGEN" charts --name x --out "$T/nm"
expect_exit 64 "expected a file name" "$REGEN" charts --chart reserves --name ../x --out "$T/nm"
printf 'report out=x\ncharts colour=red\n' > "$T/bad.manifest"
expect_exit 65 "bad.manifest:1: a report job needs template=FILE" "$REGEN" build "$T/bad.manifest"
expect_exit 65 "bad.manifest:2: unknown key \"colour\"" "$REGEN" build "$T/bad.manifest"
expect_exit 64 "--shard" "$REGEN" build "$T/j1.manifest" --shard 3/2
expect_exit 64 "build needs a MANIFEST" "$REGEN" build

finish
