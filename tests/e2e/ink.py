#!/usr/bin/python3
"""
ink.py FILE.pdf TEXT: every character of TEXT, wherever MuPDF (mutool's
structured text) finds it in FILE.pdf, is drawn by poppler (pdftoppm):
its box holds ink.  A glyph whose outline a reader cannot use draws
nothing while the text still copies out (the Chinese briefing's 如 was
so once).  Exits 1, naming the page, when a box is blank or TEXT is not
found at all.  "Blank" is less ink than a twentieth of the box: right
for 如 (a tenth drawn, at most a fortieth from its neighbours), too
much for a sparse glyph such as 下 at a small size.  -v prints each box.
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

RES = 144   # pixels per inch of the crops
pdf, text = sys.argv[1], sys.argv[2]
stext = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "-",
                        pdf], check=True, capture_output=True).stdout
found = blank = 0
for pageno, page in enumerate(ET.fromstring(stext).iter("page"), 1):
    for ch in page.iter("char"):
        if ch.get("c") not in text:
            continue
        q = [float(v) for v in ch.get("quad").split()]
        x0, x1 = min(q[0::2]), max(q[0::2])
        y0, y1 = min(q[1::2]), max(q[1::2])
        s = RES / 72.0
        pgm = subprocess.run(
            ["pdftoppm", "-f", str(pageno), "-l", str(pageno), "-r",
             str(RES), "-gray", "-x", str(int(x0 * s)), "-y",
             str(int(y0 * s)), "-W", str(int((x1 - x0) * s) + 1), "-H",
             str(int((y1 - y0) * s) + 1), pdf], check=True,
            capture_output=True).stdout
        # binary PGM: "P5\nW H\n255\n" then a byte a pixel
        head = pgm.split(b"\n", 3)
        w, h = (int(v) for v in head[1].split())
        pixels = head[3][:w * h]
        ink = sum(1 for p in pixels if p < 128)
        found += 1
        if "-v" in sys.argv[3:]:
            print(pageno, ch.get("c"), int(x0), int(y0), ink, w * h)
        # a drawn CJK glyph inks about a tenth of its box; a blank one
        # only what its neighbours reach into it
        if ink < w * h // 20:
            blank += 1
            print("ink.py: %s: page %d: %s at (%.0f, %.0f) is blank "
                  "(%d of %d pixels inked)" %
                  (pdf, pageno, ch.get("c"), x0, y0, ink, w * h))
if found == 0:
    print("ink.py: %s: %r not found" % (pdf, text))
sys.exit(1 if blank or not found else 0)
