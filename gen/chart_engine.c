/*
 * chart_engine: header, footer, legend, and the horizontal and vertical
 * bar engines shared by the chart kinds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_engine.h"
#include "fmt.h"
#include "util.h"

#define PAD		24.0	/* canvas margin */
#define GAP		6.0	/* between a bar and its label */
#define MAX_TICKS	64

static void
style(struct text_style *st, double size, int bold,
    const struct chart_spec *spec)
{
	memset(st, 0, sizeof(*st));
	st->size = size * (spec->font_scale > 0 ? spec->font_scale : 1);
	st->bold = bold;
	st->lang = spec->lang;
}

void
ce_init(struct ce *c, const struct chart_spec *spec, const struct model *m,
    struct text_ctx *tc, const char *id)
{
	memset(c, 0, sizeof(*c));
	c->spec = spec;
	c->theme = spec->theme ? spec->theme : theme_default();
	c->m = m;
	c->tc = tc;
	c->sc = scene_new(id, spec->width, spec->height, spec->lang);
	/* a chart in a document sits in the text column: no outer margin */
	c->pad = spec->font_scale < 1 ? 2 : PAD;
	c->x0 = c->pad;
	c->y0 = c->pad;
	c->x1 = spec->width - c->pad;
	c->y1 = spec->height - c->pad;
	style(&c->st_title, 17, 1, spec);
	style(&c->st_sub, 12, 0, spec);
	style(&c->st_label, 12, 0, spec);
	style(&c->st_value, 11, 0, spec);
	style(&c->st_tick, 10, 0, spec);
	style(&c->st_note, 9, 0, spec);
	scene_rect(c->sc, ROLE_BACKGROUND, 0, 0, spec->width, spec->height,
	    CC(c, THEME_BACKGROUND));
}

void
ce_cite(struct ce *c, const struct source *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < c->ncited; i++)
		if (c->cited[i] == s)
			return;
	if (c->ncited < CE_MAX_CITED)
		c->cited[c->ncited++] = s;
}

void
ce_header(struct ce *c, const char *title, const char *subtitle)
{
	struct scene_item *it;
	double w = c->x1 - c->x0;

	it = scene_text(c->sc, c->tc, ROLE_TITLE, c->x0, c->y0, title,
	    &c->st_title, w, CC(c, THEME_INK));
	c->y0 += it->h + 2;
	free(c->sc->title);
	c->sc->title = xstrdup(title);
	free(c->subtitle);
	c->subtitle = xstrdup(subtitle);
	if (subtitle != NULL) {
		it = scene_text(c->sc, c->tc, ROLE_SUBTITLE, c->x0, c->y0,
		    subtitle, &c->st_sub, w, CC(c, THEME_MUTED));
		c->y0 += it->h;
	}
	c->y0 += 14;
}

/* "Source: USGS, Mineral Commodity Summaries 2025; ..." */
static char *
source_line(const struct ce *c)
{
	struct buf b;
	size_t i;
	int zh = c->spec->lang == LANG_ZH;

	buf_init(&b);
	buf_adds(&b, zh ? (c->ncited > 1 ? "来源：" : "来源：") :
	    (c->ncited > 1 ? "Sources: " : "Source: "));
	for (i = 0; i < c->ncited; i++) {
		const struct source *s = c->cited[i];

		if (i > 0)
			buf_adds(&b, zh ? "；" : "; ");
		buf_printf(&b, "%s, %s (%s)", s->publisher, s->title,
		    s->date);
	}
	buf_adds(&b, zh ? "。" : ".");
	return buf_release(&b);
}

void
ce_footer(struct ce *c, const char *const *notes)
{
	struct text_extent e;
	double w = c->x1 - c->x0, y;
	char *src = source_line(c);
	size_t n = 0, i;

	while (notes != NULL && notes[n] != NULL)
		n++;
	/* from the bottom up: source line, then notes in reverse */
	e = text_measure(c->tc, src, &c->st_note, w);
	y = c->y1 - e.h;
	scene_text(c->sc, c->tc, ROLE_SOURCE, c->x0, y, src, &c->st_note, w,
	    CC(c, THEME_MUTED));
	free(src);
	for (i = n; i-- > 0;) {
		e = text_measure(c->tc, notes[i], &c->st_note, w);
		y -= e.h + 1;
		scene_text(c->sc, c->tc, ROLE_NOTE, c->x0, y, notes[i],
		    &c->st_note, w, CC(c, THEME_MUTED));
	}
	c->y1 = y - 12;
}

void
ce_legend(struct ce *c, const struct ce_legend *lg, size_t n)
{
	struct scene_item *it;
	double x = c->x0, h = 0, sw = 12;
	size_t i;

	for (i = 0; i < n; i++) {
		/* a label (an entity's name, from the data) longer than the
		 * chart is wide is cut with an ellipsis */
		char *label = text_fit(c->tc, lg[i].label, &c->st_value,
		    c->x1 - c->x0 - sw - 4);
		struct text_extent e = text_measure(c->tc, label,
		    &c->st_value, 0);

		if (x > c->x0 && x + sw + 4 + e.w > c->x1) {
			x = c->x0;
			c->y0 += h + 4;
			h = 0;
		}
		scene_rect(c->sc, ROLE_LEGEND_SWATCH, x, c->y0 + (e.h - sw) / 2,
		    sw, sw, lg[i].rgb);
		it = scene_text(c->sc, c->tc, ROLE_LEGEND_LABEL, x + sw + 4,
		    c->y0, label, &c->st_value, 0, CC(c, THEME_INK));
		free(label);
		x += sw + 4 + it->w + 18;
		if (e.h > h)
			h = e.h;
	}
	c->y0 += h + 10;
}

char *
ce_quantity(double v, const struct ce_scale *s)
{
	return fmt_quantity(v, s->div, s->suffix, s->decimals);
}

char *
ce_percent(double v)
{
	return fmt_percent(v, 1);
}

/* ---- the one-sentence summary (SVG <desc>, alt text) ---- */

static void
desc_begin(struct ce *c, struct buf *b)
{
	buf_init(b);
	if (c->subtitle != NULL)
		buf_printf(b, "%s. ", c->subtitle);
}

static void
desc_end(struct ce *c, struct buf *b)
{
	if (b->len > 2 && b->data[b->len - 2] == ';')
		b->len -= 2;
	buf_add(b, ".", 1);
	free(c->sc->desc);
	c->sc->desc = buf_release(b);
	free(c->subtitle);
	c->subtitle = NULL;
}

/* ---- horizontal bars ---- */

#define LABEL_LINES	3	/* a category name wraps to at most this */
#define LABEL_GAP	10	/* between the label column and the bars */
#define SEG_PAD		3	/* each side of a label inside a segment */

/* The height of a line of labels: a Latin capital and descender, and in
 * Chinese a Han character too (Noto Sans CJK is a little taller).  An
 * English chart never loads the CJK font for this: that alone was 15% of
 * the time of one English chart. */
static double
line_height(struct ce *c, const struct text_style *st)
{
	return text_measure(c->tc, st->lang == LANG_ZH ? "Xg\xe4\xb8\xad" : "Xg",
	    st, 0).h;
}

/* Height the tick labels under the plot take. */
static double
tick_band(struct ce *c)
{
	return line_height(c, &c->st_tick) + 4;
}

/* A category name wrapped in its column: lines flush right. */
static struct text_style
label_style(const struct ce *c)
{
	struct text_style st = c->st_label;

	st.align_right = 1;
	return st;
}

/* The label column: as wide as the longest name on one line, at most
 * 36 % of the free width; longer names wrap in it, and it is only as
 * wide as their longest line. */
static double
label_column(struct ce *c, const char *const *names, size_t n)
{
	struct text_style st = label_style(c);
	double colw = 0, cap = (c->x1 - c->x0) * 0.36;
	size_t i;

	for (i = 0; i < n; i++)
		colw = fmax(colw, text_measure(c->tc, names[i], &st, cap).w);
	return fmin(colw, cap);
}

/*
 * name as drawn in a label column colw wide: the whole name, wrapped
 * (Chinese between any two characters); only a name that needs more than
 * LABEL_LINES lines is cut, with an ellipsis, after the last of them.
 * Caller frees.
 */
static char *
category_text(struct ce *c, const char *name, double colw)
{
	struct text_style st = label_style(c);
	struct text_lines ln;
	size_t cut;
	char *tail, *s;

	text_lines(c->tc, name, NULL, 0, &st, colw, &ln);
	cut = ln.n > LABEL_LINES ? ln.start[LABEL_LINES - 1] : 0;
	text_lines_free(&ln);
	if (cut == 0)
		return xstrdup(name);
	tail = text_fit(c->tc, name + cut, &c->st_label, colw);
	s = xasprintf("%.*s%s", (int)cut, name, tail);
	free(tail);
	return s;
}

/* The least height of a row: its name in the column, and nbar bars a
 * value label high each, nabove of them with a line of labels above. */
static double
row_need(struct ce *c, const char *text, double colw, int nbar, int nabove)
{
	struct text_style st = label_style(c);
	double vh = line_height(c, &c->st_value);

	return fmax(text_measure(c->tc, text, &st, colw).h,
	    vh * nbar + (vh + 1) * nabove) + 4;
}

size_t
ce_hbar_capacity(struct ce *c, int nbar, const char *const *names,
    size_t n, size_t least)
{
	double colw = label_column(c, names, n), band = 0;
	double h = c->y1 - c->y0 - tick_band(c);
	size_t i, cap = 0;
	char *t;

	for (i = 0; i < n; i++) {
		t = category_text(c, names[i], colw);
		band = fmax(band, row_need(c, t, colw, nbar, 0));
		free(t);
	}
	if (h > 0 && band > 0)
		cap = (size_t)((h + 1e-6) / band);
	return cap > least ? cap : least;
}

static double
bar_total(const struct ce_bar *b)
{
	return b->seg[0].v + (b->nseg > 1 ? b->seg[1].v : 0);
}

/* Where the bars of one ce_hbars go. */
struct hb {
	double	 colw;		/* the label column */
	double	 x0, x1;	/* the plot: zero, its right end */
	double	 ytop, ybot;	/* the plot: top, the tick labels' top */
	double	 scale;		/* points per unit */
	double	 band;		/* the height of a row */
	double	 vh;		/* a line of value labels */
	int	 nabove;	/* the most lines of labels above a row's bars */
};

/* Points per unit: every bar and its end label fit, or the fixed
 * maximum (100 %) spans the plot. */
static double
hbar_scale(struct ce *c, const struct ce_hbars *in, double x0)
{
	double scale = INFINITY, lw, room;
	size_t i;
	int j;

	if (in->fixed_max > 0)
		return (c->x1 - x0) / in->fixed_max;
	for (i = 0; i < in->n; i++)
		for (j = 0; j < in->rows[i].nbar; j++) {
			const struct ce_bar *b = &in->rows[i].bar[j];

			lw = b->end_label == NULL ? 0 : text_measure(c->tc,
			    b->end_label, &c->st_value, 0).w + GAP;
			room = c->x1 - x0 - lw;
			if (bar_total(b) > 0 && room / bar_total(b) < scale)
				scale = room / bar_total(b);
		}
	return isfinite(scale) && scale > 0 ? scale : 1;
}

/* 1 if segment label s fits inside a segment w wide. */
static int
label_fits(struct ce *c, const char *s, double w)
{
	return text_measure(c->tc, s, &c->st_value, 0).w + 2 * SEG_PAD <= w;
}

/* 1 if a label of b does not fit inside its segment: such labels go on
 * a line above the bar, inside the plot, never past its end. */
static int
labels_above(struct ce *c, const struct ce_bar *b, double scale)
{
	int k;

	for (k = 0; k < b->nseg; k++)
		if (b->seg[k].label != NULL &&
		    !label_fits(c, b->seg[k].label, b->seg[k].v * scale))
			return 1;
	return 0;
}

static int
row_above(struct ce *c, const struct ce_row *r, double scale)
{
	int j, n = 0;

	for (j = 0; j < r->nbar; j++)
		n += labels_above(c, &r->bar[j], scale);
	return n;
}

/* Ticks, gridlines and their labels along the value axis.  A tick label
 * at the plot's end is moved in to stay on the canvas. */
static void
value_axis(struct ce *c, const struct hb *g, const struct ce_scale *fmt)
{
	double ticks[MAX_TICKS], step, wmax, dmax = (g->x1 - g->x0) / g->scale;
	double right = c->sc->w - c->pad / 2;
	struct text_extent e;
	char *s;
	size_t n, i;
	int count, d;

	/* room per tick label decides how many ticks there can be */
	s = ce_quantity(dmax, &(struct ce_scale){ fmt->div, "", 0 });
	e = text_measure(c->tc, s, &c->st_tick, 0);
	free(s);
	wmax = e.w + 24;
	count = (int)((g->x1 - g->x0) / wmax);
	n = fmt_ticks(dmax, count > 8 ? 8 : count, ticks, MAX_TICKS, &step);
	d = fmt_step_decimals(step / fmt->div);
	for (i = 0; i < n; i++) {
		double x = g->x0 + ticks[i] * g->scale, lx;
		struct scene_item *it;

		s = ce_quantity(ticks[i], &(struct ce_scale){ fmt->div,
		    fmt->suffix, d });
		e = text_measure(c->tc, s, &c->st_tick, 0);
		lx = fmin(x - e.w / 2, right - e.w);
		if (lx + e.w >= x) {
			if (i > 0)
				scene_line(c->sc, ROLE_GRID, x, g->ytop, x,
				    g->ybot, 0.75, CC(c, THEME_GRID));
			it = scene_text(c->sc, c->tc, ROLE_TICK_LABEL, lx,
			    g->ybot + 4, s, &c->st_tick, 0, CC(c, THEME_MUTED));
			it->value = ticks[i];
		}
		free(s);
	}
}

/*
 * A category name (as category_text gives it) right-aligned to x,
 * centred in its band: one line, or its wrapped lines flush right.
 */
static void
category_label(struct ce *c, const char *text, double colw, double x,
    double yb, double band)
{
	struct text_style st = c->st_label;
	struct text_extent e = text_measure(c->tc, text, &st, 0);

	if (e.w <= colw) {
		scene_text(c->sc, c->tc, ROLE_CATEGORY_LABEL, x - e.w,
		    yb + (band - e.h) / 2, text, &st, 0, CC(c, THEME_INK));
		return;
	}
	st = label_style(c);
	e = text_measure(c->tc, text, &st, colw);
	scene_text(c->sc, c->tc, ROLE_CATEGORY_LABEL, x - e.w - 0.5,
	    yb + (band - e.h) / 2, text, &st, e.w + 0.5, CC(c, THEME_INK));
}

/* The labels of b's segments too narrow for them, on the line above the
 * bar (whose top is y): each centred on its segment, after the one
 * before, and moved in to end inside the plot. */
static void
segment_labels_above(struct ce *c, const struct hb *g, const struct ce_bar *b,
    double y)
{
	double x = g->x0, after = g->x0, lx;
	struct text_extent e;
	int k;

	for (k = 0; k < b->nseg; k++) {
		const struct ce_seg *sg = &b->seg[k];
		double w = sg->v * g->scale;

		if (sg->label != NULL && !label_fits(c, sg->label, w)) {
			e = text_measure(c->tc, sg->label, &c->st_value, 0);
			lx = fmax(x + (w - e.w) / 2, after);
			lx = fmax(fmin(lx, g->x1 - e.w), g->x0);
			scene_text(c->sc, c->tc, ROLE_VALUE_LABEL, lx,
			    y - 1 - e.h, sg->label, &c->st_value, 0,
			    CC(c, THEME_INK));
			after = lx + e.w + 4;
		}
		x += w;
	}
}

/* One bar of a row, its top at y, th thick: segments with the labels
 * that fit inside them, and its end label. */
static void
hbar(struct ce *c, const struct hb *g, const struct ce_bar *b, int j,
    double y, double th)
{
	struct text_extent e;
	struct scene_item *it;
	double x = g->x0;
	int k;

	for (k = 0; k < b->nseg; k++) {
		const struct ce_seg *sg = &b->seg[k];
		double w = sg->v * g->scale;

		it = scene_rect(c->sc, ROLE_BAR, x, y, w, th, sg->rgb);
		it->value = sg->v;
		it->key = xstrdup(b->key);
		it->group = k + j;
		if (sg->label != NULL && label_fits(c, sg->label, w)) {
			e = text_measure(c->tc, sg->label, &c->st_value, 0);
			scene_text(c->sc, c->tc, ROLE_VALUE_LABEL,
			    x + (w - e.w) / 2, y + (th - e.h) / 2, sg->label,
			    &c->st_value, 0, sg->rgb == CC(c, THEME_REST) ?
			    CC(c, THEME_ON_REST) : CC(c, THEME_ON_HIGHLIGHT));
		}
		x += w;
	}
	segment_labels_above(c, g, b, y);
	if (b->end_label != NULL) {
		e = text_measure(c->tc, b->end_label, &c->st_value, 0);
		scene_text(c->sc, c->tc, ROLE_VALUE_LABEL, x + GAP,
		    y + (th - e.h) / 2, b->end_label, &c->st_value, 0,
		    CC(c, THEME_INK));
	}
}

/* Row i (its name as drawn: text) in its band: bars of a group sit
 * together, each at least a label high, a line of labels above a bar
 * whose segments cannot hold them. */
static void
hbar_row(struct ce *c, const struct hb *g, const struct ce_row *r,
    const char *text, double yb)
{
	double avail = g->band - (g->vh + 1) * g->nabove, th, y;
	int j;

	/* one thickness for every row, lines of labels above or not */
	th = avail * 0.78 / r->nbar;
	if (th < g->vh && g->vh * r->nbar <= avail)
		th = g->vh;
	if (th > 30)
		th = 30;
	y = yb + (g->band - th * r->nbar - (g->vh + 1) *
	    row_above(c, r, g->scale)) / 2;
	category_label(c, text, g->colw, g->x0 - LABEL_GAP, yb, g->band);
	for (j = 0; j < r->nbar; j++, y += th) {
		if (labels_above(c, &r->bar[j], g->scale))
			y += g->vh + 1;
		hbar(c, g, &r->bar[j], j, y, th);
	}
}

/* The one-sentence summary of horizontal bars. */
static void
hbars_desc(struct ce *c, const struct ce_hbars *in)
{
	struct buf desc;
	size_t i;
	int j, k;

	desc_begin(c, &desc);
	for (i = 0; i < in->n; i++) {
		const struct ce_row *r = &in->rows[i];

		buf_printf(&desc, "%s", r->name);
		for (j = 0; j < r->nbar; j++) {
			const struct ce_bar *b = &r->bar[j];

			if (r->nbar > 1 && j < (int)in->nlegend)
				buf_printf(&desc, " %s", in->legend[j].label);
			if (b->end_label != NULL)
				buf_printf(&desc, " %s", b->end_label);
			for (k = 0; b->end_label == NULL && k < b->nseg; k++)
				buf_printf(&desc, "%s %s %s", k ? "," : "",
				    k < (int)in->nlegend ? in->legend[k].label :
				    "", b->seg[k].label ? b->seg[k].label : "");
			if (j + 1 < r->nbar)
				buf_adds(&desc, ",");
		}
		buf_adds(&desc, "; ");
	}
	desc_end(c, &desc);
}

/* The plot of a chart, for tests and readers of the scene. */
static void
set_plot(struct ce *c, double x0, double y0, double x1, double y1)
{
	c->sc->plot_x = x0;
	c->sc->plot_y = y0;
	c->sc->plot_w = x1 - x0;
	c->sc->plot_h = y1 - y0;
}

/*
 * The geometry of in: the label column, the plot, the scale, and the
 * names as drawn (into text, caller frees each); says in c->need how
 * much taller the canvas must be for every row to be legible.
 */
static void
hbar_layout(struct ce *c, const struct ce_hbars *in, struct hb *g,
    char **text)
{
	const char **names = xcalloc(in->n + 1, sizeof(*names));
	double need = 0;
	size_t i;

	for (i = 0; i < in->n; i++)
		names[i] = in->rows[i].name;
	g->colw = label_column(c, names, in->n);
	free(names);
	g->x0 = c->x0 + g->colw + LABEL_GAP;
	g->x1 = c->x1;
	g->ytop = c->y0;
	g->ybot = c->y1 - tick_band(c);
	g->vh = line_height(c, &c->st_value);
	g->scale = hbar_scale(c, in, g->x0);
	g->nabove = 0;
	for (i = 0; i < in->n; i++) {
		int na = row_above(c, &in->rows[i], g->scale);

		text[i] = category_text(c, in->rows[i].name, g->colw);
		need = fmax(need, row_need(c, text[i], g->colw,
		    in->rows[i].nbar, na));
		if (na > g->nabove)
			g->nabove = na;
	}
	g->band = in->n ? (g->ybot - g->ytop) / (double)in->n : 0;
	if (need * (double)in->n > g->ybot - g->ytop)
		c->need = fmax(c->need, need * (double)in->n -
		    (g->ybot - g->ytop));
	if (g->x1 - g->x0 < 60)
		c->too_small = 1;	/* no room for bars beside the names */
	set_plot(c, g->x0, g->ytop, g->x1, g->ybot);
}

void
ce_hbars(struct ce *c, const struct ce_hbars *in)
{
	char **text = xcalloc(in->n + 1, sizeof(*text));
	struct hb g;
	size_t i;

	if (in->nlegend > 0)
		ce_legend(c, in->legend, in->nlegend);
	hbar_layout(c, in, &g, text);
	value_axis(c, &g, &in->ticks);
	for (i = 0; i < in->n; i++) {
		hbar_row(c, &g, &in->rows[i], text[i],
		    g.ytop + g.band * (double)i);
		free(text[i]);
	}
	free(text);
	scene_line(c->sc, ROLE_BASELINE, g.x0, g.ytop, g.x0, g.ybot, 1,
	    CC(c, THEME_AXIS));
	scene_cut_lines(c->sc, ROLE_GRID, ROLE_VALUE_LABEL, 2);
	hbars_desc(c, in);
}

void
ce_hbars_free(struct ce_hbars *in)
{
	size_t i;
	int j, k;

	for (i = 0; i < in->n; i++) {
		free(in->rows[i].name);
		for (j = 0; j < in->rows[i].nbar; j++) {
			free(in->rows[i].bar[j].end_label);
			free(in->rows[i].bar[j].key);
			for (k = 0; k < in->rows[i].bar[j].nseg; k++)
				free(in->rows[i].bar[j].seg[k].label);
		}
	}
	free(in->rows);
	in->rows = NULL;
	in->n = 0;
}

/* ---- vertical bars ---- */

#define LEAST_TICKS	5	/* the tick count a columns axis aims at, at
				   least: three gridlines or more */

/*
 * The ticks of a vertical axis h points tall for values up to vmax
 * (ticks holds MAX_TICKS): about one per 2.5 tick lines, at least
 * LEAST_TICKS, reaching far enough past the tallest bar to hold its
 * label, vh high, inside the plot.  Returns how many, the step in *step.
 */
static size_t
vticks(double vmax, double h, double lh, double vh, double *ticks,
    double *step)
{
	int k = (int)(h / (lh * 2.5));
	size_t n = fmt_ticks(vmax, k < LEAST_TICKS ? LEAST_TICKS : k, ticks,
	    MAX_TICKS, step);

	while (n < MAX_TICKS && (ticks[n - 1] <= 0 ||
	    (ticks[n - 1] - vmax) * h / ticks[n - 1] < vh + 3)) {
		ticks[n] = ticks[n - 1] + *step;
		n++;
	}
	return n;
}

/* The least plot height of vertical bars: LEAST_TICKS ticks two tick
 * lines apart. */
static double
vbars_least(struct ce *c)
{
	return LEAST_TICKS * 2 * line_height(c, &c->st_tick);
}

/* The width of the widest tick label. */
static double
vaxis_width(struct ce *c, const double *ticks, size_t nt, int d,
    const struct ce_scale *fmt)
{
	double w = 0;
	size_t i;
	char *s;

	for (i = 0; i < nt; i++) {
		s = ce_quantity(ticks[i], &(struct ce_scale){ fmt->div, "", d });
		w = fmax(w, text_measure(c->tc, s, &c->st_tick, 0).w);
		free(s);
	}
	return w;
}

/* The tick labels and gridlines of a vertical axis at x0, from ybot up. */
static void
vaxis(struct ce *c, const double *ticks, size_t nt, int d,
    const struct ce_scale *fmt, double x0, double ybot, double scale)
{
	struct scene_item *it;
	struct text_extent e;
	size_t i;
	char *s;

	for (i = 0; i < nt; i++) {
		double y = ybot - ticks[i] * scale;

		if (i > 0)
			scene_line(c->sc, ROLE_GRID, x0, y, c->x1, y, 0.75,
			    CC(c, THEME_GRID));
		s = ce_quantity(ticks[i], &(struct ce_scale){ fmt->div, "", d });
		e = text_measure(c->tc, s, &c->st_tick, 0);
		it = scene_text(c->sc, c->tc, ROLE_TICK_LABEL, x0 - 8 - e.w,
		    y - e.h / 2, s, &c->st_tick, 0, CC(c, THEME_MUTED));
		it->value = ticks[i];
		free(s);
	}
}

void
ce_vbars(struct ce *c, const char *const *cats, const double *vals,
    char *const *labels, size_t n, const struct ce_scale *fmt, uint32_t rgb)
{
	double ticks[MAX_TICKS], step, vmax = 0, x0, band, scale;
	double ytop, ybot, vh, lh;
	struct text_extent e;
	struct scene_item *it;
	struct buf desc;
	size_t i, nt;
	int d, show_values = 1;
	char *s;

	for (i = 0; i < n; i++)
		if (vals[i] > vmax)
			vmax = vals[i];
	lh = line_height(c, &c->st_tick);
	vh = line_height(c, &c->st_value);
	ybot = c->y1 - lh - 6;
	ytop = c->y0;
	if (ybot - ytop < vbars_least(c))
		c->need = fmax(c->need, vbars_least(c) - (ybot - ytop));
	nt = vticks(vmax, ybot - ytop, lh, vh, ticks, &step);
	d = fmt_step_decimals(step / fmt->div);
	x0 = c->x0 + vaxis_width(c, ticks, nt, d, fmt) + 8;
	scale = (ybot - ytop) / ticks[nt - 1];
	band = n ? (c->x1 - x0) / (double)n : 0;
	if (band < 12)
		c->too_small = 1;	/* no room for the columns */
	set_plot(c, x0, ytop, c->x1, ybot);
	for (i = 0; i < n; i++)
		if (text_measure(c->tc, labels[i], &c->st_value, 0).w >
		    band * 0.95)
			show_values = 0;	/* never let labels collide */
	vaxis(c, ticks, nt, d, fmt, x0, ybot, scale);
	desc_begin(c, &desc);
	for (i = 0; i < n; i++) {
		double bw = band * 0.6, x = x0 + band * (double)i +
		    (band - bw) / 2, h = vals[i] * scale;

		buf_printf(&desc, "%s %s; ", cats[i], labels[i]);

		it = scene_rect(c->sc, ROLE_BAR, x, ybot - h, bw, h, rgb);
		it->value = vals[i];
		it->key = xstrdup(cats[i]);
		if (show_values) {
			e = text_measure(c->tc, labels[i], &c->st_value, 0);
			scene_text(c->sc, c->tc, ROLE_VALUE_LABEL,
			    x + (bw - e.w) / 2, ybot - h - 3 - e.h, labels[i],
			    &c->st_value, 0, CC(c, THEME_INK));
		}
		s = text_fit(c->tc, cats[i], &c->st_tick, band * 0.95);
		e = text_measure(c->tc, s, &c->st_tick, 0);
		scene_text(c->sc, c->tc, ROLE_CATEGORY_LABEL,
		    x + (bw - e.w) / 2, ybot + 5, s, &c->st_tick, 0, CC(c, THEME_INK));
		free(s);
	}
	scene_line(c->sc, ROLE_BASELINE, x0, ybot, c->x1, ybot, 1, CC(c, THEME_AXIS));
	scene_cut_lines(c->sc, ROLE_GRID, ROLE_VALUE_LABEL, 2);
	desc_end(c, &desc);
}
