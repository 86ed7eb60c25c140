#!/bin/sh
# The bad-input corpus: every file in tests/bad/ with a NAME.expect beside
# it (line 1: exit code, line 2: a fragment the message must contain):
# datasets (.json), templates (.xml), chart specs (.spec), themes (.theme)
# and build manifests (.manifest).  Then the large inputs that are generated rather than
# committed, and the file system cases.  Each must give the expected exit code and message, never
# a crash, and leave the output folder exactly as it was.
# Usage: sh tests/bad/run.sh ./regen   (from the repository root)
set -u
. tests/lib.sh
setup bad "$@"
trap 'umount "$T/tiny" 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

# A finished output folder that every bad run must leave alone.
export SOURCE_DATE_EPOCH=1735689600
"$REGEN" charts --out "$T/out" --chart reserves --format svg,pdf >/dev/null 2>&1 || bad "setup run failed"
snapshot "$T/out" "$T/snap0"

# run NAME CODE FRAGMENT ARGS...: exit code, message, no crash, no damage
run() {
	name=$1 code=$2 frag=$3; shift 3
	"$@" >"$T/stdout" 2>"$T/stderr"
	rc=$?
	if [ "$rc" -ge 128 ] || grep -q 'Sanitizer\|runtime error' "$T/stderr"; then
		bad "$name: crashed (exit $rc)"; sed 's/^/  /' "$T/stderr" | head -5
	elif [ "$rc" -ne "$code" ]; then
		bad "$name: exit $rc, want $code"; sed 's/^/  /' "$T/stderr" | head -3
	elif [ -n "$frag" ] && ! grep -qF -- "$frag" "$T/stderr"; then
		bad "$name: message lacks '$frag'"; sed 's/^/  /' "$T/stderr" | head -3
	else
		ok
	fi
	snapshot "$T/out" "$T/snap1"
	cmp -s "$T/snap0" "$T/snap1" || { bad "$name: output folder changed"; snapshot "$T/out" "$T/snap0"; }
	ls -a "$T/out" "$T/out/charts" 2>/dev/null | grep -q '\.tmp-' && bad "$name: temporary left behind"
}

# --- the committed corpus ---
for e in tests/bad/*.expect; do
	n=${e%.expect}
	code=$(sed -n 1p "$e")
	frag=$(sed -n 2p "$e")
	if [ -f "$n.json" ]; then
		if [ "$code" = 0 ]; then
			# accepted input: must render, to its own folder
			run "$n.json" 0 "" "$REGEN" charts --data "$n.json" --out "$T/good"
		else
			run "$n.json" "$code" "$frag" "$REGEN" charts --data "$n.json" --out "$T/out"
		fi
	elif [ -f "$n.xml" ]; then
		if [ "$code" = 0 ]; then
			run "$n.xml" 0 "" "$REGEN" report --template "$n.xml" --out "$T/good"
		else
			run "$n.xml" "$code" "$frag" "$REGEN" report --template "$n.xml" --out "$T/out"
		fi
		run "$n.xml (check)" "$code" "$frag" "$REGEN" check --template "$n.xml"
	elif [ -f "$n.spec" ]; then
		run "$n.spec" "$code" "$frag" "$REGEN" charts --spec "$n.spec" --out "$T/out"
	elif [ -f "$n.theme" ]; then
		run "$n.theme" "$code" "$frag" "$REGEN" charts --theme "$n.theme" --chart reserves --out "$T/out"
	elif [ -f "$n.manifest" ]; then
		run "$n.manifest" "$code" "$frag" "$REGEN" build "$n.manifest"
	else
		bad "$e has no input file"
	fi
done
grep -rq "TOP SECRET" "$T/out" "$T/good" 2>/dev/null && bad "external entity content reached an output" || ok

# --- accepted inputs: the output each one is about ---
# a quote in a link's address: kept whole in the PDF's link and the SVG's
# href, and the SVG stays well-formed for a real reader
"$REGEN" report --template tests/bad/href-quote.xml --out "$T/href" --format pdf,svg >/dev/null 2>&1 || bad "href-quote: not rendered"
[ "$(pdfinfo -url "$T/href/href-quote.pdf" 2>/dev/null | awk 'NR > 1 { print $3 }')" = "https://example.com/it's" ] && ok || bad "href-quote: the PDF's link is not https://example.com/it's"
grep -qF 'href="https://example.com/it'"'"'s"' "$T/href/href-quote-1.svg" && ok || bad "href-quote: the SVG's href lost the quote"
rsvg-convert "$T/href/href-quote-1.svg" -o "$T/href/page.png" 2>/dev/null && ok || bad "href-quote: rsvg-convert cannot read the SVG"
# -0 in the data: written 0, never "-0"
"$REGEN" charts --data tests/bad/minus-zero.json --chart reserves --format scene,svg --out "$T/mz" >/dev/null 2>&1 || bad "minus-zero: not rendered"
grep -qF 'India 0 t;' "$T/mz/charts/reserves.scene.txt" && ok || bad "minus-zero: India is not 0 t"
grep -q -- '-0\b' "$T/mz/charts/reserves.scene.txt" "$T/mz/charts/reserves.svg" && bad "minus-zero: a -0 was written" || ok
# right-to-left and combining names: kept whole in the SVG's text and alt
# text; the glyphs the fonts lack are named in a warning, not dropped
name=$(sed -n 's/.*"id": "BR", "name": "\([^"]*\)".*/\1/p' tests/bad/rtl-combining-names.json)
"$REGEN" charts --data tests/bad/rtl-combining-names.json --chart reserves --format svg,png --out "$T/rtl" 2>"$T/rtl.err" >/dev/null || bad "rtl-combining-names: not rendered"
grep -qF ">$name<" "$T/rtl/charts/reserves.svg" && ok || bad "rtl-combining-names: the SVG lacks the whole name"
grep -qF "$name 21,000,000 t" "$T/rtl/charts/reserves.alt.txt" && ok || bad "rtl-combining-names: the alt text lacks the name"
grep -qF 'some characters have no glyph' "$T/rtl.err" && ok || bad "rtl-combining-names: no warning about missing glyphs"

# --- generated inputs too big to commit ---
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }' > "$T/deep.json"
run deep-nesting 65 "deep.json:1:33: nesting deeper than 32 levels" "$REGEN" check --data "$T/deep.json"
head -c 104857600 /dev/zero | tr '\0' ' ' > "$T/huge.json"
run 100MB 65 "huge.json: file larger than 16 MiB" "$REGEN" check --data "$T/huge.json"
awk -v n=10000 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s "x"; print s }' > "$T/longname"
sed "s/\"name\": \"Brazil\"/\"name\": \"$(cat "$T/longname")\"/" tests/data/mini.json > "$T/longname.json"
run long-name 65 "string of 10000 bytes; expected at most 4096" "$REGEN" check --data "$T/longname.json"
# 5,000 entities with long-ish names: accepted; top N keeps charts legible
awk 'BEGIN {
	printf "{\"format\":\"regen-dataset/1\",\"title\":\"t\",\"title_zh\":\"t\",\"as_of\":\"2025-01-01\",\"highlight\":\"E0\",";
	printf "\"units\":[{\"id\":\"t\",\"name\":\"t\",\"name_zh\":\"t\",\"symbol\":\"t\",\"kind\":\"mass\"},{\"id\":\"p\",\"name\":\"p\",\"name_zh\":\"p\",\"symbol\":\"%%\",\"kind\":\"percent\"}],";
	printf "\"sources\":[{\"id\":\"s\",\"kind\":\"primary\",\"title\":\"T\",\"publisher\":\"P\",\"date\":\"2025\",\"lang\":\"en\"}],\"entities\":[";
	for (i = 0; i < 5000; i++) printf "%s{\"id\":\"E%d\",\"name\":\"Country number %d of a very long list\",\"name_zh\":\"国家%d\",\"kind\":\"country\"}", (i ? "," : ""), i, i, i;
	printf "],\"elements\":[],\"series\":[";
	for (s = 0; s < 2; s++) {
		printf "%s{\"id\":\"s%d\",\"measure\":\"%s\",\"title\":\"x\",\"title_zh\":\"x\",\"unit\":\"t\",\"source\":\"s\",\"observations\":[", (s ? "," : ""), s, (s ? "mine_production" : "reserves");
		for (i = 0; i < 5000; i++) printf "%s{\"entity\":\"E%d\",\"year\":2024,\"value\":%d}", (i ? "," : ""), i, (i * 7919) % 100000 + 1;
		printf "],\"totals\":[]}";
	}
	printf "],\"value_chain\":[{\"id\":\"v\",\"stage\":\"mining\",\"name\":\"Mining\",\"name_zh\":\"x\",\"entity\":\"E0\",\"share\":60,\"unit\":\"p\",\"year\":2024,\"source\":\"s\",\"note\":\"n\"}],\"export_controls\":[],\"claims\":[]}\n";
}' > "$T/5000.json"
run 5000-entities 65 "chart \"world-production\": no world totals; nothing to draw" "$REGEN" charts --data "$T/5000.json" --out "$T/out"
run 5000-entities-one-chart 0 "" "$REGEN" charts --data "$T/5000.json" --out "$T/good5000" --chart reserves --format scene
[ "$(grep -c '^rect bar' "$T/good5000/charts/reserves.scene.txt" 2>/dev/null)" -le 12 ] && ok || bad "5000 entities: top N not applied"
# a template of 10,000 sections: laid out, or refused at the page limit
{ echo '<report lang="en"><meta><title>Many</title></meta>'
  awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<section id=\"s%d\" title=\"S%d\"><p>x</p></section>\n", i, i }'
  echo '</report>'; } > "$T/many.xml"
run 10000-sections 0 "" "$REGEN" report --template "$T/many.xml" --out "$T/good" --format pdf
{ echo '<report lang="en"><meta><title>Many</title></meta>'
  awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<section id=\"s%d\" title=\"S%d\"><timeline/></section>\n", i, i }'
  echo '</report>'; } > "$T/many-pages.xml"
run 10000-sections-of-tables 65 "more than 2000 pages" "$REGEN" check --template "$T/many-pages.xml"

# --- the file system ---
run out-is-a-file 73 "exists and is not a folder" "$REGEN" charts --out "$T/out/charts/reserves.svg"
mkdir -p "$T/out2/charts/reserves.pdf"
run target-is-a-folder 73 "reserves.pdf: is a folder" "$REGEN" charts --out "$T/out2" --chart reserves --format pdf
[ -z "$(ls "$T/out2/charts" | grep -v '^reserves.pdf$')" ] && ok || bad "target-is-a-folder: other files were left: $(ls "$T/out2/charts")"
run out-missing-parent 0 "" "$REGEN" charts --out "$T/new/deeper/out" --chart reserves --format svg
[ -s "$T/new/deeper/out/charts/reserves.svg" ] && ok || bad "missing output folder was not created"
run proc-not-writable 73 "cannot create output folder" "$REGEN" charts --out /proc/regen-test
# a folder regen may not write in: as root too, run without root's rights
mkdir -p "$T/ro"; chmod 555 "$T/ro"
run read-only 73 "Permission denied" unprivileged charts --out "$T/ro/x"
# a full disk: a tiny tmpfs, mounted as root or in a user namespace
mkdir -p "$T/tiny"
if mount -t tmpfs -o size=64k tmpfs "$T/tiny" 2>/dev/null; then
	run disk-full 73 "No space left on device" "$REGEN" --out "$T/tiny/out"
	[ -z "$(ls -A "$T/tiny")" ] && ok || bad "disk-full: left $(ls -A "$T/tiny")"
	umount "$T/tiny"
elif unshare -rm true 2>/dev/null; then
	run disk-full 73 "No space left on device" unshare -rm sh -c \
	    'mount -t tmpfs -o size=64k tmpfs "$1" && "$2" --out "$1/out"; rc=$?; [ -z "$(ls -A "$1")" ] || rc=99; exit $rc' \
	    sh "$T/tiny" "$REGEN"
else
	skip "disk-full: no tmpfs can be mounted here (not root, no user namespaces)"
fi
# interrupted: SIGTERM and SIGINT mid-run leave no temporary and no half
# file.  Several moments, as a whole run takes a quarter of a second: a
# signal can land while files are staged, or in one of Pango's threads
# (once 8 runs in 150 left temporaries that way)
for sig in TERM INT; do
	for at in 0.05 0.1 0.15 0.2 0.3; do
		rm -rf "$T/sig"
		"$REGEN" --out "$T/sig" >/dev/null 2>&1 &
		pid=$!
		sleep $at
		kill -$sig $pid 2>/dev/null
		wait $pid 2>/dev/null	# no "Terminated" from the shell
		rc=$?
		if find "$T/sig" -name '*.tmp-*' 2>/dev/null | grep -q .; then
			bad "SIG$sig at $at s: temporaries left behind"
		else
			ok
		fi
		for f in $(find "$T/sig" -name '*.pdf' 2>/dev/null); do
			qpdf --check "$f" >/dev/null 2>&1 ||
				bad "SIG$sig at $at s: damaged $f"
		done
		[ "$rc" -ne 0 ] ||
			echo "note: SIG$sig at $at s arrived after the run had finished"
	done
done

finish
