#!/usr/bin/python3
"""
fonts.py FILE.pdf...: read the fonts a regen PDF embeds with real
readers and check what matters to its readers.

qpdf takes the PDF apart (its JSON, streams decoded) and fontTools
reads each embedded font program:

- every font is embedded, as a font program fontTools can read;
- every character the PDF's ToUnicode maps names a glyph with an
  outline (not for white space): a glyph that draws nothing is a
  character a reader sees blank (U+5982 was, in the Chinese briefing,
  when Cairo emptied a subroutine it called);
- TrueType fonts carry no hinting: no fpgm, prep or cvt table and no
  glyph with instructions.

Prints one line per problem and exits 1 if there is any.
"""
import base64
import io
import json
import re
import subprocess
import sys

from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

problems = []


def bad(msg):
    problems.append(msg)
    print("fonts.py: " + msg)


def objects(pdf):
    out = subprocess.run(["qpdf", "--json", "--json-stream-data=inline",
                          "--decode-level=generalized", pdf],
                         check=True, capture_output=True).stdout
    return json.loads(out)["qpdf"][1]


def get(objs, ref):
    return objs.get("obj:" + ref, {})


def stream(objs, ref):
    s = get(objs, ref).get("stream", {})
    return s["dict"], base64.b64decode(s.get("data", ""))


def to_unicode(data):
    """code -> text of a ToUnicode CMap (bfchar and bfrange)."""
    text = data.decode("latin-1")
    out = {}

    def u(h):
        return bytes.fromhex(h).decode("utf-16-be")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for c, t in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(c, 16)] = u(t)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, t in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                block):
            first = int(t, 16)
            for i, c in enumerate(range(int(a, 16), int(b, 16) + 1)):
                out[c] = chr(first + i) if first + i < 0x10000 else ""
    return out


def has_outline(glyphset, name):
    pen = BoundsPen(glyphset)
    glyphset[name].draw(pen)
    return pen.bounds is not None


def check_cff(pdf, name, data, cmap):
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    charset = top.charset
    for code, text in sorted(cmap.items()):
        if not text.strip():
            continue
        # Cairo writes a CID-keyed font whose CIDs are its glyph numbers
        if code >= len(charset):
            bad("%s: %s: no glyph for CID %d (%r)" % (pdf, name, code, text))
            continue
        try:
            ok = has_outline(top.CharStrings, charset[code])
        except Exception as e:  # a broken charstring
            ok = False
            bad("%s: %s: glyph of %r (CID %d) does not draw: %s" %
                (pdf, name, text, code, e))
            continue
        if not ok:
            bad("%s: %s: glyph of %r (CID %d) is blank" %
                (pdf, name, text, code))


def check_truetype(pdf, name, data, cmap, cid):
    font = TTFont(io.BytesIO(data))
    for tag in ("fpgm", "prep", "cvt "):
        if tag in font:
            bad("%s: %s: has hinting (%s)" % (pdf, name, tag.strip()))
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    for g in order:
        prog = getattr(glyf[g], "program", None)
        if prog is not None and len(prog.getBytecode()) > 0:
            bad("%s: %s: glyph %s has instructions" % (pdf, name, g))
            break
    if not cid:
        # a simple font (WinAnsi): readers go from the code to its
        # character, and through the font's Unicode cmap to the glyph
        best = {}
        for t in font["cmap"].tables:
            best.update(t.cmap)
    glyphs = font.getGlyphSet()
    for code, text in sorted(cmap.items()):
        if not text.strip():
            continue
        if cid:     # Identity CIDToGIDMap
            g = order[code] if code < len(order) else None
        else:
            g = best.get(ord(text[0])) if len(text) == 1 else None
        if g is None:
            bad("%s: %s: no glyph for code %d (%r)" % (pdf, name, code, text))
        elif not has_outline(glyphs, g):
            bad("%s: %s: glyph of %r (code %d) is blank" %
                (pdf, name, text, code))


def check(pdf):
    objs = objects(pdf)
    n = 0
    for key, o in objs.items():
        v = o.get("value")
        if not isinstance(v, dict) or v.get("/Type") != "/Font":
            continue
        name = v.get("/BaseFont", "?")[1:]
        if v.get("/Subtype") in ("/CIDFontType0", "/CIDFontType2"):
            continue    # read through its Type0 font
        if v.get("/Subtype") == "/Type0":
            desc_font = get(objs, v["/DescendantFonts"][0])["value"]
            cid = True
        else:
            desc_font = v
            cid = False
        desc = get(objs, desc_font.get("/FontDescriptor", "")).get("value")
        if desc is None:
            bad("%s: %s is not embedded" % (pdf, name))
            continue
        ref = desc.get("/FontFile3") or desc.get("/FontFile2")
        if ref is None:
            bad("%s: %s is not embedded as CFF or TrueType" % (pdf, name))
            continue
        if "/ToUnicode" not in v:
            bad("%s: %s has no ToUnicode" % (pdf, name))
            continue
        _, data = stream(objs, ref)
        _, tu = stream(objs, v["/ToUnicode"])
        cmap = to_unicode(tu)
        if "/FontFile3" in desc:
            check_cff(pdf, name, data, cmap)
        else:
            check_truetype(pdf, name, data, cmap, cid)
        n += 1
    if n == 0:
        bad("%s: no embedded font" % pdf)


for f in sys.argv[1:]:
    check(f)
sys.exit(1 if problems else 0)
