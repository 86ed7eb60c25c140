#!/bin/sh
# Real clients read regen's chart SVGs: headless Chromium renders each one
# and its screenshot must match regen's own PNG within a small tolerance;
# rsvg-convert renders it; LibreOffice imports it and pdftotext must find
# every label of the chart's scene as text.  Run by `make check-clients`.
# Usage: sh tests/clients/run.sh ./regen   (from the repository root)
set -u
. tests/lib.sh
setup clients "$@"

for lang in en zh; do
	"$REGEN" charts --lang $lang --out "$T/out" --format svg,png,scene >/dev/null 2>&1 ||
		bad "regen charts --lang $lang failed"
done
cd "$T/out/charts" || exit 1

# LibreOffice: one process converts every SVG (Draw's SVG import)
timeout 300 soffice --headless --norestore --convert-to pdf --outdir "$T/lo" \
	*.svg >"$T/lo.log" 2>&1 || { bad "libreoffice failed"; cat "$T/lo.log"; }

for svg in *.svg; do
	c=${svg%.svg}
	# Chromium: same picture as the PNG backend
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --force-device-scale-factor=1 \
		--window-size=800,500 --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --disable-quic --user-data-dir="$T/profile" \
		--screenshot="$T/$c.chrome.png" "file://$T/out/charts/$svg" \
		>/dev/null 2>&1
	if [ ! -s "$T/$c.chrome.png" ]; then
		bad "$svg: chromium made no screenshot"
	else
		rmse=$(compare -metric RMSE "$T/$c.chrome.png" "$c.png" null: 2>&1 |
			sed 's/.*(\(.*\)).*/\1/')
		px=$(compare -metric AE -fuzz 25% "$T/$c.chrome.png" "$c.png" null: 2>&1)
		if awk -v r="$rmse" -v p="$px" 'BEGIN { exit !(r < 0.10 && p < 0.03 * 800 * 500) }'; then
			ok
		else
			bad "$svg: Chromium differs from the PNG (RMSE $rmse, $px pixels)"
		fi
	fi
	# rsvg
	rsvg-convert -o "$T/$c.rsvg.png" "$svg" 2>/dev/null && ok || bad "rsvg-convert $svg"
	# LibreOffice: every label of the scene is text in the imported drawing
	if [ -s "$T/lo/$c.pdf" ]; then
		pdftotext "$T/lo/$c.pdf" - | tr -s ' \n' '  ' > "$T/$c.lo.txt"
		sed -n 's/^text \(value-label\|category-label\|legend-label\|title\) .*"\(.*\)"$/\2/p' \
			"$c.scene.txt" | while IFS= read -r label; do
			one=$(printf '%s' "$label" | tr -s ' ' ' ')
			grep -qF -- "$one" "$T/$c.lo.txt" || echo "$label"
		done > "$T/$c.missing"
		if [ -s "$T/$c.missing" ]; then
			bad "$svg: LibreOffice lost labels: $(head -3 "$T/$c.missing" | tr '\n' '|')"
		else
			ok
		fi
	else
		bad "$svg: LibreOffice wrote no PDF"
	fi
done

finish
