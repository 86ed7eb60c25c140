/*
 * html: a briefing as one self-contained HTML5 file (html.h).
 *
 * One pass over the document's blocks: the title is the h1, each heading
 * opens a <section> with its h2, charts are <figure>s holding their
 * native SVG, tables are <table>s inside a box that scrolls on its own
 * (a phone is narrower than a table of five columns), the key figures
 * a list.  Rich text keeps its bold, italics, links and the citation
 * marks, which link to their row of the numbered sources.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "render.h"

/* The style sheet: one column that reads from 360 to 1,400 px, the
 * user's colour scheme, and A4 when printed.  Charts keep a white
 * ground in the dark scheme: their colours are the theme's. */
static const char style[] =
    ":root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;"
    "--rule:#d0d7de;--link:#0b5cad;--head:#0b3d6e;--band:#f1f5f9}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0f1419;"
    "--muted:#9da7b3;--rule:#30363d;--link:#79b8ff;--head:#a5d0ff;"
    "--band:#1b222b}}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);"
    "font:1rem/1.6 \"Noto Sans\",\"Noto Sans CJK SC\",system-ui,"
    "sans-serif}\n"
    "main{max-width:46rem;margin:0 auto;padding:1.25rem 1rem 2rem}\n"
    "h1{font-size:1.8rem;line-height:1.25;margin:.5rem 0;"
    "color:var(--head)}\n"
    "h2{font-size:1.35rem;line-height:1.3;color:var(--head);"
    "border-bottom:2px solid var(--head);padding-bottom:.2rem;"
    "margin:2.2rem 0 .8rem}\n"
    "h3{font-size:1.1rem;margin:1.6rem 0 .5rem;color:var(--head)}\n"
    "p{margin:.6rem 0}\n"
    "a{color:var(--link);overflow-wrap:anywhere}\n"
    "a.cite{text-decoration:none}\n"
    ".subtitle{color:var(--muted);font-size:1.1rem;margin-top:0}\n"
    ".keyfigs{list-style:none;padding:0;margin:1.2rem 0;display:grid;"
    "grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem}\n"
    ".keyfigs li{background:var(--band);padding:.7rem .8rem;"
    "border-radius:.4rem;line-height:1.35}\n"
    ".keyfigs .value{display:block;font-size:1.45rem;font-weight:700;"
    "color:var(--head);margin-bottom:.2rem}\n"
    "figure{margin:1.4rem 0}\n"
    "figure svg{display:block;width:100%;height:auto;background:#fff;"
    "padding:.3rem;"
    "border-radius:.3rem}\n"
    "figcaption{font-size:.88rem;color:var(--muted);margin-top:.4rem}\n"
    ".scroll{overflow-x:auto;margin:1rem 0}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9rem;"
    "line-height:1.4}\n"
    "th,td{padding:.35rem .5rem;border-bottom:1px solid var(--rule);"
    "text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid var(--fg)}\n"
    "tbody th{font-weight:inherit}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "tr.total>*{font-weight:700;border-top:2px solid var(--fg)}\n"
    "footer{max-width:46rem;margin:0 auto;padding:.8rem 1rem 2rem;"
    "color:var(--muted);font-size:.85rem;border-top:1px solid var(--rule)}\n"
    "@media print{@page{size:A4;margin:16mm 18mm}\n"
    ":root{--fg:#000;--bg:#fff;--muted:#444;--link:#0b5cad;--head:#0b3d6e;"
    "--rule:#bbb;--band:#f1f5f9}\n"
    "body{font-size:10.5pt}main,footer{max-width:none;padding:0}\n"
    "h2,h3{break-after:avoid}figure,tr,.keyfigs li{break-inside:avoid}\n"
    ".scroll{overflow:visible}}\n";

static void
text(struct buf *out, const char *s)
{
	buf_add_xml(out, s, (size_t)-1);
}

/* Tags opened for a span's flags, in order; closed in reverse. */
static void
span_open(struct buf *out, const struct text_span *sp)
{
	if ((sp->flags & (SPAN_LINK | SPAN_XREF)) && sp->href != NULL) {
		buf_adds(out, sp->flags & SPAN_XREF ? "<a class=\"cite\" href=\""
		    : "<a href=\"");
		text(out, sp->href);
		buf_adds(out, "\">");
	}
	if (sp->flags & SPAN_BOLD)
		buf_adds(out, "<strong>");
	if (sp->flags & SPAN_ITALIC)
		buf_adds(out, "<em>");
}

static void
span_close(struct buf *out, const struct text_span *sp)
{
	if (sp->flags & SPAN_ITALIC)
		buf_adds(out, "</em>");
	if (sp->flags & SPAN_BOLD)
		buf_adds(out, "</strong>");
	if ((sp->flags & (SPAN_LINK | SPAN_XREF)) && sp->href != NULL)
		buf_adds(out, "</a>");
}

/* Rich text: its spans are in order and do not overlap (rich_add). */
static void
rich(struct buf *out, const struct rich *r)
{
	size_t at = 0, len = strlen(r->text), i;
	const struct text_span *sp;

	for (i = 0; i < r->nspans; i++) {
		sp = &r->spans[i];
		if (sp->start < at || sp->end > len || sp->end < sp->start)
			continue;
		buf_add_xml(out, r->text + at, sp->start - at);
		span_open(out, sp);
		buf_add_xml(out, r->text + sp->start, sp->end - sp->start);
		span_close(out, sp);
		at = sp->end;
	}
	buf_add_xml(out, r->text + at, len - at);
}

static void
head(struct buf *out, const struct doc *d, const char *date)
{
	static const struct { const char *name; size_t off; } metas[] = {
		{ "author", offsetof(struct doc, author) },
		{ "description", offsetof(struct doc, subject) },
		{ "keywords", offsetof(struct doc, keywords) },
	};
	const char *v;
	size_t i;

	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"/>\n"
	    "<meta name=\"color-scheme\" content=\"light dark\"/>\n<title>",
	    d->lang == LANG_ZH ? "zh-Hans" : "en");
	text(out, d->title != NULL ? d->title : "");
	buf_adds(out, "</title>\n");
	for (i = 0; i < sizeof(metas) / sizeof(metas[0]); i++) {
		v = *(const char *const *)((const char *)d + metas[i].off);
		if (v == NULL)
			continue;
		buf_printf(out, "<meta name=\"%s\" content=\"", metas[i].name);
		text(out, v);
		buf_adds(out, "\"/>\n");
	}
	buf_adds(out, "<meta name=\"generator\" content=\"regen\"/>\n");
	if (date != NULL) {
		buf_adds(out, "<meta name=\"dcterms.modified\" content=\"");
		text(out, date);
		buf_adds(out, "\"/>\n");
	}
	buf_printf(out, "<style>\n%s</style>\n</head>\n<body>\n<main>\n",
	    style);
}

/* The column that names a row: the first wide one, else the first. */
static size_t
row_header(const struct table *t)
{
	size_t j;

	for (j = 0; j < t->ncols; j++)
		if (t->colflags[j] & CELL_WIDE)
			return j;
	return 0;
}

static void
cell(struct buf *out, const struct table *t, size_t j, const char *tag,
    const char *scope)
{
	buf_printf(out, "<%s", tag);
	if (scope != NULL)
		buf_printf(out, " scope=\"%s\"", scope);
	if (t->colflags[j] & CELL_NUMERIC)
		buf_adds(out, " class=\"num\"");
	buf_adds(out, ">");
}

static void
table(struct buf *out, const struct table *t)
{
	size_t i, j, rh = row_header(t);
	const char *tag;

	buf_adds(out, "<div class=\"scroll\">\n<table>\n<thead>\n<tr>");
	for (j = 0; j < t->ncols; j++) {
		cell(out, t, j, "th", "col");
		text(out, t->head[j]);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr>\n</thead>\n<tbody>\n");
	for (i = 0; i < t->nrows; i++) {
		buf_adds(out, "<tr");
		if (t->is_sources)
			buf_printf(out, " id=\"src-%zu\"", i + 1);
		if (t->last_is_total && i + 1 == t->nrows)
			buf_adds(out, " class=\"total\"");
		buf_adds(out, ">");
		for (j = 0; j < t->ncols; j++) {
			tag = j == rh ? "th" : "td";
			cell(out, t, j, tag, j == rh ? "row" : NULL);
			rich(out, &t->cells[i * t->ncols + j]);
			buf_printf(out, "</%s>", tag);
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n</div>\n");
}

static void
keyfigs(struct buf *out, const struct block *b)
{
	size_t i;

	buf_adds(out, "<ul class=\"keyfigs\">\n");
	for (i = 0; i < b->nfigs; i++) {
		buf_adds(out, "<li><span class=\"value\">");
		rich(out, &b->figs[i].value);
		buf_adds(out, "</span> ");
		text(out, b->figs[i].label);
		buf_adds(out, "</li>\n");
	}
	buf_adds(out, "</ul>\n");
}

/* A chart: its SVG, with ids of its own (fig-N) in the page. */
static int
figure(struct buf *out, const struct scene *s, size_t n,
    struct text_ctx *tc, char **err)
{
	struct render_meta m;
	char idp[32];

	memset(&m, 0, sizeof(m));
	snprintf(idp, sizeof(idp), "fig-%zu", n);
	m.id_prefix = idp;
	m.svg_inline = 1;
	buf_printf(out, "<figure id=\"%s\">\n", idp);
	if (render_svg_native(s, tc, &m, out) == -1) {
		*err = xasprintf("chart %s: no SVG", s->id);
		return -1;
	}
	buf_adds(out, "<figcaption>");
	text(out, s->desc != NULL ? s->desc : s->title != NULL ? s->title :
	    "");
	buf_adds(out, "</figcaption>\n</figure>\n");
	return 0;
}

/* The block's text in an element: tag ("h2"), with attrs ("" or
 * " class=..."). */
static void
element(struct buf *out, const struct block *b, const char *tag,
    const char *attrs)
{
	buf_printf(out, "<%s%s>", tag, attrs);
	rich(out, &b->rich);
	buf_printf(out, "</%s>\n", tag);
}

/* One block; *in_section says whether a <section> is open. */
static int
block(struct buf *out, const struct block *b, int *in_section,
    size_t *nfig, struct text_ctx *tc, char **err)
{
	switch (b->kind) {
	case BLOCK_TITLE:
		element(out, b, "h1", "");
		break;
	case BLOCK_SUBTITLE:
		element(out, b, "p", " class=\"subtitle\"");
		break;
	case BLOCK_HEADING:
		if (*in_section)
			buf_adds(out, "</section>\n");
		*in_section = 1;
		buf_adds(out, "<section");
		if (b->anchor != NULL) {
			buf_adds(out, " id=\"");
			text(out, b->anchor);
			buf_adds(out, "\"");
		}
		buf_adds(out, ">\n");
		element(out, b, "h2", "");
		break;
	case BLOCK_SUBHEADING:
		element(out, b, "h3", "");
		break;
	case BLOCK_PARA:
		element(out, b, "p", "");
		break;
	case BLOCK_KEYFIGS:
		keyfigs(out, b);
		break;
	case BLOCK_CHART:
		if (b->chart != NULL)
			return figure(out, b->chart, ++*nfig, tc, err);
		break;
	case BLOCK_TABLE:
		if (b->table != NULL)
			table(out, b->table);
		break;
	}
	return 0;
}

int
html_doc(const struct doc *d, const char *date, struct text_ctx *tc,
    struct buf *out, char **err)
{
	size_t i, nfig = 0;
	int in_section = 0;

	*err = NULL;
	head(out, d, date);
	for (i = 0; i < d->nblocks; i++)
		if (block(out, &d->blocks[i], &in_section, &nfig, tc,
		    err) == -1)
			return -1;
	if (in_section)
		buf_adds(out, "</section>\n");
	buf_adds(out, "</main>\n");
	if (d->footer.text != NULL && d->footer.text[0] != '\0') {
		buf_adds(out, "<footer>");
		rich(out, &d->footer);
		buf_adds(out, "</footer>\n");
	}
	buf_adds(out, "</body>\n</html>\n");
	return 0;
}
