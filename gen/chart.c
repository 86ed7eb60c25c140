/*
 * chart: the chart kinds.  Each builder picks its data from the model,
 * words its title, subtitle and notes, and hands rows to the engine.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_engine.h"
#include "fmt.h"
#include "util.h"

#define ZH(c)	((c)->spec->lang == LANG_ZH)
#define TR(c, en, zh)	(ZH(c) ? (zh) : (en))

typedef struct scene *(*build_fn)(struct ce *, struct diags *);

static struct scene *build_reserves(struct ce *, struct diags *);
static struct scene *build_production(struct ce *, struct diags *);
static struct scene *build_value_chain(struct ce *, struct diags *);
static struct scene *build_production_change(struct ce *, struct diags *);
static struct scene *build_world_production(struct ce *, struct diags *);

static const struct {
	const char	*id;
	build_fn	 build;
	enum measure	 measure;
} kinds[CHART__MAX] = {
	{ "reserves", build_reserves, MEASURE_RESERVES },
	{ "production", build_production, MEASURE_MINE_PRODUCTION },
	{ "value-chain", build_value_chain, MEASURE_MINE_PRODUCTION },
	{ "production-change", build_production_change,
	    MEASURE_MINE_PRODUCTION },
	{ "world-production", build_world_production,
	    MEASURE_MINE_PRODUCTION },
};

const char *
chart_kind_id(enum chart_kind k)
{
	return k < CHART__MAX ? kinds[k].id : "?";
}

int
chart_kind_from_id(const char *s)
{
	int k;

	for (k = 0; k < CHART__MAX; k++)
		if (strcmp(kinds[k].id, s) == 0)
			return k;
	return -1;
}

void
chart_spec_defaults(struct chart_spec *s, enum chart_kind k)
{
	memset(s, 0, sizeof(*s));
	s->kind = k;
	s->top_n = k == CHART_PRODUCTION_CHANGE ? 6 : 8;
	s->width = 800;
	s->height = 500;
	s->lang = LANG_EN;
	s->font_scale = 1;
}

static const struct series *
spec_series(const struct ce *c)
{
	if (c->spec->series != NULL)
		return model_series(c->m, c->spec->series);
	return model_series_by_measure(c->m, kinds[c->spec->kind].measure);
}

static const struct entity *
spec_highlight(const struct ce *c)
{
	if (c->spec->highlight != NULL)
		return model_entity(c->m, c->spec->highlight);
	return c->m->highlight;
}

/* The latest year with country observations, or the spec's year. */
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

/* Display scale for tonnages: Mt for reserves; tonnes for production. */
static struct ce_scale
mass_scale(const struct ce *c, double vmax)
{
	if (vmax >= 1e7)
		return ZH(c) ? (struct ce_scale){ 1e4, "万吨",
		    -1 } : (struct ce_scale){ 1e6, " Mt", -1 };
	return ZH(c) ? (struct ce_scale){ 1, "吨", 0 } :
	    (struct ce_scale){ 1, " t", 0 };
}

/* "Burma (Myanmar), Madagascar" for the n/a rows of a year; or NULL. */
static char *
na_list(const struct ce *c, const struct series *s, int year)
{
	struct buf b;
	size_t i, n = 0;

	buf_init(&b);
	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year == year && s->obs[i].na) {
			buf_printf(&b, "%s%s", n++ ? TR(c, ", ", "、") : "",
			    entity_name(s->obs[i].entity, c->spec->lang));
		}
	if (n == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_release(&b);
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
	struct pos p = { c->m->path, 0, 0 };

	diags_add(d, &p, "chart \"%s\": %s; nothing to draw",
	    kinds[c->spec->kind].id, what);
	return 0;
}

/* A share as printed in the data: "94%", "69.2%". Caller frees. */
static char *
share_label(double v)
{
	return fmt_percent(v, fabs(v - floor(v + 0.5)) < 1e-9 ? 0 : 1);
}

/* "44.0 Mt", or with a share of base: "270,000 t (69.2%)". */
static char *
bar_label(double v, const struct ce_scale *sc, double base)
{
	char *q = ce_quantity(v, sc), *p, *l;

	if (base <= 0)
		return q;
	p = ce_percent(100 * v / base);
	l = xasprintf("%s (%s)", q, p);
	free(q);
	free(p);
	return l;
}

/*
 * Ranked horizontal bars of one year: the top N, then "Rest of world"
 * computed from the world total, pinned last.  with_share adds each
 * bar's share of world output to its label.
 */
static struct scene *
ranked_bars(struct ce *c, struct diags *d, const struct series *s,
    int with_share, const char *title, const char *const *notes)
{
	const struct entity *hl = spec_highlight(c);
	const struct observation **v;
	struct ce_hbars h;
	struct ce_scale sc;
	double eff, base, sum = 0, shown = 0;
	size_t n, cap, k, i;
	int year = spec_year(c, s);
	char *sub, *lbl, *q;

	memset(&h, 0, sizeof(h));
	if ((n = series_ranked(s, year, &v)) == 0) {
		free(v);
		no_data(d, c, "the series has no country values for the year");
		return NULL;
	}
	eff = series_effective_total(s, year, &sum);
	base = series_share_base(s, year);
	sc = mass_scale(c, v[0]->value);
	cite_year(c, s, year);

	if (hl == NULL || series_obs(s, hl->id, year) == NULL ||
	    series_obs(s, hl->id, year)->na)
		hl = v[0]->entity;
	q = ce_quantity(base, &sc);
	lbl = ce_percent(100 * series_obs(s, hl->id, year)->value / base);
	sub = ZH(c) ? xasprintf("%s占%s的%s", hl->name_zh, q, lbl) :
	    xasprintf("%s: %s of %s", hl->name, lbl, q);
	free(q);
	free(lbl);
	ce_header(c, title, sub);
	free(sub);
	ce_footer(c, notes);

	cap = ce_hbar_capacity(c, 1);
	k = (size_t)c->spec->top_n;
	if (k > n)
		k = n;
	if (cap < 2) {
		c->too_small = 1;	/* not even one bar and the rest */
		cap = 2;
	}
	if (k + (eff > 0 && k < n ? 1 : 0) > cap)
		k = cap - 1;
	h.rows = xcalloc(k + 1, sizeof(*h.rows));
	h.ticks = sc;
	h.ticks.suffix = "";
	for (i = 0; i < k; i++) {
		add_row1(&h, entity_name(v[i]->entity, c->spec->lang),
		    v[i]->entity->id, v[i]->value,
		    v[i]->entity == hl ? CC(c, THEME_HIGHLIGHT) : CC(c, THEME_BAR),
		    bar_label(v[i]->value, &sc, with_share ? base : 0));
		shown += v[i]->value;
	}
	/* the world total less what is shown, pinned last */
	if (eff - shown > 0 && (k < n || sum < eff || series_total(s, year)))
		add_row1(&h, TR(c, "Rest of world", "世界其他地区"), "REST",
		    eff - shown, CC(c, THEME_REST), bar_label(eff - shown, &sc,
		    with_share ? base : 0));
	free(v);
	ce_hbars(c, &h);
	ce_hbars_free(&h);
	return c->sc;
}

static struct scene *
build_reserves(struct ce *c, struct diags *d)
{
	const struct series *s = spec_series(c);
	const struct total *t;
	struct scene *sc;
	char *title, *na, *n1 = NULL, *n2 = NULL;
	const char *notes[3] = { NULL, NULL, NULL };
	int year;

	if (s == NULL)
		return no_data(d, c, "no reserves series"), NULL;
	year = spec_year(c, s);
	t = series_total(s, year);
	title = ZH(c) ? xasprintf("%d年各国稀土储量（万吨稀土氧化物当量）",
	    year) :
	    xasprintf("Rare-earth reserves by country, %d (million tonnes of "
	    "rare-earth oxide equivalent)", year);
	if (t != NULL && t->qual == TOTAL_MORE_THAN) {
		char *q = ce_quantity(t->value, &(struct ce_scale){
		    ZH(c) ? 1e4 : 1e6, ZH(c) ? "万吨" :
		    " Mt", -1 });

		n1 = ZH(c) ? xasprintf("全球总量超过%s；份额按所列各国之和计算。", q) :
		    xasprintf("The world total is given only as more than %s; "
		    "shares are of the sum of the countries listed.", q);
		free(q);
	}
	if ((na = na_list(c, s, year)) != NULL)
		n2 = ZH(c) ? xasprintf("无数据：%s。", na) :
		    xasprintf("n/a (not available, not drawn as zero): %s.",
		    na);
	notes[0] = n1 ? n1 : n2;
	notes[1] = n1 ? n2 : NULL;
	sc = ranked_bars(c, d, s, 0, title, notes);
	free(title);
	free(na);
	free(n1);
	free(n2);
	return sc;
}

static struct scene *
build_production(struct ce *c, struct diags *d)
{
	const struct series *s = spec_series(c);
	const struct total *t;
	struct scene *sc;
	char *title, *n1 = NULL, *tot, *sum;
	const char *notes[3] = { NULL, NULL, NULL };
	double parts;
	int year;

	if (s == NULL)
		return no_data(d, c, "no mine production series"), NULL;
	year = spec_year(c, s);
	title = ZH(c) ? xasprintf("%d年各国稀土矿山产量（吨稀土氧化物当量）及全球份额", year) :
	    xasprintf("Rare-earth mine production by country, %d (tonnes of "
	    "rare-earth oxide equivalent) and share of world output", year);
	if ((t = series_total(s, year)) != NULL &&
	    t->qual != TOTAL_MORE_THAN) {
		struct ce_scale ms = mass_scale(c, t->value);

		tot = ce_quantity(t->value, &ms);
		series_effective_total(s, year, &parts);
		sum = ce_quantity(parts, &ms);
		n1 = ZH(c) ? xasprintf("份额按全球总量%s计算（各国之和%s，因四舍五入可能不等）。中国为开采配额。", tot, sum) :
		    xasprintf("Shares are of the rounded world total, %s; the "
		    "countries listed sum to %s, so shares may not add to "
		    "100%%. China: mining quota, excludes undocumented "
		    "output.", tot, sum);
		free(tot);
		free(sum);
	}
	notes[0] = n1;
	sc = ranked_bars(c, d, s, 1, title, notes);
	free(title);
	free(n1);
	return sc;
}

static struct scene *
build_value_chain(struct ce *c, struct diags *d)
{
	const struct ce_legend lg_en[] = { { "China", CC(c, THEME_HIGHLIGHT) },
	    { "Rest of world", CC(c, THEME_REST) } };
	const struct ce_legend lg_zh[] = { { "中国",
	    CC(c, THEME_HIGHLIGHT) }, { "世界其他地区", CC(c, THEME_REST) } };
	const char *notes[2] = { NULL, NULL };
	struct ce_hbars h;
	double last = 0;
	size_t i;
	int st, rising = 1;
	char *sub;

	if (c->m->nshares == 0)
		return no_data(d, c, "the dataset has no value_chain shares"),
		    NULL;
	memset(&h, 0, sizeof(h));
	notes[0] = TR(c, "Stages use different sources and measures (mine "
	    "output; refining output; magnet manufacturing), so they are "
	    "not one consistent series.", "各环节数据来源与口径不同，并非同一序列。");
	h.rows = xcalloc(c->m->nshares, sizeof(*h.rows));
	/* in value-chain order: mining, refining, magnets */
	for (st = STAGE_MINING; st <= STAGE_MAGNETS; st++)
		for (i = 0; i < c->m->nshares; i++) {
			const struct stage_share *s = &c->m->shares[i];
			struct ce_row *r;

			if ((int)s->stage != st)
				continue;
			ce_cite(c, s->source);
			r = &h.rows[h.n++];
			r->name = xasprintf("%s (%d)", ZH(c) ? s->name_zh :
			    s->name, s->year);
			r->nbar = 1;
			r->bar[0].nseg = 2;
			r->bar[0].key = xstrdup(s->id);
			r->bar[0].seg[0].v = s->share;
			r->bar[0].seg[0].rgb = CC(c, THEME_HIGHLIGHT);
			r->bar[0].seg[0].label = share_label(s->share);
			r->bar[0].seg[1].v = 100 - s->share;
			r->bar[0].seg[1].rgb = CC(c, THEME_REST);
			r->bar[0].seg[1].label = share_label(100 - s->share);
			rising = rising && s->share >= last;
			last = s->share;
		}
	sub = rising && h.n > 1 ? (ZH(c) ?
	    xasprintf("中国份额逐环节上升：从开采的%s到最后环节的%s",
	    h.rows[0].bar[0].seg[0].label,
	    h.rows[h.n - 1].bar[0].seg[0].label) :
	    xasprintf("China's share rises along the chain, from %s of the "
	    "first stage to %s of the last", h.rows[0].bar[0].seg[0].label,
	    h.rows[h.n - 1].bar[0].seg[0].label)) :
	    xstrdup(TR(c, "China's share of world output or capacity at each "
	    "stage", "中国在各环节全球产出或产能中的份额"));
	ce_header(c, TR(c, "China's share of each stage of the rare-earth "
	    "value chain (% of world)", "中国在稀土产业链各环节的全球份额（%）"),
	    sub);
	free(sub);
	ce_footer(c, notes);
	h.legend = ZH(c) ? lg_zh : lg_en;
	h.nlegend = 2;
	h.fixed_max = 100;
	h.ticks = (struct ce_scale){ 1, "%", 0 };
	ce_hbars(c, &h);
	ce_hbars_free(&h);
	return c->sc;
}

static struct scene *
build_production_change(struct ce *c, struct diags *d)
{
	const struct series *s = spec_series(c);
	const struct observation **v;
	const struct observation *o0;
	struct ce_legend lg[2];
	struct ce_hbars h;
	struct ce_scale sc;
	char y0s[16], y1s[16], *sub, *a, *b, *pct;
	const char *notes[2] = { NULL, NULL };
	size_t n, k, i, cap;
	int y1, y0;

	if (s == NULL)
		return no_data(d, c, "no mine production series"), NULL;
	y1 = spec_year(c, s);
	y0 = c->spec->year_from > 0 ? c->spec->year_from : y1 - 1;
	if ((n = series_ranked(s, y1, &v)) == 0) {
		free(v);
		return no_data(d, c, "no country values for the year"), NULL;
	}
	memset(&h, 0, sizeof(h));
	sc = mass_scale(c, v[0]->value);
	cite_year(c, s, y0);
	cite_year(c, s, y1);
	snprintf(y0s, sizeof(y0s), "%d", y0);
	snprintf(y1s, sizeof(y1s), "%d", y1);
	o0 = series_obs(s, v[0]->entity->id, y0);
	b = ce_quantity(v[0]->value, &sc);
	if (o0 != NULL && !o0->na && o0->value > 0) {
		a = ce_quantity(o0->value, &sc);
		pct = fmt_signed_percent(100 * (v[0]->value - o0->value) /
		    o0->value, 1);
		sub = ZH(c) ? xasprintf("%s：%s→%s（%s）；按%d年产量排序",
		    v[0]->entity->name_zh, a, b, pct, y1) :
		    xasprintf("%s: %s to %s (%s); producers ranked by %d "
		    "output", v[0]->entity->name, a, b, pct, y1);
	} else {
		a = xstrdup("");
		pct = xstrdup("");
		sub = ZH(c) ? xasprintf("%s：%d年%s；%d年无数据",
		    v[0]->entity->name_zh, y1, b, y0) :
		    xasprintf("%s: %s in %d, no figure for %d",
		    v[0]->entity->name, b, y1, y0);
	}
	ce_header(c, ZH(c) ? "主要生产国稀土矿山产量变化（吨稀土氧化物当量）" :
	    "Mine production of the largest producers (tonnes of rare-earth "
	    "oxide equivalent)", sub);
	free(a);
	free(b);
	free(pct);
	free(sub);
	notes[0] = TR(c, "Both years as published in the same USGS edition; "
	    "a missing bar means no figure for that year.",
	    "两年数据均取自同一版本。");
	ce_footer(c, notes);
	lg[0] = (struct ce_legend){ y0s, CC(c, THEME_SECOND) };
	lg[1] = (struct ce_legend){ y1s, CC(c, THEME_HIGHLIGHT) };
	ce_legend(c, lg, 2);
	cap = ce_hbar_capacity(c, 2);
	k = (size_t)c->spec->top_n < n ? (size_t)c->spec->top_n : n;
	if (k > cap)
		k = cap > 0 ? cap : 1;
	if (cap == 0)
		c->too_small = 1;
	h.rows = xcalloc(k, sizeof(*h.rows));
	h.ticks = sc;
	h.ticks.suffix = "";
	for (i = 0; i < k; i++) {
		const struct observation *o = series_obs(s, v[i]->entity->id,
		    y0);
		struct ce_row *r = &h.rows[h.n++];
		int j;

		r->name = xstrdup(entity_name(v[i]->entity, c->spec->lang));
		r->nbar = 2;
		for (j = 0; j < 2; j++) {
			const struct observation *x = j ? v[i] : o;
			struct ce_bar *bar = &r->bar[j];

			bar->nseg = 1;
			bar->key = xasprintf("%s/%d", v[i]->entity->id,
			    j ? y1 : y0);
			bar->seg[0].rgb = j ? CC(c, THEME_HIGHLIGHT) : CC(c, THEME_SECOND);
			if (x == NULL || x->na) {
				bar->end_label = xstrdup(TR(c, "n/a", "无数据"));
				continue;
			}
			bar->seg[0].v = x->value;
			bar->end_label = ce_quantity(x->value, &sc);
		}
	}
	free(v);
	h.nlegend = 0;
	ce_hbars(c, &h);
	ce_hbars_free(&h);
	return c->sc;
}

static struct scene *
build_world_production(struct ce *c, struct diags *d)
{
	const struct series *s = spec_series(c);
	const struct total **t;
	const char **cats;
	double *vals;
	char **labels, *sub, *pct, *title;
	double change;
	struct ce_scale sc;
	const char *notes[2] = { NULL, NULL };
	size_t n = 0, i, j, first;

	if (s == NULL || s->ntotals == 0)
		return no_data(d, c, "no world totals"), NULL;
	t = xcalloc(s->ntotals, sizeof(*t));
	for (i = 0; i < s->ntotals; i++) {
		/* insertion sort by year; totals are few */
		for (j = n; j > 0 && t[j - 1]->year > s->totals[i].year; j--)
			t[j] = t[j - 1];
		t[j] = &s->totals[i];
		n++;
	}
	first = n > 12 ? n - 12 : 0;	/* at most the latest 12 years */
	cats = xcalloc(n, sizeof(*cats));
	vals = xcalloc(n, sizeof(*vals));
	labels = xcalloc(n, sizeof(*labels));
	sc = mass_scale(c, 0);
	for (i = first; i < n; i++) {
		cats[i - first] = xasprintf("%d", t[i]->year);
		vals[i - first] = t[i]->value;
		labels[i - first] = ce_quantity(t[i]->value, &sc);
		ce_cite(c, t[i]->source);
	}
	n -= first;
	change = vals[0] > 0 ? 100 * (vals[n - 1] - vals[0]) / vals[0] : 0;
	/* whole percent: the totals are rounded and mix USGS editions */
	pct = fmt_percent(change < 0 ? -change : change, 0);
	title = ZH(c) ? xasprintf("%s—%s年全球稀土矿山产量（吨稀土氧化物当量）", cats[0], cats[n - 1]) :
	    xasprintf("World rare-earth mine production, %s–%s (tonnes of rare-earth oxide equivalent)", cats[0], cats[n - 1]);
	sub = ZH(c) ? xasprintf("%s年至%s年%s约%s", cats[0], cats[n - 1],
	    change < 0 ? "下降" : "增长", pct) :
	    xasprintf("Output %s about %s from %s to %s", change < 0 ? "fell" :
	    "rose", pct, cats[0], cats[n - 1]);
	ce_header(c, title, sub);
	notes[0] = TR(c, "World totals as rounded by USGS. Years before "
	    "2023 come from earlier USGS editions as quoted in the press; "
	    "later editions revise earlier years.", "全球总量为美国地质调查局四舍五入值；2023年以前数据来自较早版本。");
	ce_footer(c, notes);
	ce_vbars(c, cats, vals, labels, n, &sc, CC(c, THEME_HIGHLIGHT));
	for (i = 0; i < n; i++) {
		free((char *)cats[i]);
		free(labels[i]);
	}
	free(cats);
	free(vals);
	free(labels);
	free(t);
	free(pct);
	free(sub);
	free(title);
	return c->sc;
}

struct scene *
chart_build(const struct chart_spec *spec, const struct model *m,
    struct text_ctx *tc, struct diags *d, struct chart_sources *cites)
{
	struct ce c;
	struct scene *sc;
	size_t i;

	ce_init(&c, spec, m, tc, kinds[spec->kind].id);
	sc = kinds[spec->kind].build(&c, d);
	free(c.subtitle);
	if (sc != NULL && c.too_small) {
		struct pos p = { m->path, 0, 0 };

		diags_add(d, &p, "chart \"%s\": %.0f x %.0f points is too "
		    "small for its title, notes and bars; make it taller or "
		    "wider", kinds[spec->kind].id, spec->width, spec->height);
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
