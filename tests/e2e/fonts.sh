#!/bin/sh
# The fonts regen's PDFs embed, read by two PDF readers besides Cairo:
# poppler (pdffonts, and pdftoppm drawing every page) and MuPDF (mutool),
# with qpdf and fontTools reading each font program (fonts.py).  Every
# font embedded as a subset with a ToUnicode map, no Type 3, no hinting
# left in TrueType fonts, and a drawn glyph behind every character (the
# Chinese briefing's 如 once came out blank).
# Usage: sh tests/e2e/fonts.sh ./regen   (from the repo root)
set -u
. tests/lib.sh
setup fonts "$@"

expect_exit 0 "" "$REGEN" --out "$T/o"
PDFS="$T/o/briefing.pdf $T/o/briefing.zh.pdf $T/o/charts/reserves.pdf $T/o/charts/reserves.zh.pdf"
for f in $PDFS; do
	b=${f#"$T/o/"}
	# poppler: every font embedded, a subset, with ToUnicode
	pdffonts "$f" > "$T/fonts" 2>&1 || bad "pdffonts $b"
	n=$(awk 'NR > 2' "$T/fonts" | wc -l)
	[ "$n" -ge 2 ] && ok || bad "$b: pdffonts lists $n fonts"
	if awk 'NR > 2 && ($0 ~ /Type 3/ || $(NF-4) != "yes" || $(NF-3) != "yes" ||
	    $(NF-2) != "yes") { exit 1 }' "$T/fonts"; then ok; else
		bad "$b: a font not embedded as a subset with ToUnicode"; cat "$T/fonts"; fi
	# MuPDF: the same fonts, and every page drawn without a complaint
	m=$(mutool info -F "$f" 2>/dev/null | grep -c "^	[0-9]")
	[ "$m" = "$n" ] && ok || bad "$b: mutool lists $m fonts, pdffonts $n"
	mutool draw -q -o "$T/page%d.png" -r 36 "$f" > "$T/mu" 2>&1
	if grep -v 'ICC support is not available' "$T/mu" | grep -q .; then
		bad "$b: mutool draw:"; sed 's/^/  /' "$T/mu"; else ok; fi
	# poppler draws every page without a complaint
	pdftoppm -r 36 -png "$f" "$T/pp" > "$T/pp.err" 2>&1 && [ ! -s "$T/pp.err" ] &&
		ok || { bad "$b: pdftoppm:"; sed 's/^/  /' "$T/pp.err"; }
done
# qpdf + fontTools: a glyph with an outline behind every character, no
# hinting
/usr/bin/python3 tests/e2e/fonts.py $PDFS && ok || bad "fonts.py"

# 如 (U+5982) in the Chinese briefing, where MuPDF finds it, drawn by
# poppler (it was blank, from an emptied subroutine)
/usr/bin/python3 tests/e2e/ink.py "$T/o/briefing.zh.pdf" 如 && ok ||
	bad "briefing.zh.pdf: 如 drawn blank"

finish
