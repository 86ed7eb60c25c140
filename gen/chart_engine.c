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

static double
min_band(struct ce *c, int nbar)
{
	double lh = line_height(c, &c->st_label);
	double vh = line_height(c, &c->st_value) * nbar;

	return (lh > vh ? lh : vh) + 4;
}

/* Height the tick labels under the plot take. */
static double
tick_band(struct ce *c)
{
	return line_height(c, &c->st_tick) + 4;
}

size_t
ce_hbar_capacity(struct ce *c, int nbar)
{
	double h = c->y1 - c->y0 - tick_band(c);

	return h > 0 ? (size_t)(h / min_band(c, nbar)) : 0;
}

static double
bar_total(const struct ce_bar *b)
{
	return b->seg[0].v + (b->nseg > 1 ? b->seg[1].v : 0);
}

/* Ticks, gridlines and their labels along the value axis. */
static void
value_axis(struct ce *c, double x0, double scale, double ytop, double ybot,
    const struct ce_scale *fmt)
{
	double ticks[MAX_TICKS], step, wmax, dmax = (c->x1 - x0) / scale;
	struct text_extent e;
	char *s;
	size_t n, i;
	int count, d;

	/* room per tick label decides how many ticks there can be */
	s = ce_quantity(dmax, &(struct ce_scale){ fmt->div, "", 0 });
	e = text_measure(c->tc, s, &c->st_tick, 0);
	free(s);
	wmax = e.w + 24;
	count = (int)((c->x1 - x0) / wmax);
	n = fmt_ticks(dmax, count > 8 ? 8 : count, ticks, MAX_TICKS, &step);
	d = fmt_step_decimals(step / fmt->div);
	for (i = 0; i < n; i++) {
		double x = x0 + ticks[i] * scale;
		struct scene_item *it;

		s = ce_quantity(ticks[i], &(struct ce_scale){ fmt->div,
		    fmt->suffix, d });
		e = text_measure(c->tc, s, &c->st_tick, 0);
		if (x + e.w / 2 <= c->sc->w - c->pad / 2) {
			if (i > 0)
				scene_line(c->sc, ROLE_GRID, x, ytop, x, ybot,
				    0.75, CC(c, THEME_GRID));
			it = scene_text(c->sc, c->tc, ROLE_TICK_LABEL,
			    x - e.w / 2, ybot + 4, s, &c->st_tick, 0,
			    CC(c, THEME_MUTED));
			it->value = ticks[i];
		}
		free(s);
	}
}

/* A label inside a segment when it fits, else NULL is returned. */
static int
label_fits(struct ce *c, const char *s, double w, double h)
{
	struct text_extent e = text_measure(c->tc, s, &c->st_value, 0);

	return e.w + 2 * 4 <= w && e.h <= h + 2;
}

/*
 * A category name right-aligned to x, centred in its band: on one line,
 * else on two (flush right) when they fit the band, else shortened with
 * an ellipsis.
 */
static void
category_label(struct ce *c, const char *name, double colw, double x,
    double yb, double band)
{
	struct text_style st = c->st_label;
	struct text_extent e = text_measure(c->tc, name, &st, 0);
	char *fit;

	if (e.w > colw) {
		st.align_right = 1;
		e = text_measure(c->tc, name, &st, colw);
		if (e.h <= band && e.h <= 2.5 * st.size * 1.4) {
			scene_text(c->sc, c->tc, ROLE_CATEGORY_LABEL,
			    x - e.w - 0.5, yb + (band - e.h) / 2, name, &st,
			    e.w + 0.5, CC(c, THEME_INK));
			return;
		}
		st.align_right = 0;
	}
	fit = text_fit(c->tc, name, &st, colw);
	e = text_measure(c->tc, fit, &st, 0);
	scene_text(c->sc, c->tc, ROLE_CATEGORY_LABEL, x - e.w,
	    yb + (band - e.h) / 2, fit, &st, 0, CC(c, THEME_INK));
	free(fit);
}

void
ce_hbars(struct ce *c, const struct ce_hbars *in)
{
	double colw = 0, x0, scale = INFINITY, band, ytop, ybot, vh, outw = 0;
	struct text_extent e;
	struct buf desc;
	size_t i;
	int j, k;

	if (in->nlegend > 0)
		ce_legend(c, in->legend, in->nlegend);
	ybot = c->y1 - tick_band(c);
	ytop = c->y0;
	/* category column: as wide as the longest name, at most 36 % */
	for (i = 0; i < in->n; i++) {
		e = text_measure(c->tc, in->rows[i].name, &c->st_label, 0);
		if (e.w > colw)
			colw = e.w;
	}
	if (colw > (c->x1 - c->x0) * 0.36)
		colw = (c->x1 - c->x0) * 0.36;
	x0 = c->x0 + colw + 10;
	/* the scale: every bar plus its end label must fit */
	for (i = 0; i < in->n; i++)
		for (j = 0; j < in->rows[i].nbar; j++) {
			const struct ce_bar *b = &in->rows[i].bar[j];
			double lw = 0, room;

			if (b->end_label != NULL)
				lw = text_measure(c->tc, b->end_label,
				    &c->st_value, 0).w + GAP;
			for (k = 0; k < b->nseg; k++)
				if (b->seg[k].label != NULL) {
					e = text_measure(c->tc,
					    b->seg[k].label, &c->st_value, 0);
					if (e.w + GAP > outw)
						outw = e.w + GAP;
				}
			room = c->x1 - x0 - lw;
			if (in->fixed_max <= 0 && bar_total(b) > 0 &&
			    room / bar_total(b) < scale)
				scale = room / bar_total(b);
		}
	if (in->fixed_max > 0)
		scale = (c->x1 - x0 - outw) / in->fixed_max;
	if (!isfinite(scale) || scale <= 0)
		scale = 1;
	band = in->n ? (ybot - ytop) / (double)in->n : 0;
	/* labels of neighbouring rows would collide */
	if (band < line_height(c, &c->st_value) || c->x1 - x0 < 60)
		c->too_small = 1;
	vh = line_height(c, &c->st_value);
	value_axis(c, x0, scale, ytop, ybot, &in->ticks);

	desc_begin(c, &desc);
	for (i = 0; i < in->n; i++) {
		const struct ce_row *r = &in->rows[i];
		double yb = ytop + band * (double)i, th, y;

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

		/* bars of a group sit together, each at least a label high */
		th = band * 0.78 / r->nbar;
		if (th < vh && vh * r->nbar <= band)
			th = vh;
		if (th > 30)
			th = 30;
		y = yb + (band - th * r->nbar) / 2;
		category_label(c, r->name, colw, x0 - 10, yb, band);
		for (j = 0; j < r->nbar; j++, y += th) {
			const struct ce_bar *b = &r->bar[j];
			double x = x0;

			for (k = 0; k < b->nseg; k++) {
				const struct ce_seg *sg = &b->seg[k];
				double w = sg->v * scale;
				struct scene_item *it;

				it = scene_rect(c->sc, ROLE_BAR, x, y, w, th,
				    sg->rgb);
				it->value = sg->v;
				it->key = xstrdup(b->key);
				it->group = k + j;
				if (sg->label == NULL)
					;
				else if (label_fits(c, sg->label, w, th)) {
					e = text_measure(c->tc, sg->label,
					    &c->st_value, 0);
					scene_text(c->sc, c->tc,
					    ROLE_VALUE_LABEL, x + (w - e.w) / 2,
					    y + (th - e.h) / 2, sg->label,
					    &c->st_value, 0,
					    sg->rgb == CC(c, THEME_REST) ?
					    CC(c, THEME_ON_REST) :
					    CC(c, THEME_ON_HIGHLIGHT));
				} else if (k == b->nseg - 1) {
					e = text_measure(c->tc, sg->label,
					    &c->st_value, 0);
					scene_text(c->sc, c->tc,
					    ROLE_VALUE_LABEL, x + w + GAP,
					    y + (th - e.h) / 2, sg->label,
					    &c->st_value, 0, CC(c, THEME_INK));
				}
				x += w;
			}
			if (b->end_label != NULL) {
				e = text_measure(c->tc, b->end_label,
				    &c->st_value, 0);
				scene_text(c->sc, c->tc, ROLE_VALUE_LABEL,
				    x + GAP, y + (th - e.h) / 2, b->end_label,
				    &c->st_value, 0, CC(c, THEME_INK));
			}
		}
	}
	scene_line(c->sc, ROLE_BASELINE, x0, ytop, x0, ybot, 1, CC(c, THEME_AXIS));
	desc_end(c, &desc);
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

void
ce_vbars(struct ce *c, const char *const *cats, const double *vals,
    char *const *labels, size_t n, const struct ce_scale *fmt, uint32_t rgb)
{
	double ticks[MAX_TICKS], step, vmax = 0, axisw = 0, x0, band, scale;
	double ytop, ybot, vh, lh;
	struct text_extent e;
	struct scene_item *it;
	struct buf desc;
	size_t i, nt;
	int d, k, show_values = 1;
	char *s;

	for (i = 0; i < n; i++)
		if (vals[i] > vmax)
			vmax = vals[i];
	lh = line_height(c, &c->st_tick);
	vh = line_height(c, &c->st_value);
	ybot = c->y1 - lh - 6;
	ytop = c->y0 + vh + 4;
	k = (int)((ybot - ytop) / (lh * 2.5));
	nt = fmt_ticks(vmax, k < 2 ? 2 : k, ticks, MAX_TICKS, &step);
	/* the axis reaches the first tick at or above the largest value */
	if (nt > 0 && ticks[nt - 1] < vmax && nt < MAX_TICKS) {
		ticks[nt] = ticks[nt - 1] + step;
		nt++;
	}
	d = fmt_step_decimals(step / fmt->div);
	for (i = 0; i < nt; i++) {
		s = ce_quantity(ticks[i], &(struct ce_scale){ fmt->div, "", d });
		e = text_measure(c->tc, s, &c->st_tick, 0);
		if (e.w > axisw)
			axisw = e.w;
		free(s);
	}
	x0 = c->x0 + axisw + 8;
	scale = nt > 0 && ticks[nt - 1] > 0 ? (ybot - ytop) / ticks[nt - 1] :
	    1;
	band = n ? (c->x1 - x0) / (double)n : 0;
	if (ybot - ytop < 3 * lh || band < 12)
		c->too_small = 1;
	for (i = 0; i < n; i++)
		if (text_measure(c->tc, labels[i], &c->st_value, 0).w >
		    band * 0.95)
			show_values = 0;	/* never let labels collide */
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
	desc_end(c, &desc);
}
