/*
 * chart: the chart kinds.  Each builder picks its data from the model as
 * the spec says, words its title, subtitle and notes from the spec's text
 * (or the kind's default in words.c, filled with the series' and unit's
 * names from the dataset), and hands rows to the engine.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_engine.h"
#include "fmt.h"
#include "util.h"
#include "words.h"

#define ZH(c)	((c)->spec->lang == LANG_ZH)
#define W(c, w)	word((c)->spec->lang, (w))

/* The placeholders of one chart's text: "{year}" -> "2024". */
#define MAX_ARGS 24
struct args {
	struct word_arg	 a[MAX_ARGS];
	char		*own[MAX_ARGS];
	size_t		 n;
};

typedef struct scene *(*build_fn)(struct ce *, const struct series *,
    struct diags *);

static struct scene *build_ranked(struct ce *, const struct series *,
    struct diags *);
static struct scene *build_columns(struct ce *, const struct series *,
    struct diags *);
static struct scene *build_grouped(struct ce *, const struct series *,
    struct diags *);
static struct scene *build_stacked(struct ce *, const struct series *,
    struct diags *);

static const struct {
	const char	*id;
	build_fn	 build;
	int		 needs_series;
} kinds[CHART__MAX] = {
	{ "ranked", build_ranked, 1 },
	{ "columns", build_columns, 1 },
	{ "grouped", build_grouped, 1 },
	{ "stacked", build_stacked, 0 },
};

const char *
chart_kind_id(enum chart_kind k)
{
	return k < CHART__MAX ? kinds[k].id : "?";
}

/* ---- specs ---- */

void
chart_spec_defaults(struct chart_spec *s, enum chart_kind k)
{
	memset(s, 0, sizeof(*s));
	s->kind = k;
	s->top_n = k == CHART_GROUPED ? 6 : 8;
	s->rest = 1;
	s->width = 800;
	s->height = 500;
	s->lang = LANG_EN;
	s->font_scale = 1;
}

void
chart_spec_set(char **slot, const char *s)
{
	char *v = xstrdup(s);

	free(*slot);
	*slot = v;
}

void
chart_spec_copy(struct chart_spec *dst, const struct chart_spec *src)
{
	int l, t;

	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->series = xstrdup(src->series);
	dst->measure = xstrdup(src->measure);
	dst->highlight = xstrdup(src->highlight);
	dst->scale = xstrdup(src->scale);
	for (l = 0; l < 2; l++)
		for (t = 0; t < CHART_TEXT__MAX; t++)
			dst->text[l][t] = xstrdup(src->text[l][t]);
}

void
chart_spec_clear(struct chart_spec *s)
{
	int l, t;

	free(s->id);
	free(s->series);
	free(s->measure);
	free(s->highlight);
	free(s->scale);
	for (l = 0; l < 2; l++)
		for (t = 0; t < CHART_TEXT__MAX; t++)
			free(s->text[l][t]);
	memset(s, 0, sizeof(*s));
}

/* The series a spec names, by id or measure; NULL (said) when none. */
static const struct series *
named_series(const struct chart_spec *spec, const struct model *m,
    const struct pos *p, struct diags *d, const char *id)
{
	const struct series *s;

	if (spec->series != NULL) {
		if ((s = model_series(m, spec->series)) == NULL)
			diags_add(d, p, "chart \"%s\": the dataset has no "
			    "series \"%s\"", id, spec->series);
		else if (spec->measure != NULL &&
		    strcmp(s->measure, spec->measure) != 0) {
			diags_add(d, p, "chart \"%s\" shows the measure \"%s\", "
			    "but series \"%s\" has the measure \"%s\"; expected "
			    "a series of measure \"%s\"", id, spec->measure,
			    s->id, s->measure, spec->measure);
			s = NULL;
		}
		return s;
	}
	if (spec->measure != NULL) {
		if ((s = model_series_by_measure(m, spec->measure)) == NULL)
			diags_add(d, p, "chart \"%s\": the dataset has no "
			    "series of measure \"%s\"", id, spec->measure);
		return s;
	}
	if (m->nseries == 0) {
		diags_add(d, p, "chart \"%s\": the dataset has no series", id);
		return NULL;
	}
	return &m->series[0];
}

const struct series *
chart_series(const struct chart_spec *spec, const struct model *m,
    const struct pos *p, struct diags *d)
{
	const char *id = spec->id ? spec->id : chart_kind_id(spec->kind);
	const struct series *s = named_series(spec, m, p, d, id);
	struct unit_disp ud;

	if (s != NULL && spec->scale != NULL &&
	    unit_display_id(s->unit, spec->lang, spec->scale, &ud) == -1) {
		diags_add(d, p, "chart \"%s\": the unit \"%s\" of series "
		    "\"%s\" has no scale \"%s\"", id, s->unit->id, s->id,
		    spec->scale);
		return NULL;
	}
	return s;
}

/* ---- placeholders ---- */

static void
arg_take(struct args *a, const char *name, char *v)
{
	if (a->n == MAX_ARGS) {
		free(v);
		return;
	}
	a->a[a->n].name = name;
	a->a[a->n].value = v;
	a->own[a->n++] = v;
}

static void
arg_set(struct args *a, const char *name, const char *v)
{
	arg_take(a, name, xstrdup(v));
}

static void
arg_int(struct args *a, const char *name, int v)
{
	arg_take(a, name, xasprintf("%d", v));
}

static void
args_free(struct args *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->own[i]);
	a->n = 0;
}

/* The spec's text of one kind, or fallback (a word; -1: none), with its
 * placeholders filled; NULL when there is none.  Caller frees. */
static char *
spec_text(const struct ce *c, enum chart_text t, int fallback,
    const struct args *a)
{
	const char *fmt = c->spec->text[c->spec->lang][t];

	if (fmt == NULL && fallback >= 0)
		fmt = W(c, (enum word)fallback);
	return fmt ? words_expand(fmt, a->a, a->n) : NULL;
}

/* ---- notes ---- */

#define MAX_NOTES 6
struct notes {
	char	*v[MAX_NOTES + 1];	/* NULL-terminated, owned */
	size_t	 n;
};

static void
note_take(struct notes *ns, char *s)
{
	if (s != NULL && ns->n < MAX_NOTES)
		ns->v[ns->n++] = s;
	else
		free(s);
}

/* Append s to the last note, in the same paragraph. */
static void
note_join(const struct ce *c, struct notes *ns, const char *s)
{
	char *j;

	if (s == NULL)
		return;
	if (ns->n == 0) {
		note_take(ns, xstrdup(s));
		return;
	}
	j = xasprintf("%s%s%s", ns->v[ns->n - 1], W(c, W_NOTE_SEP), s);
	free(ns->v[ns->n - 1]);
	ns->v[ns->n - 1] = j;
}

static void
notes_free(struct notes *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
}

/* "n/a (not available, not drawn as zero): Burma, Madagascar." for the
 * n/a rows of a year; or NULL. */
static char *
na_note(const struct ce *c, const struct series *s, int year)
{
	struct args a = { .n = 0 };
	struct buf b;
	size_t i, n = 0;
	char *note;

	buf_init(&b);
	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year == year && s->obs[i].na) {
			if (n++)
				buf_adds(&b, W(c, W_LIST_SEP));
			buf_adds(&b, entity_name(s->obs[i].entity,
			    c->spec->lang));
		}
	if (n == 0) {
		buf_free(&b);
		return NULL;
	}
	arg_take(&a, "list", buf_release(&b));
	note = words_expand(W(c, W_NOTE_NA), a.a, a.n);
	args_free(&a);
	return note;
}

/* ---- shared pieces ---- */

/* How a chart writes quantities: the unit's largest scale that vmax
 * reaches, one for the whole axis. */
struct qscale {
	struct ce_scale	 sc;
	struct unit_disp ud;
	char		 suffix[96];
};

static void
qscale_init(struct qscale *q, const struct ce *c, const struct unit *u,
    double vmax)
{
	if (c->spec->scale == NULL ||
	    unit_display_id(u, c->spec->lang, c->spec->scale, &q->ud) == -1)
		unit_display(u, c->spec->lang, vmax, &q->ud);
	unit_suffix(q->ud.symbol, c->spec->lang, q->suffix, sizeof(q->suffix));
	q->sc.div = q->ud.div;
	q->sc.suffix = q->suffix;
	q->sc.decimals = q->ud.div == 1 && u->kind != UNIT_OTHER ? 0 : -1;
}

static const struct entity *
spec_highlight(const struct ce *c)
{
	if (c->spec->highlight != NULL)
		return model_entity(c->m, c->spec->highlight);
	return c->m->highlight;
}

/* The latest year with observations, or the spec's year. */
static int
spec_year(const struct ce *c, const struct series *s)
{
	int y = 0;
	size_t i;

	if (c->spec->year > 0)
		return c->spec->year;
	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year > y)
			y = s->obs[i].year;
	return y;
}

static void
cite_year(struct ce *c, const struct series *s, int year)
{
	const struct total *t = series_total(s, year);
	size_t i;

	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year == year)
			ce_cite(c, s->obs[i].source);
	if (t != NULL)
		ce_cite(c, t->source);
}

/* The names every chart of a series may use in its text. */
static void
series_args(struct args *a, const struct ce *c, const struct series *s,
    const struct qscale *q, int year)
{
	arg_set(a, "series", ZH(c) ? s->title_zh : s->title);
	arg_set(a, "label", ZH(c) ? (s->label_zh ? s->label_zh :
	    s->title_zh) : (s->label ? s->label : s->title));
	arg_set(a, "unit", q->ud.name);
	arg_set(a, "symbol", q->ud.symbol);
	arg_int(a, "year", year);
}

static void
add_row1(struct ce_hbars *h, const char *name, const char *key, double v,
    uint32_t rgb, char *label)
{
	struct ce_row *r = &h->rows[h->n++];

	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	r->nbar = 1;
	r->bar[0].nseg = 1;
	r->bar[0].seg[0].v = v;
	r->bar[0].seg[0].rgb = rgb;
	r->bar[0].end_label = label;
	r->bar[0].key = xstrdup(key);
}

static int
no_data(struct diags *d, const struct ce *c, const char *what)
{
	diags_add(d, c->at, "chart \"%s\": %s; nothing to draw", c->spec->id ?
	    c->spec->id : chart_kind_id(c->spec->kind), what);
	return 0;
}

static int
no_year(struct diags *d, const struct ce *c, const struct series *s,
    int year)
{
	char *what = xasprintf("series \"%s\" has no country values for %d",
	    s->id, year);

	no_data(d, c, what);
	free(what);
	return 0;
}

/* A share as printed in the data: "94%", "69.2%". Caller frees. */
static char *
share_label(double v)
{
	return fmt_percent(v, fabs(v - floor(v + 0.5)) < 1e-9 ? 0 : 1);
}

/* "44.0 Mt", "(69.2%)" or "270,000 t (69.2%)", as the spec's labels say. */
static char *
bar_label(const struct ce *c, double v, const struct ce_scale *sc,
    double base)
{
	char *q, *p, *l;

	if (base <= 0 || c->spec->label == CHART_LABEL_VALUE)
		return ce_quantity(v, sc);
	p = ce_percent(100 * v / base);
	if (c->spec->label == CHART_LABEL_SHARE)
		return p;
	q = ce_quantity(v, sc);
	l = xasprintf("%s (%s)", q, p);
	free(q);
	free(p);
	return l;
}

static int
name_cmp(const void *a, const void *b, enum lang lang)
{
	const struct observation *x = *(const struct observation *const *)a;
	const struct observation *y = *(const struct observation *const *)b;

	return strcmp(entity_name(x->entity, lang), entity_name(y->entity,
	    lang));
}

static int
name_cmp_en(const void *a, const void *b)
{
	return name_cmp(a, b, LANG_EN);
}

static int
name_cmp_zh(const void *a, const void *b)
{
	return name_cmp(a, b, LANG_ZH);
}

/* The first k of v (ranked by value) in the spec's order. */
static void
spec_sort(const struct ce *c, const struct observation **v, size_t k)
{
	if (c->spec->sort == CHART_SORT_NAME)
		qsort(v, k, sizeof(*v), ZH(c) ? name_cmp_zh : name_cmp_en);
}

static size_t
spec_top(const struct ce *c, size_t n)
{
	size_t k = (size_t)c->spec->top_n;

	return k > 0 && k < n ? k : n;
}

/*
 * How many rows of nbar bars fit: rows named as the first k of v, and
 * with rest the rest row.  At least LEAST_ROWS (or k + rest when fewer):
 * a chart too short for them is made taller (chart_build).
 */
#define LEAST_ROWS	3

static size_t
rows_that_fit(struct ce *c, const struct observation *const *v, size_t k,
    int rest, int nbar)
{
	const char **names = xcalloc(k + 1, sizeof(*names));
	size_t i, n = 0, cap;

	for (i = 0; i < k; i++)
		names[n++] = entity_name(v[i]->entity, c->spec->lang);
	if (rest)
		names[n++] = W(c, W_REST);
	cap = ce_hbar_capacity(c, nbar, names, n,
	    n < LEAST_ROWS ? n : LEAST_ROWS);
	free(names);
	return cap;
}

/* ---- ranked: one year, largest first, the rest in one bar ---- */

/* The notes of a ranked chart: its world total, n/a rows, a highlight
 * without a figure, the series' own note, the spec's note. */
static void
ranked_notes(const struct ce *c, const struct series *s, int year,
    const struct args *a, int hl_missing, struct notes *ns)
{
	const struct total *t = series_total(s, year);
	int shares = c->spec->label != CHART_LABEL_VALUE;

	if (t != NULL && t->qual == TOTAL_MORE_THAN)
		note_take(ns, words_expand(W(c, W_NOTE_MORE_THAN), a->a, a->n));
	else if (t != NULL && shares)
		note_take(ns, words_expand(W(c, W_NOTE_ROUNDED), a->a, a->n));
	if (ns->n > 0)
		note_join(c, ns, ZH(c) ? s->chart_note_zh : s->chart_note);
	else if ((ZH(c) ? s->chart_note_zh : s->chart_note) != NULL)
		note_take(ns, xstrdup(ZH(c) ? s->chart_note_zh :
		    s->chart_note));
	note_take(ns, na_note(c, s, year));
	if (hl_missing)
		note_take(ns, words_expand(W(c, W_NOTE_NO_HIGHLIGHT), a->a,
		    a->n));
	note_take(ns, spec_text(c, CHART_NOTE, -1, a));
}

static struct scene *
build_ranked(struct ce *c, const struct series *s, struct diags *d)
{
	const struct entity *hl = spec_highlight(c);
	const struct observation **v, *ho;
	const struct total *t;
	struct args a = { .n = 0 };
	struct notes ns = { .n = 0 };
	struct ce_hbars h;
	struct qscale q;
	double eff, base, sum = 0, shown = 0;
	size_t n, cap, k, i;
	int year = spec_year(c, s), hl_missing, rest;
	char *title, *sub;

	memset(&h, 0, sizeof(h));
	if ((n = series_ranked(s, year, &v)) == 0) {
		free(v);
		return no_year(d, c, s, year), NULL;
	}
	eff = series_effective_total(s, year, &sum);
	base = series_share_base(s, year);
	t = series_total(s, year);
	if (base <= 0) {
		free(v);
		return no_data(d, c, "every value of the year is zero"), NULL;
	}
	qscale_init(&q, c, s->unit, v[0]->value);
	cite_year(c, s, year);
	ho = hl != NULL ? series_obs(s, hl->id, year) : NULL;
	hl_missing = hl != NULL && (ho == NULL || ho->na);
	if (ho == NULL || ho->na)
		ho = v[0];

	series_args(&a, c, s, &q, year);
	/* the subtitle speaks of the largest when the highlight has no
	 * figure, and a note says so */
	arg_set(&a, "highlight", entity_name(ho->entity, c->spec->lang));
	if (hl_missing)
		arg_set(&a, "missing", entity_name(hl, c->spec->lang));
	arg_take(&a, "share", ce_percent(100 * ho->value / base));
	arg_take(&a, "base", ce_quantity(base, &q.sc));
	arg_take(&a, "total", ce_quantity(t ? t->value : eff, &q.sc));
	arg_take(&a, "sum", ce_quantity(sum, &q.sc));
	arg_int(&a, "top", (int)spec_top(c, n));
	title = spec_text(c, CHART_TITLE, c->spec->label == CHART_LABEL_VALUE ?
	    W_TITLE_RANKED : W_TITLE_RANKED_SHARE, &a);
	sub = spec_text(c, CHART_SUBTITLE, W_SUB_RANKED, &a);
	ce_header(c, title, sub);
	ranked_notes(c, s, year, &a, hl_missing, &ns);
	ce_footer(c, (const char *const *)ns.v);

	/* a rest bar stands for the countries not shown, or for the part
	 * of the world total no country row holds */
	k = spec_top(c, n);
	rest = c->spec->rest && (k < n || t != NULL);
	cap = rows_that_fit(c, v, k, c->spec->rest, 1);
	if (k + (size_t)rest > cap) {
		rest = c->spec->rest;	/* now k < n */
		k = cap - (size_t)rest;
	}
	spec_sort(c, v, k);
	h.rows = xcalloc(k + 1, sizeof(*h.rows));
	h.ticks = q.sc;
	h.ticks.suffix = "";
	for (i = 0; i < k; i++) {
		add_row1(&h, entity_name(v[i]->entity, c->spec->lang),
		    v[i]->entity->id, v[i]->value, v[i]->entity == hl ?
		    CC(c, THEME_HIGHLIGHT) : CC(c, THEME_BAR),
		    bar_label(c, v[i]->value, &q.sc, base));
		shown += v[i]->value;
	}
	/* the world total less what is shown, pinned last */
	if (rest && eff - shown > 0)
		add_row1(&h, W(c, W_REST), "REST", eff - shown,
		    CC(c, THEME_REST), bar_label(c, eff - shown, &q.sc, base));
	free(v);
	ce_hbars(c, &h);
	ce_hbars_free(&h);
	free(title);
	free(sub);
	notes_free(&ns);
	args_free(&a);
	return c->sc;
}

/* ---- columns: the world total, year by year ---- */

/* The totals of s by year, the latest 12 at most; caller frees. */
static size_t
totals_by_year(const struct series *s, const struct total ***out)
{
	const struct total **t = xcalloc(s->ntotals, sizeof(*t));
	size_t i, j, n = 0, first;

	for (i = 0; i < s->ntotals; i++) {
		/* insertion sort by year; totals are few */
		for (j = n; j > 0 && t[j - 1]->year > s->totals[i].year; j--)
			t[j] = t[j - 1];
		t[j] = &s->totals[i];
		n++;
	}
	first = n > 12 ? n - 12 : 0;
	memmove(t, t + first, (n - first) * sizeof(*t));
	*out = t;
	return n - first;
}

static struct scene *
build_columns(struct ce *c, const struct series *s, struct diags *d)
{
	const struct total **t;
	struct args a = { .n = 0 };
	struct notes ns = { .n = 0 };
	const char **cats;
	double *vals, vmax = 0, change;
	char **labels, *title, *sub = NULL, *totals;
	struct qscale q;
	size_t n, i;

	if (s->ntotals == 0)
		return no_data(d, c, "no world totals"), NULL;
	n = totals_by_year(s, &t);
	cats = xcalloc(n, sizeof(*cats));
	vals = xcalloc(n, sizeof(*vals));
	labels = xcalloc(n, sizeof(*labels));
	for (i = 0; i < n; i++)
		vmax = fmax(vmax, t[i]->value);
	qscale_init(&q, c, s->unit, vmax);
	for (i = 0; i < n; i++) {
		cats[i] = xasprintf("%d", t[i]->year);
		vals[i] = t[i]->value;
		labels[i] = ce_quantity(t[i]->value, &q.sc);
		ce_cite(c, t[i]->source);
	}
	series_args(&a, c, s, &q, t[n - 1]->year);
	arg_set(&a, "first", cats[0]);
	arg_set(&a, "last", cats[n - 1]);
	if ((ZH(c) ? s->totals_title_zh : s->totals_title) != NULL)
		totals = xstrdup(ZH(c) ? s->totals_title_zh : s->totals_title);
	else
		totals = words_expand(W(c, W_TOTALS_DEFAULT), a.a, a.n);
	arg_take(&a, "totals", totals);
	change = vals[0] > 0 ? 100 * (vals[n - 1] - vals[0]) / vals[0] : 0;
	/* whole percent: world totals are rounded */
	arg_take(&a, "change", fmt_percent(fabs(change), 0));
	title = spec_text(c, CHART_TITLE, n > 1 ? W_TITLE_COLUMNS :
	    W_TITLE_COLUMNS_ONE, &a);
	/* one year makes no statement of change */
	if (n > 1 && vals[0] > 0)
		sub = spec_text(c, CHART_SUBTITLE, change < 0 ?
		    W_SUB_COLUMNS_FELL : W_SUB_COLUMNS_ROSE, &a);
	else
		sub = spec_text(c, CHART_SUBTITLE, -1, &a);
	ce_header(c, title, sub);
	if ((ZH(c) ? s->totals_note_zh : s->totals_note) != NULL)
		note_take(&ns, xstrdup(ZH(c) ? s->totals_note_zh :
		    s->totals_note));
	note_take(&ns, spec_text(c, CHART_NOTE, -1, &a));
	ce_footer(c, (const char *const *)ns.v);
	ce_vbars(c, cats, vals, labels, n, &q.sc, CC(c, THEME_HIGHLIGHT));
	for (i = 0; i < n; i++) {
		free((char *)cats[i]);
		free(labels[i]);
	}
	free(cats);
	free(vals);
	free(labels);
	free(t);
	free(title);
	free(sub);
	notes_free(&ns);
	args_free(&a);
	return c->sc;
}

/* ---- grouped: two years side by side ---- */

static void
grouped_row(struct ce *c, struct ce_hbars *h, const struct series *s,
    const struct observation *o1, int y0, int y1, const struct qscale *q)
{
	const struct observation *o0 = series_obs(s, o1->entity->id, y0);
	struct ce_row *r = &h->rows[h->n++];
	int j;

	r->name = xstrdup(entity_name(o1->entity, c->spec->lang));
	r->nbar = 2;
	for (j = 0; j < 2; j++) {
		const struct observation *x = j ? o1 : o0;
		struct ce_bar *bar = &r->bar[j];

		bar->nseg = 1;
		bar->key = xasprintf("%s/%d", o1->entity->id, j ? y1 : y0);
		bar->seg[0].rgb = j ? CC(c, THEME_HIGHLIGHT) :
		    CC(c, THEME_SECOND);
		if (x == NULL || x->na) {
			bar->end_label = xstrdup(W(c, W_NA));
			continue;
		}
		bar->seg[0].v = x->value;
		bar->end_label = ce_quantity(x->value, &q->sc);
	}
}

static struct scene *
build_grouped(struct ce *c, const struct series *s, struct diags *d)
{
	const struct observation **v, *o0;
	struct args a = { .n = 0 };
	struct notes ns = { .n = 0 };
	struct ce_legend lg[2];
	struct ce_hbars h;
	struct qscale q;
	char y0s[16], y1s[16], *title, *sub;
	size_t n, k, i, cap;
	int y1, y0;

	y1 = spec_year(c, s);
	y0 = c->spec->year_from > 0 ? c->spec->year_from : y1 - 1;
	if (y0 >= y1) {
		diags_add(d, c->at, "chart \"%s\": from=\"%d\" is not before "
		    "the year shown, %d; expected an earlier year", c->spec->id ?
		    c->spec->id : chart_kind_id(c->spec->kind), y0, y1);
		return NULL;
	}
	if ((n = series_ranked(s, y0, &v)) == 0) {
		free(v);
		return no_year(d, c, s, y0), NULL;
	}
	free(v);
	if ((n = series_ranked(s, y1, &v)) == 0) {
		free(v);
		return no_year(d, c, s, y1), NULL;
	}
	memset(&h, 0, sizeof(h));
	qscale_init(&q, c, s->unit, v[0]->value);
	cite_year(c, s, y0);
	cite_year(c, s, y1);
	snprintf(y0s, sizeof(y0s), "%d", y0);
	snprintf(y1s, sizeof(y1s), "%d", y1);
	series_args(&a, c, s, &q, y1);
	arg_int(&a, "from", y0);
	arg_set(&a, "lead", entity_name(v[0]->entity, c->spec->lang));
	arg_take(&a, "lead_year", ce_quantity(v[0]->value, &q.sc));
	o0 = series_obs(s, v[0]->entity->id, y0);
	if (o0 != NULL && !o0->na) {
		arg_take(&a, "lead_from", ce_quantity(o0->value, &q.sc));
		arg_take(&a, "lead_change", o0->value > 0 ?
		    fmt_signed_percent(100 * (v[0]->value - o0->value) /
		    o0->value, 1) : xstrdup(W(c, W_NA)));
		sub = spec_text(c, CHART_SUBTITLE, W_SUB_GROUPED, &a);
	} else
		sub = spec_text(c, CHART_SUBTITLE, W_SUB_GROUPED_NONE, &a);
	title = spec_text(c, CHART_TITLE, W_TITLE_GROUPED, &a);
	ce_header(c, title, sub);
	note_take(&ns, xstrdup(W(c, W_NOTE_GROUPED)));
	note_take(&ns, na_note(c, s, y1));
	note_take(&ns, spec_text(c, CHART_NOTE, -1, &a));
	ce_footer(c, (const char *const *)ns.v);
	lg[0] = (struct ce_legend){ y0s, CC(c, THEME_SECOND) };
	lg[1] = (struct ce_legend){ y1s, CC(c, THEME_HIGHLIGHT) };
	ce_legend(c, lg, 2);
	k = spec_top(c, n);
	cap = rows_that_fit(c, v, k, 0, 2);
	if (k > cap)
		k = cap;
	spec_sort(c, v, k);
	h.rows = xcalloc(k, sizeof(*h.rows));
	h.ticks = q.sc;
	h.ticks.suffix = "";
	for (i = 0; i < k; i++)
		grouped_row(c, &h, s, v[i], y0, y1, &q);
	free(v);
	ce_hbars(c, &h);
	ce_hbars_free(&h);
	free(title);
	free(sub);
	notes_free(&ns);
	args_free(&a);
	return c->sc;
}

/* ---- stacked: each value-chain stage, its holder against the rest ---- */

static void
stacked_row(struct ce *c, struct ce_hbars *h, const struct stage_share *s,
    int named)
{
	struct args a = { .n = 0 };
	struct ce_row *r = &h->rows[h->n++];

	arg_set(&a, "stage", ZH(c) ? s->name_zh : s->name);
	arg_set(&a, "entity", entity_name(s->entity, c->spec->lang));
	arg_int(&a, "year", s->year);
	r->name = words_expand(W(c, named ? W_STAGE_ROW_ENTITY : W_STAGE_ROW),
	    a.a, a.n);
	args_free(&a);
	r->nbar = 1;
	r->bar[0].nseg = 2;
	r->bar[0].key = xstrdup(s->id);
	r->bar[0].seg[0].v = s->share;
	r->bar[0].seg[0].rgb = CC(c, THEME_HIGHLIGHT);
	r->bar[0].seg[0].label = share_label(s->share);
	r->bar[0].seg[1].v = 100 - s->share;
	r->bar[0].seg[1].rgb = CC(c, THEME_REST);
	r->bar[0].seg[1].label = share_label(100 - s->share);
}

static struct scene *
build_stacked(struct ce *c, const struct series *unused, struct diags *d)
{
	const struct entity *one;
	struct ce_legend lg[2];
	struct args a = { .n = 0 };
	struct notes ns = { .n = 0 };
	struct ce_hbars h;
	double last = 0;
	size_t i;
	int rising = 1, sources = 0;
	char *title, *sub;

	(void)unused;
	if (c->m->nshares == 0)
		return no_data(d, c, "the dataset has no value_chain shares"),
		    NULL;
	one = model_chain_holder(c->m);
	memset(&h, 0, sizeof(h));
	h.rows = xcalloc(c->m->nshares, sizeof(*h.rows));
	for (i = 0; i < c->m->nshares; i++) {
		const struct stage_share *s = &c->m->shares[i];

		sources += i == 0 || s->source != c->m->shares[0].source;
		ce_cite(c, s->source);
		stacked_row(c, &h, s, one == NULL);
		rising = rising && s->share >= last;
		last = s->share;
	}
	if (one != NULL)
		arg_set(&a, "entity", entity_name(one, c->spec->lang));
	arg_set(&a, "first_share", h.rows[0].bar[0].seg[0].label);
	arg_set(&a, "last_share", h.rows[h.n - 1].bar[0].seg[0].label);
	title = spec_text(c, CHART_TITLE, one ? W_TITLE_STACKED_ONE :
	    W_TITLE_STACKED, &a);
	sub = spec_text(c, CHART_SUBTITLE, one == NULL ? W_SUB_STACKED :
	    rising && h.n > 1 ? W_SUB_STACKED_RISING : W_SUB_STACKED_ONE, &a);
	ce_header(c, title, sub);
	if (sources > 1)
		note_take(&ns, xstrdup(W(c, W_NOTE_STACKED_SOURCES)));
	note_take(&ns, spec_text(c, CHART_NOTE, -1, &a));
	ce_footer(c, (const char *const *)ns.v);
	lg[0] = (struct ce_legend){ one ? entity_name(one, c->spec->lang) :
	    W(c, W_LEGEND_NAMED), CC(c, THEME_HIGHLIGHT) };
	lg[1] = (struct ce_legend){ W(c, W_REST), CC(c, THEME_REST) };
	h.legend = lg;
	h.nlegend = 2;
	h.fixed_max = 100;
	h.ticks = (struct ce_scale){ 1, "%", 0 };
	ce_hbars(c, &h);
	ce_hbars_free(&h);
	free(title);
	free(sub);
	notes_free(&ns);
	args_free(&a);
	return c->sc;
}

/* One pass of chart_build at spec's size; *need is how much taller the
 * canvas must be for the kind to be legible (0: it is). */
static struct scene *
build_pass(const struct chart_spec *spec, const struct model *m,
    struct text_ctx *tc, const struct pos *at, struct diags *d,
    const struct series *s, struct chart_sources *cites, double *need)
{
	const char *id = spec->id ? spec->id : chart_kind_id(spec->kind);
	struct ce c;
	struct scene *sc;
	size_t i;

	ce_init(&c, spec, m, tc, id);
	c.at = at;
	sc = kinds[spec->kind].build(&c, s, d);
	free(c.subtitle);
	*need = c.need;
	if (sc != NULL && c.too_small) {
		diags_add(d, at, "chart \"%s\": %.0f points is too narrow for "
		    "its labels and bars; make it wider", id, spec->width);
		sc = NULL;	/* freed below */
	}
	if (sc == NULL)
		scene_free(c.sc);
	if (cites != NULL) {
		for (i = 0; i < c.ncited; i++)
			cites->src[i] = c.cited[i];
		cites->n = c.ncited;
	}
	return sc;
}

/*
 * A chart too short for its kind is drawn taller: each kind knows the
 * least height of its plot (rows that hold their wrapped names and
 * labels, an axis with enough gridlines), and the canvas grows by what
 * the plot lacks.  The header and footer do not depend on the height, so
 * a second pass fits; a third is a safeguard.
 */
struct scene *
chart_build(const struct chart_spec *spec, const struct model *m,
    struct text_ctx *tc, const struct pos *at, struct diags *d,
    struct chart_sources *cites)
{
	const struct series *s = NULL;
	struct pos p = { m->path, 0, 0 };
	struct chart_spec tall = *spec;		/* shallow: only its height */
	struct scene *sc;
	double need;
	int pass;

	if (at == NULL)
		at = &p;
	if (cites != NULL)
		cites->n = 0;
	if (kinds[spec->kind].needs_series &&
	    (s = chart_series(spec, m, at, d)) == NULL)
		return NULL;
	for (pass = 0;; pass++) {
		sc = build_pass(&tall, m, tc, at, d, s, cites, &need);
		if (sc == NULL || need <= 0 || pass == 2)
			return sc;
		scene_free(sc);
		tall.height = ceil(tall.height + need);
	}
}

void
chart_say_raised(const struct chart_spec *spec, const struct scene *sc,
    const struct pos *at)
{
	if (sc == NULL || sc->h <= spec->height)
		return;
	diag_warnx("%s:%d: chart \"%s\": height %.0f raised to %.0f points, "
	    "the least at which a %s chart with its title and notes is "
	    "legible", at->file, at->line, spec->id ? spec->id :
	    chart_kind_id(spec->kind), spec->height, sc->h,
	    chart_kind_id(spec->kind));
}
