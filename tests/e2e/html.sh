#!/bin/sh
# The HTML briefings and DIR/index.html without a browser: their structure
# read with an XML parser and set against regen's PDFs (html.py), HTML
# Tidy finding no error, the same bytes on a forced rerun, --force, and
# the index of regen build.  Browsers: tests/clients/html.sh.
# Usage: sh tests/e2e/html.sh ./regen   (from the repo root)
set -u
. tests/lib.sh
setup html "$@"

# py ARGS: html.py's verdicts into the tally
py() {
	/usr/bin/python3 tests/e2e/html.py "$@" > "$T/py" 2>&1 || {
		bad "html.py $*:"; sed 's/^/  /' "$T/py"; }
	while read -r verdict why; do
		case $verdict in ok) ok ;; bad) bad "$why" ;;
		*) bad "html.py: $verdict $why" ;; esac
	done < "$T/py"
}

expect_exit 0 "" "$REGEN" --out "$T/o"
for f in briefing briefing.zh; do
	[ -s "$T/o/$f.html" ] && ok || bad "bare regen wrote no $f.html"
done
py briefing "$T/o/briefing.html" "$T/o/briefing.pdf" en templates/briefing.xml
py briefing "$T/o/briefing.zh.html" "$T/o/briefing.zh.pdf" zh-Hans templates/briefing.zh.xml
py index "$T/o" 2 10

# HTML Tidy: no error (exit 2); its warnings are about what it is too
# old to know (the SVG <title>'s id, loading="lazy")
for f in briefing.html briefing.zh.html index.html; do
	tidy -errors -q "$T/o/$f" > "$T/tidy" 2>&1
	[ $? -lt 2 ] && ok || { bad "tidy finds errors in $f:"; head -5 "$T/tidy"; }
done

# --force: the same files again, rewritten by no one, same bytes
snapshot "$T/o" "$T/before"
expect_exit 0 "is up to date" "$REGEN" --out "$T/o" --progress
expect_exit 0 "unchanged $T/o/briefing.html" "$REGEN" --out "$T/o" --progress --force
grep -q "is up to date" "$T/stderr" && bad "--force was up to date" || ok
snapshot "$T/o" "$T/after"
cmp -s "$T/before" "$T/after" && ok || bad "a forced rerun changed files"
expect_exit 0 "" "$REGEN" charts --out "$T/c" --chart reserves --format svg
expect_exit 0 "unchanged $T/c/charts/reserves.svg" "$REGEN" charts --out "$T/c" --chart reserves --format svg --force --progress
expect_exit 0 "" "$REGEN" report --template templates/briefing.xml --out "$T/r" --format pdf
expect_exit 0 "unchanged $T/r/briefing.pdf" "$REGEN" report --template templates/briefing.xml --out "$T/r" --format pdf --force --progress

# an index removed comes back on a run with nothing else to do
rm "$T/o/index.html"
expect_exit 0 "is up to date" "$REGEN" --out "$T/o" --progress
cmp -s "$T/o/index.html" "$T/o/briefing.html" && bad "index.html" ||
	{ [ -s "$T/o/index.html" ] && ok || bad "index.html not written again"; }

# html alone, and only for briefings
expect_exit 0 "" "$REGEN" report --template templates/briefing.xml --out "$T/h" --format html
[ "$(cd "$T/h" && find . -type f ! -name '.regen-*' | sort | tr '\n' ' ')" = "./briefing.html " ] &&
	ok || bad "--format html wrote $(cd "$T/h" && find . -type f | tr '\n' ' ')"
expect_exit 64 "html is a form of briefings" "$REGEN" charts --out "$T/h" --format html
expect_exit 0 "" "$REGEN" report --template templates/briefing.xml --out "$T/p" --format pdf
[ ! -e "$T/p/briefing.html" ] && ok || bad "--format pdf wrote HTML"

# regen build: one index per output folder, of every job in it
cat > "$T/m" <<EOF
report template=templates/briefing.xml out=$T/b formats=html,pdf
charts out=$T/b chart=reserves formats=svg,png
charts out=$T/b chart=reserves lang=zh formats=svg
charts out=$T/b2 chart=production formats=pdf
EOF
expect_exit 0 "" "$REGEN" build "$T/m" -j 2
py index "$T/b" 1 2
grep -q 'href="charts/reserves.zh.svg"' "$T/b/index.html" && ok || bad "build's index lacks the Chinese chart"
grep -q 'href="charts/production.pdf"' "$T/b2/index.html" && ok || bad "the second folder has no index of its chart"
grep -q 'href="charts/production' "$T/b/index.html" && bad "one folder's index lists another's chart" || ok

finish
