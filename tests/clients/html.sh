#!/bin/sh
# The HTML briefings and the index in a real browser: headless Chromium
# lays each out at 360 and 1,280 px, and the test asserts that the page
# does not scroll sideways, that every chart is drawn (ink where each
# <figure>'s SVG is, in a screenshot), and that Chromium's printed PDF is
# A4 with the headings of regen's own PDF.  Run by `make check-clients`.
# Usage: sh tests/clients/html.sh ./regen   (from the repository root)
set -u
. tests/lib.sh
setup clients-html "$@"

"$REGEN" --out "$T/o" >/dev/null 2>&1 || bad "regen failed"

chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --force-device-scale-factor=1 --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --disable-quic --user-data-dir="$T/profile" "$@" \
		2>/dev/null
}

# frame FILE WIDTH HEIGHT [SCRIPT]: a page holding FILE in a frame WIDTH
# px wide (headless Chromium's window is at least 500 px wide, so a phone
# is a frame), at the top left; with SCRIPT, measuring it
frame() {
	{ echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
	  echo "<iframe id=\"f\" src=\"$(basename "$1")\" style=\"border:0;display:block;width:$2px;height:$3px\"></iframe>"
	  [ -n "${4:-}" ] && printf '<script>%s</script>\n' "$4"
	  echo '</body></html>'; } > "$(dirname "$1")/frame.html"
	echo "file://$(dirname "$1")/frame.html"
}

# probe FILE WIDTH: "scroll SCROLLWIDTH CLIENTWIDTH SCROLLHEIGHT" and
# "figs X,Y,W,H ..." (each figure's SVG, in page pixels), measured by a
# script around the page (the page itself has none)
probe() {
	url=$(frame "$1" "$2" 900 'var f = document.getElementById("f");
window.addEventListener("load", function () {
var w = f.contentWindow, d = f.contentDocument.documentElement, r = [];
f.contentDocument.querySelectorAll("figure svg").forEach(function (s) {
var b = s.getBoundingClientRect();
r.push([b.left + w.scrollX, b.top + w.scrollY, b.width, b.height].map(Math.round).join(","));
});
var p = document.createElement("pre"); p.id = "probe";
p.textContent = "scroll " + d.scrollWidth + " " + d.clientWidth + " " + d.scrollHeight + "\nfigs " + r.join(" ");
document.body.appendChild(p);
});')
	chrome --allow-file-access-from-files --window-size=1280,900 \
		--virtual-time-budget=5000 --dump-dom "$url" |
		sed -n '/<pre id="probe">/,/<\/pre>/p' | sed 's/<[^>]*>//g'
}

# inked PNG X,Y,W,H: the region has a chart's ink, not one flat colour
inked() {
	echo "$2" | { IFS=, read -r x y w h
		[ "$w" -gt 50 ] && [ "$h" -gt 50 ] || exit 1
		sd=$(convert "$1" -crop "${w}x${h}+${x}+${y}" +repage \
			-colorspace gray -format '%[fx:standard_deviation]' info:)
		awk -v s="$sd" 'BEGIN { exit !(s > 0.05) }'; }
}

for f in briefing briefing.zh; do
	html=$T/o/$f.html
	for w in 360 1280; do
		p=$(probe "$html" $w)
		set -- $(echo "$p" | sed -n 's/^scroll //p')
		if [ $# -ne 3 ]; then
			bad "$f.html at $w px: no measurement ($p)"; continue; fi
		[ "$1" -le "$2" ] && ok ||
			bad "$f.html at $w px scrolls sideways: $1 px wide in $2"
		height=$3
		[ "$height" -gt 16000 ] && height=16000
		figs=$(echo "$p" | sed -n 's/^figs //p')
		n=$(echo $figs | wc -w)
		[ "$n" -ge 4 ] && ok || bad "$f.html at $w px: $n figures"
		rm -f "$T/shot.png"
		chrome --window-size="$((w < 500 ? 500 : w)),$height" \
			--screenshot="$T/shot.png" "$(frame "$html" $w $height)" \
			>/dev/null
		[ -s "$T/shot.png" ] || { bad "$f.html: no screenshot"; continue; }
		for r in $figs; do
			inked "$T/shot.png" "$r" && ok ||
				bad "$f.html at $w px: the chart at $r is blank"
		done
		cp "$T/shot.png" "$T/$f-$w.png"
	done
	# printed: A4, with regen's headings
	rm -f "$T/printed.pdf"
	chrome --no-pdf-header-footer --print-to-pdf="$T/printed.pdf" \
		"file://$html" >/dev/null
	if [ ! -s "$T/printed.pdf" ]; then bad "$f.html: Chromium printed nothing"; continue; fi
	pdfinfo "$T/printed.pdf" | grep -q '(A4)' &&
		ok || bad "$f.html does not print on A4: $(pdfinfo "$T/printed.pdf" | grep 'Page size')"
	pdftotext "$T/printed.pdf" - | tr -d ' \n' > "$T/printed.txt"
	mutool show "$T/o/$f.pdf" outline | sed -n 's/^|\t"\(.*\)"\t.*/\1/p' |
		tr -d ' ' > "$T/headings"
	[ "$(wc -l < "$T/headings")" -ge 5 ] && ok || bad "$f.pdf: few bookmarks"
	while IFS= read -r h; do
		grep -qF -- "$h" "$T/printed.txt" || echo "$h"
	done < "$T/headings" > "$T/lost"
	[ -s "$T/lost" ] && bad "$f.html printed without: $(tr '\n' '|' < "$T/lost")" || ok
done

# the index on a phone: no sideways scroll, a preview drawn per card
p=$(probe "$T/o/index.html" 360)
set -- $(echo "$p" | sed -n 's/^scroll //p')
[ $# -eq 3 ] && [ "$1" -le "$2" ] && ok || bad "index.html at 360 px scrolls sideways ($p)"

# the pictures, kept for a reader to look at when asked
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$T"/*.png "$KEEP"/; fi

finish
