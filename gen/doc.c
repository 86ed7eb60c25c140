/*
 * doc: the document model, citations, rich text and the tables built
 * from the dataset.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "doc.h"
#include "fmt.h"
#include "util.h"
#include "words.h"

#define ZH(d)		((d)->lang == LANG_ZH)
#define W(d, w)		word((d)->lang, (w))

struct doc *
doc_new(enum lang lang)
{
	struct doc *d = xcalloc(1, sizeof(*d));

	d->lang = lang;
	d->page_w = 595.28;	/* A4 */
	d->page_h = 841.89;
	d->margin = 56;
	rich_set(&d->header, "");
	rich_set(&d->footer, "");
	return d;
}

void
rich_free(struct rich *r)
{
	free(r->text);
	text_spans_free(r->spans, r->nspans);
	memset(r, 0, sizeof(*r));
}

void
rich_set(struct rich *r, const char *s)
{
	rich_free(r);
	rich_add(r, s, strlen(s), 0, NULL);
}

void
rich_add(struct rich *r, const char *s, size_t len, unsigned flags,
    const char *href)
{
	size_t old = r->len, need = old + len + 1;
	struct text_span *sp;

	/* doubling: a paragraph is built a character at a time */
	if (need > r->cap) {
		r->cap = need > 2 * r->cap ? need : 2 * r->cap;
		r->text = xrealloc(r->text, r->cap);
	}
	memcpy(r->text + old, s, len);
	r->text[old + len] = '\0';
	r->len = old + len;
	if (flags == 0 || len == 0)
		return;
	/* extend the previous span when the style continues */
	if (r->nspans > 0) {
		sp = &r->spans[r->nspans - 1];
		if (sp->end == old && sp->flags == flags &&
		    ((sp->href == NULL && href == NULL) || (sp->href && href &&
		    strcmp(sp->href, href) == 0))) {
			sp->end = old + len;
			return;
		}
	}
	r->spans = xreallocarray(r->spans, r->nspans + 1, sizeof(*r->spans));
	sp = &r->spans[r->nspans++];
	sp->start = old;
	sp->end = old + len;
	sp->flags = flags;
	sp->href = xstrdup(href);
}

static void
table_free(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->head[i]);
	for (i = 0; i < t->nrows * t->ncols; i++)
		rich_free(&t->cells[i]);
	free(t->head);
	free(t->colflags);
	free(t->cells);
	free(t);
}

void
doc_free(struct doc *d)
{
	size_t i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->nblocks; i++) {
		struct block *b = &d->blocks[i];

		rich_free(&b->rich);
		free(b->anchor);
		scene_free(b->chart);
		table_free(b->table);
		for (j = 0; j < b->nfigs; j++) {
			rich_free(&b->figs[j].value);
			free(b->figs[j].label);
		}
		free(b->figs);
	}
	free(d->blocks);
	free(d->title);
	free(d->author);
	free(d->subject);
	free(d->keywords);
	rich_free(&d->header);
	rich_free(&d->footer);
	free(d->cited);
	free(d);
}

struct block *
doc_add_block(struct doc *d, enum block_kind kind, int line)
{
	struct block *b;

	d->blocks = xreallocarray(d->blocks, d->nblocks + 1,
	    sizeof(*d->blocks));
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->line = line;
	return b;
}

size_t
doc_cite(struct doc *d, const struct source *s)
{
	size_t i;

	for (i = 0; i < d->ncited; i++)
		if (d->cited[i] == s)
			return i + 1;
	d->cited = xreallocarray(d->cited, d->ncited + 1, sizeof(*d->cited));
	d->cited[d->ncited++] = s;
	return d->ncited;
}

/* The fewest decimals (at most max) that show v exactly. */
static int
exact_decimals(double v, int max)
{
	double x = v;
	int d;

	for (d = 0; d < max; d++, x *= 10)
		if (fabs(x - floor(x + 0.5)) < 1e-9 * fmax(1, fabs(x)))
			return d;
	return max;
}

/* v in the display ud (NULL: the unit's largest scale v reaches), with
 * its unit as how says: "44.0 Mt", "4,400万吨", "85 million tonnes". */
static char *
quantity(const struct doc *d, const struct unit *u, double v,
    const struct unit_disp *ud, int decimals, enum qty_unit how)
{
	struct unit_disp auto_ud;
	char suffix[96];

	if (ud == NULL) {
		unit_display(u, d->lang, fabs(v), &auto_ud);
		ud = &auto_ud;
	}
	if (decimals == DOC_DEC_EXACT)
		decimals = exact_decimals(v / ud->div, 2);
	else if (ud->div == 1 && decimals < 0 && u->kind != UNIT_OTHER)
		decimals = 0;	/* whole tonnes, whole counts */
	unit_suffix(how == QTY_NONE ? "" : how == QTY_WORDS && ud->words ?
	    ud->words : ud->symbol, d->lang, suffix, sizeof(suffix));
	return fmt_quantity(v, ud->div, suffix, decimals);
}

char *
doc_quantity_as(const struct doc *d, const struct unit *u, double v,
    const char *scale, int decimals, enum qty_unit how)
{
	struct unit_disp ud;

	if (scale != NULL && unit_display_id(u, d->lang, scale, &ud) == 0)
		return quantity(d, u, v, &ud, decimals, how);
	return quantity(d, u, v, NULL, decimals, how);
}

char *
doc_quantity(const struct doc *d, const struct unit *u, double v,
    const char *scale, int decimals)
{
	return doc_quantity_as(d, u, v, scale, decimals, QTY_SYMBOL);
}

/* "Reserves (Mt)": a series' short name and the symbol of a column. */
static char *
column_heading(const struct doc *d, const struct series *s,
    const struct unit_disp *ud)
{
	const char *name = ZH(d) ? (s->label_zh ? s->label_zh : s->title_zh) :
	    (s->label ? s->label : s->title);

	const struct word_arg a[] = { { "label", name },
	    { "symbol", ud->symbol } };

	if (ud->symbol[0] == '\0')
		return xstrdup(name);
	return words_expand(W(d, W_HEAD_UNIT), a, 2);
}

/* ---- tables ---- */

static struct table *
table_new(size_t ncols, const char *const *head, const unsigned *flags)
{
	struct table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->ncols = ncols;
	t->head = xcalloc(ncols, sizeof(*t->head));
	t->colflags = xcalloc(ncols, sizeof(*t->colflags));
	for (i = 0; i < ncols; i++) {
		t->head[i] = xstrdup(head[i]);
		t->colflags[i] = flags[i];
	}
	return t;
}

/* A column: its heading (words.h) and how its cells sit. */
struct col {
	enum word	 head;
	unsigned	 flags;
};

/* A table whose headings are fixed words, in the document's language. */
static struct table *
table_cols(const struct doc *d, const struct col *cols, size_t n)
{
	const char *head[8];
	unsigned fl[8];
	size_t i;

	for (i = 0; i < n && i < 8; i++) {
		head[i] = W(d, cols[i].head);
		fl[i] = cols[i].flags;
	}
	return table_new(i, head, fl);
}

/* Append a row; cells given as plain strings, which are taken over. */
static struct rich *
table_row(struct table *t)
{
	t->cells = xreallocarray(t->cells, (t->nrows + 1) * t->ncols,
	    sizeof(*t->cells));
	memset(&t->cells[t->nrows * t->ncols], 0,
	    t->ncols * sizeof(*t->cells));
	return &t->cells[t->nrows++ * t->ncols];
}

static void
cell_take(struct rich *c, char *s)
{
	rich_set(c, s);
	free(s);
}

/* " [n]" after a cell's text. */
static void
cell_cite(struct doc *d, struct rich *c, const struct source *s)
{
	char mark[32];

	size_t n = doc_cite(d, s);
	char dest[32];

	snprintf(mark, sizeof(mark), "[%zu]", n);
	snprintf(dest, sizeof(dest), "#src-%zu", n);
	rich_add(c, " ", 1, 0, NULL);
	rich_add(c, mark, strlen(mark), SPAN_XREF, dest);
}

struct table *
doc_table_ranked(struct doc *d, const struct series *s, int year, int top,
    const char **why)
{
	static const unsigned fl[] = { CELL_NUMERIC, CELL_WIDE, CELL_NUMERIC,
	    CELL_NUMERIC };
	const char *head[4];
	const struct observation **v;
	const struct total *tot = series_total(s, year);
	struct table *t;
	struct rich *r;
	struct unit_disp ud;
	double base = series_share_base(s, year), shown = 0, eff;
	size_t n = 0, i, k;
	char *hdr;

	if ((n = series_ranked(s, year, &v)) == 0) {
		free(v);
		*why = "the series has no country values for the year";
		return NULL;
	}
	/* one scale for the column and its heading: the largest value's */
	unit_display(s->unit, d->lang, v[0]->value, &ud);
	hdr = column_heading(d, s, &ud);
	head[0] = "#";
	head[1] = W(d, W_COUNTRY);
	head[2] = hdr;
	head[3] = W(d, W_SHARE_OF_WORLD);
	t = table_new(4, head, fl);
	free(hdr);
	k = top > 0 && (size_t)top < n ? (size_t)top : n;
	for (i = 0; i < k; i++) {
		r = table_row(t);
		cell_take(&r[0], xasprintf("%zu", i + 1));
		rich_set(&r[1], entity_name(v[i]->entity, d->lang));
		/* the unit is in the heading */
		cell_take(&r[2], quantity(d, s->unit, v[i]->value, &ud, -1,
		    QTY_NONE));
		cell_take(&r[3], fmt_percent(100 * v[i]->value / base, 1));
		shown += v[i]->value;
		if (v[i]->source != s->source)
			cell_cite(d, &r[2], v[i]->source);
	}
	eff = series_effective_total(s, year, NULL);
	if (eff - shown > 0 && k < n) {
		r = table_row(t);
		rich_set(&r[0], "");
		rich_set(&r[1], W(d, W_REST));
		cell_take(&r[2], quantity(d, s->unit, eff - shown, &ud, -1,
		    QTY_NONE));
		cell_take(&r[3], fmt_percent(100 * (eff - shown) / base, 1));
	}
	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year == year && s->obs[i].na) {
			r = table_row(t);
			rich_set(&r[0], "");
			rich_set(&r[1], entity_name(s->obs[i].entity,
			    d->lang));
			rich_set(&r[2], W(d, W_NA));
			rich_set(&r[3], W(d, W_NA));
		}
	if (tot != NULL) {
		char *q = quantity(d, s->unit, tot->value, &ud, DOC_DEC_EXACT,
		    QTY_NONE);

		r = table_row(t);
		rich_set(&r[0], "");
		rich_set(&r[1], W(d, W_WORLD));
		cell_take(&r[2], tot->qual == TOTAL_MORE_THAN ?
		    doc_more_than(d, q) : xstrdup(q));
		rich_set(&r[3], tot->qual == TOTAL_MORE_THAN ? "" : "100%");
		free(q);
		cell_cite(d, &r[2], tot->source);
		t->last_is_total = 1;
	}
	doc_cite(d, s->source);
	free(v);
	return t;
}

struct table *
doc_table_change(struct doc *d, const struct series *s, int from, int to,
    int top, const char **why)
{
	static const unsigned fl[] = { CELL_WIDE, CELL_NUMERIC, CELL_NUMERIC,
	    CELL_NUMERIC };
	const char *head[4];
	const struct observation **v;
	struct unit_disp ud;
	struct table *t;
	struct rich *r;
	char *y0, *y1;
	double vmax;
	size_t n = 0, i, k;

	if ((n = series_ranked(s, to, &v)) == 0) {
		free(v);
		*why = "the series has no country values for the year";
		return NULL;
	}
	k = top > 0 && (size_t)top < n ? (size_t)top : n;
	/* one scale for both year columns: the largest value of either */
	for (vmax = 0, i = 0; i < k; i++) {
		const struct observation *o = series_obs(s, v[i]->entity->id,
		    from);

		vmax = fmax(vmax, v[i]->value);
		if (o != NULL && !o->na)
			vmax = fmax(vmax, o->value);
	}
	unit_display(s->unit, d->lang, vmax, &ud);
	y0 = xasprintf("%d (%s)", from, ud.symbol);
	y1 = xasprintf("%d (%s)", to, ud.symbol);
	head[0] = W(d, W_COUNTRY);
	head[1] = y0;
	head[2] = y1;
	head[3] = W(d, W_CHANGE);
	t = table_new(4, head, fl);
	free(y0);
	free(y1);
	for (i = 0; i < k; i++) {
		const struct observation *o = series_obs(s, v[i]->entity->id,
		    from);

		r = table_row(t);
		rich_set(&r[0], entity_name(v[i]->entity, d->lang));
		if (o == NULL || o->na) {
			rich_set(&r[1], W(d, W_NA));
			rich_set(&r[3], W(d, W_NA));
		} else {
			cell_take(&r[1], quantity(d, s->unit, o->value, &ud,
			    -1, QTY_NONE));
			if (o->value > 0)
				cell_take(&r[3], fmt_signed_percent(100 *
				    (v[i]->value - o->value) / o->value, 1));
			else
				rich_set(&r[3], W(d, W_NA));
		}
		cell_take(&r[2], quantity(d, s->unit, v[i]->value, &ud, -1,
		    QTY_NONE));
	}
	doc_cite(d, s->source);
	free(v);
	return t;
}

/* A revised value of a revisions table: n/a, or v in the table's scale. */
static char *
revised_cell(const struct doc *d, const struct series *s,
    const struct observation *o, const struct unit_disp *ud)
{
	if (o->na)
		return xstrdup(W(d, W_NA));
	/* exactly, even 4,500 t in a column of Mt (0.0045) */
	return quantity(d, s->unit, o->value, ud, exact_decimals(o->value /
	    ud->div, 6), QTY_NONE);
}

/* The world row: each edition's total of the year, when it changed. */
static void
revised_world(struct doc *d, const struct series *s, struct table *t,
    const struct unit_disp *ud, int year)
{
	const struct total *a = series_total(s->previous, year);
	const struct total *b = series_total(s, year);
	struct rich *r;
	char *q;

	if (a == NULL || b == NULL || (a->value == b->value &&
	    a->qual == b->qual))
		return;
	r = table_row(t);
	rich_set(&r[0], W(d, W_WORLD));
	cell_take(&r[1], xasprintf("%d", year));
	q = quantity(d, s->unit, a->value, ud, DOC_DEC_EXACT, QTY_NONE);
	cell_take(&r[2], a->qual == TOTAL_MORE_THAN ? doc_more_than(d, q) :
	    xstrdup(q));
	free(q);
	q = quantity(d, s->unit, b->value, ud, DOC_DEC_EXACT, QTY_NONE);
	cell_take(&r[3], b->qual == TOTAL_MORE_THAN ? doc_more_than(d, q) :
	    xstrdup(q));
	free(q);
	cell_take(&r[4], fmt_signed_percent(100 * (b->value - a->value) /
	    a->value, 1));
	t->last_is_total = 1;
}

struct table *
doc_table_revisions(struct doc *d, const struct series *s, const char **why)
{
	static const unsigned fl[] = { CELL_WIDE, 0, CELL_NUMERIC,
	    CELL_NUMERIC, CELL_NUMERIC };
	struct changes cs = { 0 };
	const char *head[5];
	struct unit_disp ud;
	struct table *t;
	struct rich *r;
	char *h2, *h3;
	double vmax = 0;
	int year = 0;
	size_t i;

	if (s->previous == NULL) {
		*why = "the series keeps no previous edition";
		return NULL;
	}
	diff_series(s->previous, s, &cs);
	for (i = 0; i < cs.n; i++)
		if (cs.v[i].kind == CHANGE_REVISED && cs.v[i].old_obs) {
			vmax = fmax(vmax, fmax(cs.v[i].old_obs->value,
			    cs.v[i].new_obs->value));
			year = cs.v[i].new_obs->year;
		}
	if (year == 0) {
		changes_free(&cs);
		*why = "the new edition revised none of the previous one's "
		    "figures";
		return NULL;
	}
	/* one scale for both editions' columns */
	unit_display(s->unit, d->lang, vmax, &ud);
	head[0] = W(d, W_COUNTRY);
	head[1] = W(d, W_YEAR);
	head[2] = h2 = xasprintf("%s (%s)", W(d, W_PREVIOUS_EDITION),
	    ud.symbol);
	head[3] = h3 = xasprintf("%s (%s)", W(d, W_THIS_EDITION), ud.symbol);
	head[4] = W(d, W_CHANGE);
	t = table_new(5, head, fl);
	free(h2);
	free(h3);
	for (i = 0; i < cs.n; i++) {
		const struct observation *a = cs.v[i].old_obs;
		const struct observation *b = cs.v[i].new_obs;

		if (cs.v[i].kind != CHANGE_REVISED || a == NULL)
			continue;
		r = table_row(t);
		rich_set(&r[0], entity_name(b->entity, d->lang));
		cell_take(&r[1], a->year == b->year ? xasprintf("%d",
		    b->year) : xasprintf("%d\xe2\x80\x93%d", a->year,
		    b->year));
		cell_take(&r[2], revised_cell(d, s, a, &ud));
		cell_take(&r[3], revised_cell(d, s, b, &ud));
		cell_take(&r[4], a->na || b->na || a->value == 0 ?
		    xstrdup(W(d, W_NA)) : fmt_signed_percent(100 *
		    (b->value - a->value) / a->value, 1));
	}
	revised_world(d, s, t, &ud, year);
	changes_free(&cs);
	doc_cite(d, s->previous->source);
	doc_cite(d, s->source);
	return t;
}

struct table *
doc_table_value_chain(struct doc *d, const struct model *m,
    const char **why)
{
	static const unsigned fl[] = { CELL_WIDE, 0, CELL_NUMERIC,
	    CELL_NUMERIC, CELL_NUMERIC };
	const struct entity *one = model_chain_holder(m);
	const char *head[5];
	char *share_head = NULL;
	struct table *t;
	struct rich *r;
	size_t i, c, nc = one ? 4 : 5;

	if (m->nshares == 0) {
		*why = "the dataset has no value_chain shares";
		return NULL;
	}
	/* one holder: "China's share"; several: a column naming each */
	head[0] = W(d, W_STAGE);
	if (one != NULL)
		head[1] = share_head = words_expand(W(d, W_ENTITY_SHARE),
		    &(struct word_arg){ "entity", entity_name(one, d->lang) },
		    1);
	else {
		head[1] = W(d, W_HELD_BY);
		head[2] = W(d, W_SHARE);
	}
	head[nc - 2] = W(d, W_REST);
	head[nc - 1] = W(d, W_YEAR);
	t = table_new(nc, head, one ? (const unsigned[]){ CELL_WIDE,
	    CELL_NUMERIC, CELL_NUMERIC, CELL_NUMERIC } : fl);
	free(share_head);
	for (i = 0; i < m->nshares; i++) {
		const struct stage_share *s = &m->shares[i];

		r = table_row(t);
		c = 0;
		rich_set(&r[c++], ZH(d) ? s->name_zh : s->name);
		if (one == NULL)
			rich_set(&r[c++], entity_name(s->entity, d->lang));
		cell_take(&r[c], fmt_percent(s->share, 1));
		cell_cite(d, &r[c++], s->source);
		cell_take(&r[c++], fmt_percent(100 - s->share, 1));
		cell_take(&r[c], xasprintf("%d", s->year));
	}
	return t;
}

char *
doc_more_than(const struct doc *d, const char *q)
{
	const struct word_arg a = { "v", q };

	return words_expand(W(d, W_MORE_THAN), &a, 1);
}

char *
doc_date(const struct doc *d, const char *iso)
{
	struct word_arg a[3];
	char day[8], year[8];
	int y, m, dd;

	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12)
		return xstrdup(iso);
	snprintf(day, sizeof(day), "%d", dd);
	snprintf(year, sizeof(year), "%d", y);
	a[0] = (struct word_arg){ "day", day };
	a[1] = (struct word_arg){ "month", W(d, (enum word)(W_MONTH_1 + m - 1)) };
	a[2] = (struct word_arg){ "year", year };
	return words_expand(W(d, W_DATE_FORMAT), a, 3);
}

const char *
doc_status(const struct doc *d, enum control_status st)
{
	return W(d, (enum word)(W_IN_FORCE + (int)st));
}

char *
doc_control_status(const struct doc *d, const struct control *c,
    const char *as_of)
{
	struct word_arg a[2] = { { "date", NULL }, { "status", NULL } };
	const char *until;
	int lapsed;
	enum control_status st = control_status_at(c, as_of, &until, &lapsed);
	enum word w;
	char *date, *s;

	if (until != NULL && st != CONTROL_LIFTED)
		w = st == CONTROL_IN_FORCE ?
		    (lapsed ? W_IN_FORCE_LAPSED : W_IN_FORCE_UNTIL) :
		    (lapsed ? W_SUSPENDED_LAPSED : W_SUSPENDED_UNTIL);
	else if (c->then != NULL && st == c->then->status &&
	    strcmp(c->until, as_of) < 0) {
		w = W_STATUS_SINCE;
		until = c->then->from;
	} else
		return xstrdup(doc_status(d, st));
	a[0].value = date = doc_date(d, until);
	a[1].value = doc_status(d, st);
	s = words_expand(W(d, w), a, 2);
	free(date);
	return s;
}

struct table *
doc_table_timeline(struct doc *d, const struct model *m, const char **why)
{
	static const struct col cols[] = {
		{ W_DATE, 0 },
		{ W_MEASURE, CELL_WIDE },
		{ W_ELEMENTS, 0 },
		{ W_STATUS_ON, 0 },
	};
	struct table *t;
	struct rich *r;
	struct buf b;
	char *date;
	size_t i, j;

	if (m->ncontrols == 0) {
		*why = "the dataset has no export_controls";
		return NULL;
	}
	t = table_cols(d, cols, 4);
	/* the statuses are as of the dataset's date, and say so */
	free(t->head[3]);
	date = doc_date(d, m->as_of);
	t->head[3] = words_expand(W(d, W_STATUS_ON),
	    &(struct word_arg){ "date", date }, 1);
	free(date);
	for (i = 0; i < m->ncontrols; i++) {
		const struct control *c = &m->controls[i];

		r = table_row(t);
		rich_set(&r[0], c->date);
		rich_set(&r[1], "");
		rich_add(&r[1], c->reference, strlen(c->reference), SPAN_BOLD,
		    NULL);
		rich_add(&r[1], ": ", 2, 0, NULL);
		rich_add(&r[1], ZH(d) ? c->measure_zh : c->measure,
		    strlen(ZH(d) ? c->measure_zh : c->measure), 0, NULL);
		cell_cite(d, &r[1], c->source);
		buf_init(&b);
		for (j = 0; j < c->nelements; j++)
			buf_printf(&b, "%s%s", j ? ", " : "",
			    c->elements[j]->symbol);
		if (c->nelements == 0)
			buf_adds(&b, "\xe2\x80\x94");	/* em dash */
		cell_take(&r[2], buf_release(&b));
		cell_take(&r[3], doc_control_status(d, c, m->as_of));
	}
	return t;
}

const char *
doc_verdict(const struct doc *d, enum verdict v)
{
	return W(d, (enum word)(W_AGREES + (int)v));
}

/* A claim's or primary figure's value in its unit. */
static char *
unit_value(const struct doc *d, double v, const struct unit *u)
{
	if (u->kind == UNIT_PERCENT)
		return fmt_percent(v, v == (long)v ? 0 : 1);
	if (u->kind == UNIT_COUNT)
		return fmt_quantity(v, 1, "", 0);
	return doc_quantity(d, u, v, NULL, DOC_DEC_EXACT);
}

struct table *
doc_table_claims(struct doc *d, const struct model *m, const char **why)
{
	static const struct col cols[] = {
		{ W_CLAIM, CELL_WIDE },
		{ W_PRESS_FIGURE, CELL_NUMERIC },
		{ W_PRIMARY_FIGURE, CELL_NUMERIC },
		{ W_VERDICT, 0 },
	};
	const struct source *src;
	const struct unit *u;
	const char *measure;
	struct table *t;
	struct rich *r;
	double v;
	size_t i;

	if (m->nclaims == 0) {
		*why = "the dataset has no claims";
		return NULL;
	}
	t = table_cols(d, cols, 4);
	for (i = 0; i < m->nclaims; i++) {
		const struct claim *c = &m->claims[i];
		const char *subj = ZH(d) ? c->subject_zh : c->subject;

		r = table_row(t);
		rich_set(&r[0], "");
		rich_add(&r[0], subj, strlen(subj), SPAN_BOLD, NULL);
		rich_add(&r[0], ": \xe2\x80\x9c", 5, 0, NULL);
		rich_add(&r[0], c->quote, strlen(c->quote), SPAN_ITALIC, NULL);
		rich_add(&r[0], "\xe2\x80\x9d", 3, 0, NULL);
		cell_cite(d, &r[0], c->source);
		cell_take(&r[1], unit_value(d, c->value, c->unit));
		if (claim_primary(c, &v, &u, &measure, &src) == 0) {
			cell_take(&r[2], u == NULL ? fmt_percent(v, 1) :
			    unit_value(d, v, u));
			cell_cite(d, &r[2], src);
		} else
			rich_set(&r[2], "\xe2\x80\x94");
		rich_set(&r[3], doc_verdict(d, c->verdict));
	}
	return t;
}

void
doc_fill_sources(struct doc *d)
{
	static const struct col cols[] = {
		{ W_NUMBER_SIGN, CELL_NUMERIC },
		{ W_SOURCE, CELL_WIDE },
	};
	struct rich *r;
	size_t i, j;

	for (j = 0; j < d->nblocks; j++) {
		struct table *t;

		if (!d->blocks[j].is_sources)
			continue;
		t = table_cols(d, cols, 2);
		t->is_sources = 1;
		for (i = 0; i < d->ncited; i++) {
			const struct source *s = d->cited[i];
			char *line;

			r = table_row(t);
			cell_take(&r[0], xasprintf("[%zu]", i + 1));
			line = xasprintf("%s, %s (%s).", s->publisher,
			    s->title, s->date);
			rich_set(&r[1], line);
			free(line);
			if (s->url != NULL) {
				rich_add(&r[1], " ", 1, 0, NULL);
				rich_add(&r[1], s->url, strlen(s->url),
				    SPAN_LINK, s->url);
			}
		}
		d->blocks[j].table = t;
	}
}
