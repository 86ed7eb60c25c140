#!/usr/bin/python3
"""The HTML briefing's structure, read with an XML parser (regen writes
well-formed markup) and compared with regen's PDF of the same briefing,
as poppler and MuPDF read it.

Usage: html.py briefing BRIEFING.html BRIEFING.pdf LANG TEMPLATE
       html.py index DIR BRIEFINGS CHARTS

Prints "ok" or "bad WHY" per check; tests/e2e/html.sh counts them.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def say(ok, why):
    print("ok" if ok else "bad " + why)


def text(e):
    return re.sub(r"\s+", " ", "".join(e.itertext())).strip()


def squash(s):
    return re.sub(r"\s+", "", s)


def pdf_outline(pdf):
    out = subprocess.run(["mutool", "show", pdf, "outline"], check=True,
                         capture_output=True, text=True).stdout
    return [m.group(1) for m in re.finditer(r'^\|\t"(.*)"\t', out, re.M)]


def pdf_title(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True,
                         text=True).stdout
    m = re.search(r"^Title:\s+(.*)$", out, re.M)
    return m.group(1).strip() if m else None


def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                          check=True, capture_output=True,
                          text=True).stdout


def briefing(html, pdf, lang, template):
    name = os.path.basename(html)
    try:
        root = ET.parse(html).getroot()
    except ET.ParseError as e:
        say(False, f"{name}: not well-formed: {e}")
        return
    say(True, "")
    say(root.get("lang") == lang,
        f"{name}: <html lang> is {root.get('lang')!r}, not {lang!r}")
    body = root.find("body")

    # no script, nothing fetched
    fetch = [e.tag for e in root.iter()
             if e.tag in ("script", "link", "img", "iframe", "object",
                          "embed", "video", "audio", "source")
             or e.get("src") is not None or e.tag == SVG + "image"]
    say(not fetch, f"{name}: loads {fetch[:3]}")
    style = "".join(text(s) for s in root.iter("style"))
    say("url(" not in style and "@import" not in style,
        f"{name}: the style sheet fetches something")
    say("@media print" in style and "prefers-color-scheme:dark" in style,
        f"{name}: no print or dark style")

    # one h1, the PDF's title; one h2 per PDF bookmark, in order
    h1 = list(root.iter("h1"))
    say(len(h1) == 1 and text(h1[0]) == pdf_title(pdf),
        f"{name}: h1 {[text(h) for h in h1]} is not the PDF's title "
        f"{pdf_title(pdf)!r}")
    h2 = [text(h) for h in root.iter("h2")]
    outline = pdf_outline(pdf)
    say(h2 == outline, f"{name}: h2 {h2} differ from the PDF's bookmarks "
        f"{outline}")
    sections = list(body.iter("section"))
    say(len(sections) == len(h2) and all(
        len(s) > 0 and s[0].tag == "h2" for s in sections),
        f"{name}: {len(sections)} sections for {len(h2)} h2, or a "
        "section not opened by its h2")

    # a figure per <chart> of the template, each an SVG with its title
    # and summary, and a caption
    with open(template, encoding="utf-8") as f:
        charts = len(re.findall(r"<chart\b", f.read()))
    figs = list(root.iter("figure"))
    say(len(figs) == charts,
        f"{name}: {len(figs)} figures for {charts} charts")
    for fig in figs:
        svg = fig.find(SVG + "svg")
        cap = fig.find("figcaption")
        good = (svg is not None and svg.get("viewBox")
                and svg.get("role") == "img"
                and text(svg.find(SVG + "title")) != ""
                and svg.find(SVG + "desc") is not None
                and cap is not None and text(cap) != ""
                and len(list(svg.iter(SVG + "rect"))) > 3
                and len(list(svg.iter(SVG + "text"))) > 3)
        say(good, f"{name}: figure {fig.get('id')} lacks its SVG, title, "
            "desc, caption, bars or labels")

    # tables: column headings and a row heading in every row
    tables = list(root.iter("table"))
    say(len(tables) > 0, f"{name}: no table")
    for t in tables:
        head = t.findall("thead/tr/th")
        rows = t.findall("tbody/tr")
        good = (head and all(h.get("scope") == "col" for h in head)
                and rows and all(
                    len([c for c in r if c.tag == "th"]) == 1
                    and r.find("th").get("scope") == "row"
                    and len(r) == len(head) for r in rows))
        say(bool(good), f"{name}: a table without th scope=col headings "
            "or one th scope=row per row")

    # every internal link lands; citations go to the numbered sources
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    links = [a.get("href") for a in root.iter("a") if a.get("href")]
    inner = [h[1:] for h in links if h.startswith("#")]
    missing = [h for h in inner if h not in ids]
    say(inner and not missing, f"{name}: links to {missing[:3]} land "
        "nowhere")
    cites = [a for a in root.iter("a") if a.get("class") == "cite"]
    say(cites and all(re.fullmatch(r"\[\d+\]", text(a)) and
                      a.get("href") == "#src-" + text(a)[1:-1]
                      for a in cites),
        f"{name}: citations that are not [n] linking to #src-n")
    srcs = sorted(int(i[4:]) for i in ids if re.fullmatch(r"src-\d+", i))
    say(srcs == list(range(1, len(srcs) + 1)) and len(srcs) >= max(
        int(text(a)[1:-1]) for a in cites),
        f"{name}: sources numbered {srcs[:5]}...")
    say(all(h.startswith(("#", "https://", "http://")) for h in links),
        f"{name}: a link that is neither internal nor to the web")

    # the key figures are a list, with the PDF's values
    pdf_t = squash(pdf_text(pdf))
    kf = root.find(".//ul[@class='keyfigs']")
    vals = [text(li.find("span")) for li in kf] if kf is not None else []
    say(len(vals) >= 3, f"{name}: {len(vals)} key figures in a list")
    lost = [v for v in vals if squash(v) not in pdf_t]
    say(not lost, f"{name}: key figures not in the PDF: {lost}")
    # every quantity in the running text is the PDF's too
    body_t = " ".join(text(p) for p in root.iter("p"))
    qty = set(re.findall(r"\d[\d,.]*\d(?: ?%| Mt| t\b)", body_t))
    lost = sorted(q for q in qty if squash(q) not in pdf_t)
    say(len(qty) > 10 and not lost,
        f"{name}: {len(qty)} quantities, not in the PDF: {lost[:5]}")


def size_text(n):
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def index(d, briefings, charts):
    path = os.path.join(d, "index.html")
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        say(False, f"index.html: {e}")
        return
    say(True, "")
    cards = list(root.iter("li"))
    cards = [c for c in cards if c.get("class") == "card"]
    titles = [text(c.find("h3")) for c in cards]
    say(len(cards) == briefings + charts and all(titles),
        f"index.html: {len(cards)} cards with titles, not "
        f"{briefings} + {charts}")
    for h2, n in (("Briefings", briefings), ("Charts", charts)):
        say(any(text(h) == f"{h2} ({n})" for h in root.iter("h2")),
            f"index.html: no heading {h2} ({n})")
    # every link and preview is a file there, with its size beside it
    bad = []
    for c in cards:
        img = c.find("img")
        # a preview when there is a picture to show: a chart's, or a
        # briefing's first page
        first = [a.get("href") for a in c.iter("a")
                 if re.search(r"(-1\.svg|-1\.png|\.svg|\.png)$",
                              a.get("href"))]
        if first and (img is None or not os.path.isfile(
                os.path.join(d, img.get("src")))):
            bad.append(f"{titles[cards.index(c)]}: no preview")
        for li in c.iter("li"):
            for a in li.findall("a"):
                f = os.path.join(d, a.get("href"))
                if not os.path.isfile(f):
                    bad.append(f"{a.get('href')} is not there")
            size = li.find("span")
            if len(li.findall("a")) == 1 and size is not None:
                f = os.path.join(d, li.find("a").get("href"))
                if os.path.isfile(f) and text(size) != size_text(
                        os.path.getsize(f)):
                    bad.append(f"{li.find('a').get('href')}: size "
                               f"{text(size)}")
    say(not bad, f"index.html: {bad[:4]}")
    have = {a.get("href") for a in root.iter("a")}
    for f in ("briefing.html", "briefing.pdf", "briefing.zh.html",
              "briefing.zh.pdf", "charts/reserves.svg",
              "charts/reserves.zh.png", "charts/reserves.pdf",
              "charts/reserves.alt.txt", "briefing-1.svg"):
        if os.path.isfile(os.path.join(d, f)):
            say(f in have, f"index.html: no link to {f}")


if __name__ == "__main__":
    if sys.argv[1] == "briefing":
        briefing(*sys.argv[2:6])
    else:
        index(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
