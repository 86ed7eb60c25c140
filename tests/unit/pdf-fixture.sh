#!/bin/sh
# Writes tests/data/cairo-1.16-tagged.pdf, the PDF Cairo 1.16 draws for
# tests/templates/tagged.xml before regen's tagging patch (gen/render_pdf.c)
# adds to it; tests/unit/test_pdf.c patches it.  The patch is an incremental
# update appended after Cairo's "%%EOF", so Cairo's own bytes are the file
# up to its first "%%EOF".  Run from the repository root, with a regen built
# against Cairo 1.16 (another refuses to write PDFs):
#
#   sh tests/unit/pdf-fixture.sh ./regen
set -eu
REGEN=${1:-./regen}
T=$(mktemp -d /tmp/regen-fixture.XXXXXX)
trap 'rm -rf "$T"' EXIT
SOURCE_DATE_EPOCH=1735689600 "$REGEN" report --template tests/templates/tagged.xml \
	--data tests/data/mini.json --format pdf --out "$T"
end=$(grep -abo '%%EOF' "$T/tagged.pdf" | head -1 | cut -d: -f1)
head -c $((end + 6)) "$T/tagged.pdf" > tests/data/cairo-1.16-tagged.pdf
ls -l tests/data/cairo-1.16-tagged.pdf
