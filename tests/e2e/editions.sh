#!/bin/sh
# End-to-end tests of editions and time: `regen diff`, `regen check`'s
# warnings, the briefing's revisions section, and statuses shown on the
# dataset's date.  Usage: sh tests/e2e/editions.sh ./regen (repo root)
set -u
. tests/lib.sh
setup editions "$@"
D=data/rare_earths.json
export SOURCE_DATE_EPOCH=1735689600

# text_of FILE.pdf: its text, one line per line, in $T/text.txt
text_of() { pdftotext -layout "$1" "$T/text.txt" 2>/dev/null || bad "pdftotext $1"; }
has() {	# has TEXT...: each in $T/text.txt
	for s in "$@"; do
		if grep -qF -- "$s" "$T/text.txt"; then ok; else bad "text lacks '$s'"; fi
	done
}
lacks() {
	for s in "$@"; do
		if grep -qF -- "$s" "$T/text.txt"; then bad "text has '$s'"; else ok; fi
	done
}

# --- regen diff: like diff(1), 0 equal, 1 different, 65/66 bad input ---
expect_exit 0 "" "$REGEN" diff "$D" "$D"
[ "$(tail -1 "$T/stdout")" = "0 changes: 0 added, 0 removed, 0 revised" ] && ok || bad "equal datasets: $(tail -1 "$T/stdout")"
sed -e 's/"as_of": "2026-12-04"/"as_of": "2026-06-01"/' \
    -e 's/{ "entity": "BR", "year": 2025, "value": 11000000/{ "entity": "BR", "year": 2025, "value": 21000000/' \
    -e 's/{ "entity": "US", "year": 2025, "value": 51000,/{ "entity": "US", "year": 2025, "value": 50000,/' \
    "$D" > "$T/old.json"
expect_exit 1 "" "$REGEN" diff "$T/old.json" "$D"
cat > "$T/want.txt" <<WANT
--- $T/old.json
+++ $D
revised  dataset: as_of: 2026-06-01 -> 2026-12-04
revised  series reserves: BR 2025: 21,000,000 t -> 11,000,000 t
revised  series mine-production: US 2025: 50,000 t -> 51,000 t
revised  export_controls: cn-2025-56 status: suspended until 2026-11-10 -> suspended until 2026-11-10 (lapsed)
revised  export_controls: cn-2025-57 status: suspended until 2026-11-10 -> suspended until 2026-11-10 (lapsed)
revised  export_controls: cn-2025-61 status: suspended until 2026-11-10 -> suspended until 2026-11-10 (lapsed)
revised  export_controls: cn-2025-62 status: suspended until 2026-11-10 -> suspended until 2026-11-10 (lapsed)
revised  export_controls: cn-2025-70 status: in_force until 2026-11-10 -> in_force until 2026-11-10 (lapsed)
revised  export_controls: cn-2025-72 status: in_force until 2026-11-27 -> in_force until 2026-11-27 (lapsed)
revised  claims: c-cn-reserves-60pct verdict: disagrees -> agrees
10 changes: 0 added, 0 removed, 10 revised
WANT
if diff "$T/want.txt" "$T/stdout" >/dev/null; then ok; else bad "regen diff text"; diff "$T/want.txt" "$T/stdout" | head -8; fi
expect_exit 1 "" "$REGEN" diff --format md "$T/old.json" "$D"
grep -qxF '| revised | series reserves | BR 2025 | 21,000,000 t | 11,000,000 t |' "$T/stdout" && ok || bad "md row"
grep -qxF '|---|---|---|---|---|' "$T/stdout" && ok || bad "md header"
# a series added and one removed, records added and removed
sed -e 's/"id": "c-cn-reserves-60pct"/"id": "c-cn-reserves-sixty"/' "$D" > "$T/ren.json"
expect_exit 1 "" "$REGEN" diff "$D" "$T/ren.json"
grep -qxF 'added    claims: c-cn-reserves-sixty' "$T/stdout" && grep -qxF 'removed  claims: c-cn-reserves-60pct' "$T/stdout" && ok || bad "renamed claim: $(cat "$T/stdout")"
expect_exit 64 "diff needs two dataset files" "$REGEN" diff "$D"
expect_exit 64 "diff --format: expected text or md" "$REGEN" diff --format pdf "$D" "$D"
expect_exit 66 "cannot read dataset" "$REGEN" diff "$T/none.json" "$D"
sed 's/"value": 11000000/"value": "11 Mt"/' "$D" > "$T/bad.json"
line=$(grep -n '"value": "11 Mt"' "$T/bad.json" | head -1 | cut -d: -f1)
expect_exit 65 "$T/bad.json:$line:" "$REGEN" diff "$D" "$T/bad.json"
grep -q 'expected a non-negative number, got string "11 Mt"' "$T/stderr" && ok || bad "diff: bad input message"
[ ! -s "$T/stdout" ] && ok || bad "diff printed changes for a bad file"

# --- check: warnings about time, stderr only, exit 0 ---
expect_exit 0 'warning: export_controls "cn-2025-57": its status (suspended) ends on 2026-11-10, before the dataset'"'"'s as_of 2026-12-04' "$REGEN" check --today 2026-12-04
line=$(grep -n '"id": "cn-2025-57"' "$D" | cut -d: -f1)
grep -qF "$D:$((line - 1)):5: warning" "$T/stderr" && ok || bad "warning at the control's line: $(grep cn-2025-57 "$T/stderr")"
[ "$(grep -c 'warning: export_controls' "$T/stderr")" = 6 ] && ok || bad "$(grep -c 'warning: export_controls' "$T/stderr") status warnings, want 6"
grep -q 'more than a year' "$T/stderr" && bad "as_of warned as old" || ok
expect_exit 0 "warning: as_of 2026-12-04 is more than a year before today (2027-12-05)" "$REGEN" check --today 2027-12-05
expect_exit 0 "" "$REGEN" check --today 2027-12-04
grep -q 'more than a year' "$T/stderr" && bad "a year to the day warned" || ok
expect_exit 64 "--today: expected a date YYYY-MM-DD" "$REGEN" check --today 2026-02-30
expect_exit 64 "--today: expected a date YYYY-MM-DD" "$REGEN" check --today yesterday
expect_exit 64 "--today goes with check" "$REGEN" charts --today 2026-12-04
# recording what followed silences the warning and changes the words
sed '/"id": "cn-2025-57"/,/"source"/ s/"until": "2026-11-10",/"until": "2026-11-10", "then": { "status": "in_force", "from": "2026-11-11", "source": "pillsbury-2025-11" },/' "$D" > "$T/then.json"
grep -q '"then"' "$T/then.json" && ok || bad "sed did not add then"
expect_exit 0 "" "$REGEN" check --data "$T/then.json" --today 2026-12-04
grep -q '"cn-2025-57"' "$T/stderr" && bad "then did not silence the warning" || ok
# the warnings never reach an output: same bytes with any clock
expect_exit 0 "" "$REGEN" report --template templates/briefing.xml --out "$T/r1" --format pdf
expect_exit 0 "" env TZ=Pacific/Kiritimati "$REGEN" report --template templates/briefing.xml --out "$T/r2" --format pdf
cmp -s "$T/r1/briefing.pdf" "$T/r2/briefing.pdf" && ok || bad "the briefing depends on the clock or zone"

# --- the briefing: MCS 2026, what it revised, statuses on as_of ---
text_of "$T/r1/briefing.pdf"
has "What the new edition revised" "Mineral Commodity Summaries 2026" \
    "Previous edition (t)" "This edition (t)" "Previous edition (Mt)"
# revisions table rows: Australia's 2024 output, Brazil's reserves, India n/a
grep -E '^ *Australia +2024 +13,000 +29,000 +\+123\.1%' "$T/text.txt" >/dev/null && ok || bad "revision row Australia 2024"
grep -E '^ *Brazil +2024–2025 +21 +11 +-47\.6%' "$T/text.txt" >/dev/null && ok || bad "revision row Brazil reserves"
grep -E '^ *India +2024–2025 +6\.9 +n/a +n/a' "$T/text.txt" >/dev/null && ok || bad "revision row India reserves"
grep -E '^ *Thailand +2024–2025 +0\.0045 +n/a' "$T/text.txt" >/dev/null && ok || bad "revision row Thailand reserves (4,500 t in Mt)"
grep -E '^ *World +2024 +390,000 +380,000 +-2\.6%' "$T/text.txt" >/dev/null && ok || bad "revision row World 2024"
# statuses: on 4 December 2026 no suspension is current
has "Status on 4 December 2026" "was suspended until 10" "was in force until 27 November"
lacks "MCS 2025 is used throughout" "the current USGS edition (MCS 2025)"
pdftotext "$T/r1/briefing.pdf" "$T/flat.txt"
tr '\n' ' ' < "$T/flat.txt" | grep -qE 'No\. 62 .{0,200}was suspended until 10 November 2026; what followed is not in this dataset' && ok || bad "No. 62's status sentence"
tr '\n' ' ' < "$T/flat.txt" | grep -E '(is|are) (now )?suspended' >/dev/null && bad "a present-tense suspension" || ok
# the same in Chinese
expect_exit 0 "" "$REGEN" report --template templates/briefing.zh.xml --out "$T/r1" --format pdf
text_of "$T/r1/briefing.zh.pdf"
has "2026年12月4日状态" "暂停期至2026年11月10日已届满；" "此后状态未收录" "上一版" "本版"
# with `then` recorded, the timeline says what followed
expect_exit 0 "" "$REGEN" report --data "$T/then.json" --template templates/briefing.xml --out "$T/r3" --format pdf
text_of "$T/r3/briefing.pdf"
has "in force since 11 November 2026"

# a series without a previous edition: no revisions to show
printf '<report lang="en"><meta><title>T</title></meta>\n<section id="a" title="A"><table type="revisions" series="reserves"/></section></report>\n' > "$T/rev.xml"
expect_exit 65 "rev.xml:2: <table>: the series keeps no previous edition; nothing to show" "$REGEN" report --data tests/data/mini.json --template "$T/rev.xml" --out "$T/rev"
printf '<report lang="en"><meta><title>T</title></meta>\n<section id="a" title="A"><p><value of="total" series="reserves" edition="previous" year="2024"/></p></section></report>\n' > "$T/rev2.xml"
expect_exit 65 'rev2.xml:2: <value edition="previous">: series "reserves" keeps no previous edition' "$REGEN" report --data tests/data/mini.json --template "$T/rev2.xml" --out "$T/rev"
[ ! -e "$T/rev" ] && ok || bad "a refused template left files"

# --- verdicts: the rule's, in the claims table ---
expect_exit 0 "" "$REGEN" report --template templates/briefing.xml --out "$T/r1" --format pdf
text_of "$T/r1/briefing.pdf"
grep -E 'China controls 60% of +60% +58\.4% \[[0-9]+\] agrees' "$T/text.txt" >/dev/null && ok || bad "60 % claim row"
grep -E 'China holds 92% of the +92% +91% \[[0-9]+\] different basis' "$T/text.txt" >/dev/null && ok || bad "92 % capacity claim row"
grep -E 'Mountain Pass +40% +-2\.1% \[[0-9]+\] disagrees' "$T/text.txt" >/dev/null && ok || bad "Mountain Pass row"
# a hand verdict against the rule is refused at its line
sed '/"id": "c-cn-mining-70pct"/,/"note"/ s/"primary": {/"verdict": "disagrees", "primary": {/' "$D" > "$T/verdict.json"
expect_exit 65 'verdict: "disagrees" is not what the rule of data/README.md gives against the primary figure; expected "agrees"' "$REGEN" check --data "$T/verdict.json"

finish
