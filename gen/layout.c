/*
 * layout: pagination of documents.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util.h"

#define RGB_INK		0x1A1A1Au
#define RGB_MUTED	0x5F6670u
#define RGB_HEAD	0x0B3C6Bu	/* headings */
#define RGB_ACCENT	0x0072B2u
#define RGB_RULE	0xC9CED6u
#define RGB_HEAD_BG	0xEAF0F6u	/* table heading row */
#define RGB_BOX_BG	0xF1F5F9u	/* key-figure boxes */
#define RGB_WHITE	0xFFFFFFu

#define CELL_PAD_X	4.0
#define CELL_PAD_Y	3.0

struct lay {
	const struct doc	*d;
	struct text_ctx		*tc;
	struct layout		*out;
	struct scene		*page;
	double			 x0, w;		/* text column */
	double			 ytop, ybot;	/* body area */
	double			 y;		/* next free y */
	struct text_style	 body, title, subtitle, h1, h2, cell,
				 cell_bold, small, fig_value, fig_label;
	int			 overflow;	/* more than the page limit */
};

static void
style(struct text_style *st, double size, int bold, double spacing,
    enum lang lang)
{
	memset(st, 0, sizeof(*st));
	st->size = size;
	st->bold = bold;
	st->spacing = spacing;
	st->lang = lang;
}

static void
new_page(struct lay *l)
{
	struct layout *o = l->out;

	if (o->npages >= LAYOUT_MAX_PAGES) {
		l->overflow = 1;	/* keep laying out on the last page;
					   layout_doc reports it */
		l->y = l->ytop;
		return;
	}

	l->page = scene_new("page", l->d->page_w, l->d->page_h, l->d->lang);
	scene_rect(l->page, ROLE_BACKGROUND, 0, 0, l->d->page_w,
	    l->d->page_h, RGB_WHITE);
	o->pages = xreallocarray(o->pages, o->npages + 1, sizeof(*o->pages));
	o->pages[o->npages++] = l->page;
	l->y = l->ytop;
}

static int
at_top(const struct lay *l)
{
	return l->y <= l->ytop + 0.01;
}

/* Start a new page unless h more points fit (or the page is empty). */
static void
ensure(struct lay *l, double h)
{
	if (l->y + h > l->ybot && !at_top(l))
		new_page(l);
}

static double
rich_height(struct lay *l, const struct rich *r, const struct text_style *st,
    double wrap)
{
	return text_measure_spans(l->tc, r->text, r->spans, r->nspans, st,
	    wrap).h;
}

/* Height of the first two lines of a paragraph (for keep-with-next). */
static double
first_lines(struct lay *l, const struct rich *r, const struct text_style *st)
{
	struct text_lines tl;
	double h;

	text_lines(l->tc, r->text, r->spans, r->nspans, st, l->w, &tl);
	h = tl.n == 0 ? 0 : tl.bottom[tl.n > 1 ? 1 : 0];
	text_lines_free(&tl);
	return h;
}

static double table_head_height(struct lay *, const struct table *,
    const double *);
static double row_height(struct lay *, const struct table *, size_t,
    const double *, const struct text_style *);
static void column_widths(struct lay *, const struct table *, double *);

/* How much of block b must fit below a heading. */
static double
lead_height(struct lay *l, const struct block *b)
{
	double cw[16];

	if (b == NULL)
		return 0;
	switch (b->kind) {
	case BLOCK_PARA:
		return first_lines(l, &b->rich, &l->body);
	case BLOCK_SUBHEADING:
		return rich_height(l, &b->rich, &l->h2, l->w) + 8 +
		    (b + 1 < l->d->blocks + l->d->nblocks &&
		    (b + 1)->kind == BLOCK_PARA ?
		    first_lines(l, &(b + 1)->rich, &l->body) : 0);
	case BLOCK_CHART:
		return b->chart ? b->chart->h : 0;
	case BLOCK_TABLE:
		if (b->table == NULL || b->table->ncols > 16)
			return 0;
		column_widths(l, b->table, cw);
		return table_head_height(l, b->table, cw) +
		    (b->table->nrows ? row_height(l, b->table, 0, cw,
		    &l->cell) : 0);
	default:
		return 0;
	}
}

/* A text block of the column, as one structure element (tag). */
static void
place_text(struct lay *l, const char *tag, enum scene_role role,
    const struct rich *r, const struct text_style *st, uint32_t rgb,
    double after)
{
	struct scene_item *it;

	scene_tag(l->page, 1, tag, NULL);
	it = scene_text_spans(l->page, l->tc, role, l->x0, l->y, r->text,
	    r->spans, r->nspans, st, l->w, rgb);
	l->y += it->h + after;
	scene_tag(l->page, 0, tag, NULL);
}

static void
heading(struct lay *l, const struct block *b, const struct block *next)
{
	struct layout *o = l->out;
	double h = rich_height(l, &b->rich, &l->h1, l->w);

	if (!at_top(l))
		l->y += 14;
	ensure(l, h + 10 + lead_height(l, next));
	o->outline = xreallocarray(o->outline, o->noutline + 1,
	    sizeof(*o->outline));
	o->outline[o->noutline].title = xstrdup(b->rich.text);
	o->outline[o->noutline].page = (int)o->npages;
	o->outline[o->noutline].y = l->y;
	o->noutline++;
	place_text(l, "H2", ROLE_HEADING, &b->rich, &l->h1, RGB_HEAD, 3);
	scene_line(l->page, ROLE_TABLE_RULE, l->x0, l->y, l->x0 + l->w, l->y,
	    0.8, RGB_ACCENT);
	l->y += 8;
}

static void
subheading(struct lay *l, const struct block *b, const struct block *next)
{
	double h = rich_height(l, &b->rich, &l->h2, l->w);

	if (!at_top(l))
		l->y += 6;
	ensure(l, h + 4 + lead_height(l, next));
	place_text(l, "H3", ROLE_HEADING, &b->rich, &l->h2, RGB_HEAD, 4);
}

/* The part of r from byte off on, spans shifted; caller frees. */
static void
rich_tail(const struct rich *r, size_t off, struct rich *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	rich_set(out, r->text + off);
	for (i = 0; i < r->nspans; i++) {
		const struct text_span *sp = &r->spans[i];

		if (sp->end <= off)
			continue;
		out->spans = xreallocarray(out->spans, out->nspans + 1,
		    sizeof(*out->spans));
		out->spans[out->nspans] = *sp;
		out->spans[out->nspans].start = sp->start > off ?
		    sp->start - off : 0;
		out->spans[out->nspans].end = sp->end - off;
		out->spans[out->nspans].href = xstrdup(sp->href);
		out->nspans++;
	}
}

/* The part of r before byte off; caller frees. */
static void
rich_head(const struct rich *r, size_t off, struct rich *out)
{
	size_t i, n = off;

	memset(out, 0, sizeof(*out));
	while (n > 0 && r->text[n - 1] == ' ')
		n--;
	rich_add(out, r->text, n, 0, NULL);
	for (i = 0; i < r->nspans; i++) {
		const struct text_span *sp = &r->spans[i];

		if (sp->start >= n)
			continue;
		out->spans = xreallocarray(out->spans, out->nspans + 1,
		    sizeof(*out->spans));
		out->spans[out->nspans] = *sp;
		if (out->spans[out->nspans].end > n)
			out->spans[out->nspans].end = n;
		out->spans[out->nspans].href = xstrdup(sp->href);
		out->nspans++;
	}
}

/* A paragraph, split across pages by lines where it must be. */
static void
paragraph(struct lay *l, const struct rich *r0, const struct text_style *st,
    uint32_t rgb, double after)
{
	struct rich cur, head, tail;
	struct text_lines tl;
	size_t k;

	rich_tail(r0, 0, &cur);
	for (;;) {
		text_lines(l->tc, cur.text, cur.spans, cur.nspans, st, l->w,
		    &tl);
		for (k = 0; k < tl.n && l->y + tl.bottom[k] <= l->ybot; k++)
			;
		if (k == tl.n) {
			place_text(l, "P", ROLE_PARAGRAPH, &cur, st, rgb,
			    after);
			text_lines_free(&tl);
			break;
		}
		/* no single line at the foot (orphan) or head (widow) */
		if (k + 1 == tl.n && k >= 3)
			k--;
		if (k < 2 && !at_top(l)) {
			text_lines_free(&tl);
			new_page(l);
			continue;
		}
		if (k == 0)
			k = 1;	/* a line taller than a page: place it */
		rich_head(&cur, tl.start[k], &head);
		rich_tail(&cur, tl.start[k], &tail);
		place_text(l, "P", ROLE_PARAGRAPH, &head, st, rgb, 0);
		rich_free(&head);
		rich_free(&cur);
		cur = tail;
		text_lines_free(&tl);
		new_page(l);
	}
	rich_free(&cur);
}

static void
chart(struct lay *l, const struct block *b)
{
	if (b->chart == NULL)
		return;
	if (!at_top(l))
		l->y += 4;
	ensure(l, b->chart->h);
	/* a Figure whose alternative text is the chart's summary */
	scene_tag(l->page, 1, "Figure", b->chart->desc);
	scene_append(l->page, b->chart, l->x0, l->y);
	scene_tag(l->page, 0, "Figure", NULL);
	l->y += b->chart->h + 12;
}

/* ---- tables ---- */

static const struct rich *
cell(const struct table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

/* Natural widths, then the spare width (or the shortfall) goes to the
 * wide columns; every column at least a little room. */
static void
column_widths(struct lay *l, const struct table *t, double *cw)
{
	double total = 0, fixed = 0, nat[16];
	size_t c, r, nwide = 0;

	for (c = 0; c < t->ncols; c++) {
		nat[c] = text_measure(l->tc, t->head[c], &l->cell_bold, 0).w;
		for (r = 0; r < t->nrows; r++) {
			/* the total row is bold, so wider */
			const struct text_style *st = t->last_is_total &&
			    r + 1 == t->nrows ? &l->cell_bold : &l->cell;
			double w = text_measure_spans(l->tc,
			    cell(t, r, c)->text, cell(t, r, c)->spans,
			    cell(t, r, c)->nspans, st, 0).w;

			if (w > nat[c])
				nat[c] = w;
		}
		nat[c] += 2 * CELL_PAD_X;
		total += nat[c];
		if (t->colflags[c] & CELL_WIDE)
			nwide++;
		else
			fixed += nat[c] > l->w * 0.3 ? l->w * 0.3 : nat[c];
	}
	for (c = 0; c < t->ncols; c++) {
		if (total <= l->w)
			cw[c] = nat[c] + ((t->colflags[c] & CELL_WIDE) ?
			    (l->w - total) / (double)nwide : 0);
		else if (t->colflags[c] & CELL_WIDE)
			cw[c] = (l->w - fixed) / (double)nwide;
		else
			cw[c] = nat[c] > l->w * 0.3 ? l->w * 0.3 : nat[c];
		if (nwide == 0 && total <= l->w)
			cw[c] = nat[c] * l->w / total;
	}
}

static double
row_height(struct lay *l, const struct table *t, size_t row, const double *cw,
    const struct text_style *st)
{
	double h = 0, e;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		e = row == (size_t)-1 ?
		    text_measure(l->tc, t->head[c], st, cw[c] - 2 *
		    CELL_PAD_X).h :
		    rich_height(l, cell(t, row, c), st, cw[c] - 2 * CELL_PAD_X);
		if (e > h)
			h = e;
	}
	return h + 2 * CELL_PAD_Y;
}

static double
table_head_height(struct lay *l, const struct table *t, const double *cw)
{
	return row_height(l, t, (size_t)-1, cw, &l->cell_bold);
}

static void
table_cell(struct lay *l, const struct rich *r, double x, double cwid,
    unsigned flags, const struct text_style *st)
{
	double wrap = cwid - 2 * CELL_PAD_X, tx = x + CELL_PAD_X;

	if (flags & CELL_NUMERIC) {
		double w = text_measure_spans(l->tc, r->text, r->spans,
		    r->nspans, st, wrap).w;

		tx = x + cwid - CELL_PAD_X - w;
	}
	scene_text_spans(l->page, l->tc, ROLE_TABLE_CELL, tx,
	    l->y + CELL_PAD_Y, r->text, r->spans, r->nspans, st, wrap,
	    RGB_INK);
}

static void
table_head(struct lay *l, const struct table *t, const double *cw)
{
	double h = table_head_height(l, t, cw), x = l->x0;
	struct rich r = { .text = NULL };
	size_t c;

	scene_rect(l->page, ROLE_TABLE_RULE, l->x0, l->y, l->w, h,
	    RGB_HEAD_BG);
	scene_tag(l->page, 1, "TR", NULL);
	for (c = 0; c < t->ncols; c++) {
		rich_set(&r, t->head[c]);
		scene_tag(l->page, 1, "TH", NULL);
		table_cell(l, &r, x, cw[c], t->colflags[c], &l->cell_bold);
		scene_tag(l->page, 0, "TH", NULL);
		x += cw[c];
	}
	scene_tag(l->page, 0, "TR", NULL);
	rich_free(&r);
	l->y += h;
}

static void
table(struct lay *l, const struct table *t)
{
	double cw[16], x, h;
	size_t r, c;

	if (t == NULL || t->ncols == 0 || t->ncols > 16)
		return;
	column_widths(l, t, cw);
	if (!at_top(l))
		l->y += 2;
	/* a table starts where its heading and first rows (up to three)
	 * fit: never a heading and a lone row at the foot of a page */
	h = table_head_height(l, t, cw);
	for (r = 0; r < t->nrows && r < 3; r++)
		h += row_height(l, t, r, cw, &l->cell);
	ensure(l, h);
	scene_tag(l->page, 1, "Table", NULL);
	table_head(l, t, cw);
	for (r = 0; r < t->nrows; r++) {
		int total = t->last_is_total && r + 1 == t->nrows;
		const struct text_style *st = total ? &l->cell_bold : &l->cell;

		h = row_height(l, t, r, cw, st);
		if (l->y + h > l->ybot) {
			/* a table split over pages: one Table per page */
			scene_tag(l->page, 0, "Table", NULL);
			new_page(l);
			scene_tag(l->page, 1, "Table", NULL);
			table_head(l, t, cw);
		}
		if (total)
			scene_line(l->page, ROLE_TABLE_RULE, l->x0, l->y,
			    l->x0 + l->w, l->y, 0.8, RGB_INK);
		if (t->is_sources) {
			/* the target of the "[n]" marks */
			char *dest = xasprintf("name='src-%zu' x=%.2f y=%.2f",
			    r + 1, l->x0, l->y);

			scene_tag(l->page, 1, "cairo.dest", dest);
			scene_tag(l->page, 0, "cairo.dest", NULL);
			free(dest);
		}
		scene_tag(l->page, 1, "TR", NULL);
		for (x = l->x0, c = 0; c < t->ncols; c++) {
			scene_tag(l->page, 1, "TD", NULL);
			table_cell(l, cell(t, r, c), x, cw[c], t->colflags[c],
			    st);
			scene_tag(l->page, 0, "TD", NULL);
			x += cw[c];
		}
		scene_tag(l->page, 0, "TR", NULL);
		l->y += h;
		scene_line(l->page, ROLE_TABLE_RULE, l->x0, l->y,
		    l->x0 + l->w, l->y, 0.5, RGB_RULE);
	}
	scene_tag(l->page, 0, "Table", NULL);
	l->y += 12;
}

/* ---- title block ---- */

static void
key_figures(struct lay *l, const struct block *b)
{
	const double gap = 10, pad = 8;
	size_t per = b->nfigs <= 4 ? b->nfigs : (b->nfigs + 1) / 2, i, j;
	double bw = (l->w - gap * (double)(per - 1)) / (double)per, h;

	for (i = 0; i < b->nfigs; i += per) {
		double hv = 0, hl = 0;

		for (j = i; j < b->nfigs && j < i + per; j++) {
			double a = rich_height(l, &b->figs[j].value,
			    &l->fig_value, bw - 2 * pad);
			double c = text_measure(l->tc, b->figs[j].label,
			    &l->fig_label, bw - 2 * pad).h;

			hv = a > hv ? a : hv;
			hl = c > hl ? c : hl;
		}
		h = pad + hv + 4 + hl + pad;
		ensure(l, h);
		for (j = i; j < b->nfigs && j < i + per; j++) {
			const struct keyfig *f = &b->figs[j];
			double x = l->x0 + (double)(j - i) * (bw + gap);

			scene_rect(l->page, ROLE_KEY_FIGURE, x, l->y, bw, h,
			    RGB_BOX_BG);
			scene_rect(l->page, ROLE_KEY_FIGURE, x, l->y, 3, h,
			    RGB_ACCENT);
			scene_text_spans(l->page, l->tc, ROLE_KEY_FIGURE,
			    x + pad, l->y + pad, f->value.text, f->value.spans,
			    f->value.nspans, &l->fig_value, bw - 2 * pad,
			    RGB_ACCENT);
			scene_text(l->page, l->tc, ROLE_KEY_FIGURE, x + pad,
			    l->y + pad + hv + 4, f->label, &l->fig_label,
			    bw - 2 * pad, RGB_INK);
		}
		l->y += h + gap;
	}
	l->y += 8;
}

/*
 * Header (from page 2) and footer with "Page X of Y" on every page, each
 * one line centred in its margin band (shortened with an ellipsis when it
 * is too long), so neither reaches the body or the page edge.
 */
static void
furniture(struct lay *l)
{
	struct layout *o = l->out;
	struct text_extent e, h;
	size_t i;
	char *num, *fit;
	double m = l->d->margin, hy, fy;

	h = text_measure(l->tc, "Xg", &l->small, 0);
	hy = (m - h.h) / 2;
	fy = l->d->page_h - m + (m - h.h) / 2;
	for (i = 0; i < o->npages; i++) {
		struct scene *pg = o->pages[i];

		if (i > 0 && l->d->header.text[0] != '\0') {
			fit = text_fit(l->tc, l->d->header.text, &l->small,
			    l->w);
			scene_text(pg, l->tc, ROLE_PAGE_HEADER, l->x0, hy, fit,
			    &l->small, 0, RGB_MUTED);
			free(fit);
			if (hy + h.h + 3 < m)
				scene_line(pg, ROLE_TABLE_RULE, l->x0,
				    hy + h.h + 2, l->x0 + l->w, hy + h.h + 2,
				    0.5, RGB_RULE);
		}
		num = l->d->lang == LANG_ZH ?
		    xasprintf("第%zu页，共%zu页", i + 1, o->npages) :
		    xasprintf("Page %zu of %zu", i + 1, o->npages);
		e = text_measure(l->tc, num, &l->small, 0);
		if (l->d->footer.text[0] != '\0') {
			fit = text_fit(l->tc, l->d->footer.text, &l->small,
			    l->w - e.w - 20);
			scene_text(pg, l->tc, ROLE_PAGE_FOOTER, l->x0, fy, fit,
			    &l->small, 0, RGB_MUTED);
			free(fit);
		}
		scene_text(pg, l->tc, ROLE_PAGE_FOOTER, l->x0 + l->w - e.w, fy,
		    num, &l->small, 0, RGB_MUTED);
		free(num);
	}
}

int
layout_doc(const struct doc *d, struct text_ctx *tc, const char *file,
    struct layout *out, struct diags *diags)
{
	struct lay l;
	struct pos p = { file, 0, 0 };
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&l, 0, sizeof(l));
	l.d = d;
	l.tc = tc;
	l.out = out;
	l.x0 = d->margin;
	l.w = d->page_w - 2 * d->margin;
	l.ytop = d->margin;
	l.ybot = d->page_h - d->margin;
	style(&l.body, 10.5, 0, 3.5, d->lang);
	style(&l.title, 22, 1, 2, d->lang);
	style(&l.subtitle, 13, 0, 2, d->lang);
	style(&l.h1, 15, 1, 0, d->lang);
	style(&l.h2, 11.5, 1, 0, d->lang);
	style(&l.cell, 8.5, 0, 1.5, d->lang);
	style(&l.cell_bold, 8.5, 1, 1.5, d->lang);
	style(&l.small, 8, 0, 0, d->lang);
	style(&l.fig_value, 19, 1, 0, d->lang);
	style(&l.fig_label, 8.5, 0, 1, d->lang);
	new_page(&l);
	for (i = 0; i < d->nblocks; i++) {
		const struct block *b = &d->blocks[i];
		const struct block *next = i + 1 < d->nblocks ? b + 1 : NULL;

		if (l.overflow) {
			p.line = b->line;
			diags_add(diags, &p, "the report needs more than %d "
			    "pages (the limit) by this block", LAYOUT_MAX_PAGES);
			return -1;
		}
		switch (b->kind) {
		case BLOCK_TITLE:
			place_text(&l, "H1", ROLE_TITLE, &b->rich, &l.title,
			    RGB_INK, 6);
			break;
		case BLOCK_SUBTITLE:
			place_text(&l, "P", ROLE_SUBTITLE, &b->rich,
			    &l.subtitle, RGB_MUTED, 14);
			break;
		case BLOCK_HEADING:
			heading(&l, b, next);
			break;
		case BLOCK_SUBHEADING:
			subheading(&l, b, next);
			break;
		case BLOCK_PARA:
			paragraph(&l, &b->rich, &l.body, RGB_INK, 7);
			break;
		case BLOCK_KEYFIGS:
			key_figures(&l, b);
			break;
		case BLOCK_CHART:
			chart(&l, b);
			break;
		case BLOCK_TABLE:
			table(&l, b->table);
			break;
		}
	}
	if (l.overflow) {
		diags_add(diags, &p, "the report needs more than %d pages "
		    "(the limit)", LAYOUT_MAX_PAGES);
		return -1;
	}
	furniture(&l);
	return 0;
}

void
layout_free(struct layout *o)
{
	size_t i;

	for (i = 0; i < o->npages; i++)
		scene_free(o->pages[i]);
	for (i = 0; i < o->noutline; i++)
		free((char *)o->outline[i].title);
	free(o->pages);
	free(o->outline);
	memset(o, 0, sizeof(*o));
}
