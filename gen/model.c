/*
 * model: accessors over the validated dataset, and freeing it.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

static void
source_free(struct source *s)
{
	free(s->id);
	free(s->title);
	free(s->publisher);
	free(s->date);
	free(s->url);
	free(s->lang);
	free(s->note);
}

static void
unit_free(struct unit *u)
{
	size_t i;

	free(u->id);
	free(u->name);
	free(u->name_zh);
	free(u->symbol);
	free(u->symbol_zh);
	free(u->words);
	free(u->words_zh);
	for (i = 0; i < u->nscales; i++) {
		free(u->scales[i].id);
		free(u->scales[i].symbol);
		free(u->scales[i].symbol_zh);
		free(u->scales[i].words);
		free(u->scales[i].words_zh);
		free(u->scales[i].name);
		free(u->scales[i].name_zh);
	}
	free(u->scales);
}

static void
series_free(struct series *s)
{
	size_t i;

	free(s->id);
	free(s->measure);
	free(s->title);
	free(s->title_zh);
	free(s->label);
	free(s->label_zh);
	free(s->totals_title);
	free(s->totals_title_zh);
	free(s->chart_note);
	free(s->chart_note_zh);
	free(s->totals_note);
	free(s->totals_note_zh);
	free(s->note);
	for (i = 0; i < s->nobs; i++)
		free(s->obs[i].note);
	free(s->obs);
	for (i = 0; i < s->ntotals; i++)
		free(s->totals[i].note);
	free(s->totals);
	if (s->previous != NULL) {
		series_free(s->previous);
		free(s->previous);
	}
}

static void
control_free(struct control *c)
{
	free(c->id);
	free(c->date);
	free(c->authority);
	free(c->authority_zh);
	free(c->reference);
	free(c->title);
	free(c->title_zh);
	free(c->measure);
	free(c->measure_zh);
	free(c->elements);
	free(c->status_note);
	free(c->effective);
	free(c->until);
	if (c->then != NULL) {
		free(c->then->from);
		free(c->then->until);
		free(c->then->note);
		free(c->then);
	}
}

static void
claim_free(struct claim *c)
{
	free(c->id);
	free(c->quote);
	free(c->lang);
	free(c->subject);
	free(c->subject_zh);
	free(c->measure);
	free(c->earlier);
	free(c->note);
}

static void
figure_free(struct figure *f)
{
	free(f->id);
	free(f->measure);
	free(f->subject);
	free(f->subject_zh);
	free(f->note);
}

void
model_free(struct model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nunits; i++) {
		unit_free(&m->units[i]);
	}
	for (i = 0; i < m->nsources; i++)
		source_free(&m->sources[i]);
	for (i = 0; i < m->nentities; i++) {
		free(m->entities[i].id);
		free(m->entities[i].name);
		free(m->entities[i].name_zh);
	}
	for (i = 0; i < m->nelements; i++) {
		free(m->elements[i].symbol);
		free(m->elements[i].name);
		free(m->elements[i].name_zh);
	}
	for (i = 0; i < m->nseries; i++)
		series_free(&m->series[i]);
	for (i = 0; i < m->nshares; i++) {
		free(m->shares[i].id);
		free(m->shares[i].stage);
		free(m->shares[i].name);
		free(m->shares[i].name_zh);
		free(m->shares[i].note);
	}
	for (i = 0; i < m->ncontrols; i++)
		control_free(&m->controls[i]);
	for (i = 0; i < m->nclaims; i++)
		claim_free(&m->claims[i]);
	for (i = 0; i < m->nfigures; i++)
		figure_free(&m->figures[i]);
	free(m->units);
	free(m->sources);
	free(m->entities);
	free(m->elements);
	free(m->series);
	free(m->shares);
	free(m->controls);
	free(m->claims);
	free(m->figures);
	free(m->by_id);
	free(m->path);
	free(m->title);
	free(m->title_zh);
	free(m->as_of);
	free(m);
}

static int
entity_cmp(const void *a, const void *b)
{
	const struct entity *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

void
model_index(struct model *m)
{
	size_t i;

	free(m->by_id);
	m->by_id = xcalloc(m->nentities, sizeof(*m->by_id));
	for (i = 0; i < m->nentities; i++)
		m->by_id[i] = &m->entities[i];
	qsort(m->by_id, m->nentities, sizeof(*m->by_id), entity_cmp);
}

const struct entity *
model_entity(const struct model *m, const char *id)
{
	struct entity key = { .id = (char *)id };
	const struct entity *kp = &key, *const *hit;

	if (m->by_id == NULL || id == NULL)
		return NULL;
	hit = bsearch(&kp, m->by_id, m->nentities, sizeof(*m->by_id),
	    entity_cmp);
	return hit ? *hit : NULL;
}

/*
 * The record of n, each size bytes, whose id (a char * at offset off) is
 * id; NULL if none.  The arrays are short and read a few times a run, so
 * a scan is enough (entities, read for every row, have an index).
 */
static const void *
by_id(const void *base, size_t n, size_t size, size_t off, const char *id)
{
	const char *rec = base;
	size_t i;

	for (i = 0; id != NULL && i < n; i++, rec += size) {
		const char *rid = *(char *const *)(const void *)(rec + off);

		if (rid != NULL && strcmp(rid, id) == 0)
			return rec;
	}
	return NULL;
}

#define BY_ID(arr, n, type, key) \
	by_id((arr), (n), sizeof(type), offsetof(type, id), (key))

const struct source *
model_source(const struct model *m, const char *id)
{
	return BY_ID(m->sources, m->nsources, struct source, id);
}

const struct unit *
model_unit(const struct model *m, const char *id)
{
	return BY_ID(m->units, m->nunits, struct unit, id);
}

const struct series *
model_series(const struct model *m, const char *id)
{
	return BY_ID(m->series, m->nseries, struct series, id);
}

const struct claim *
model_claim(const struct model *m, const char *id)
{
	return BY_ID(m->claims, m->nclaims, struct claim, id);
}

const struct control *
model_control(const struct model *m, const char *id)
{
	return BY_ID(m->controls, m->ncontrols, struct control, id);
}

const struct figure *
model_figure(const struct model *m, const char *id)
{
	return BY_ID(m->figures, m->nfigures, struct figure, id);
}

const struct series *
model_series_by_measure(const struct model *m, const char *measure)
{
	size_t i;

	for (i = 0; i < m->nseries; i++)
		if (m->series[i].measure != NULL &&
		    strcmp(m->series[i].measure, measure) == 0)
			return &m->series[i];
	return NULL;
}

const struct total *
series_total(const struct series *s, int year)
{
	size_t i;

	for (i = 0; i < s->ntotals; i++)
		if (s->totals[i].year == year)
			return &s->totals[i];
	return NULL;
}

const struct observation *
series_obs(const struct series *s, const char *entity_id, int year)
{
	size_t i;

	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year == year && s->obs[i].entity != NULL &&
		    strcmp(s->obs[i].entity->id, entity_id) == 0)
			return &s->obs[i];
	return NULL;
}

/* The one year a series holds, or 0 when it holds several. */
static int
only_year(const struct series *s)
{
	size_t i;

	for (i = 1; i < s->nobs; i++)
		if (s->obs[i].year != s->obs[0].year)
			return 0;
	return s->nobs ? s->obs[0].year : 0;
}

int
series_is_snapshot(const struct series *old, const struct series *new)
{
	return only_year(old) != 0 && only_year(new) != 0;
}

const struct observation *
series_counterpart(const struct series *old, const struct series *new,
    const char *entity_id, int year)
{
	if (series_is_snapshot(old, new))
		year = only_year(old);
	return series_obs(old, entity_id, year);
}

enum control_status
control_status_at(const struct control *c, const char *date,
    const char **until, int *lapsed)
{
	enum control_status st = c->status;

	*until = c->until;
	if (c->until != NULL && c->then != NULL &&
	    strcmp(c->until, date) < 0 && strcmp(c->then->from, date) <= 0) {
		st = c->then->status;
		*until = c->then->until;
	}
	*lapsed = *until != NULL && strcmp(*until, date) < 0;
	return st;
}

/* The place value of the last significant digit of x > 0: 1e6 for
 * 44,000,000, 100 for 2,600, 0.1 for 69.2 (down to 0.001). */
static double
last_digit(double x)
{
	double p = pow(10, floor(log10(x)));

	while (p > 1e-3 && fabs(x / p - nearbyint(x / p)) > 1e-9)
		p /= 10;
	return p;
}

int
claim_matches(double claim, double v)
{
	double tol = claim > 0 ? last_digit(claim) / 2 : 0;

	return fabs(claim - v) <= tol * (1 + 1e-12);
}

/* 1 when o is one of the rows of s (not of its previous edition). */
static int
in_series(const struct series *s, const struct observation *o)
{
	return o >= s->obs && o < s->obs + s->nobs;
}

/* An observation of edition s as a claim compares it: its value, or its
 * share of the world in percent. */
static double
as_compared(const struct claim *c, const struct series *s,
    const struct observation *o)
{
	return c->primary_as_share ? 100 * o->value / series_share_base(s,
	    o->year) : o->value;
}

int
claim_primary(const struct claim *c, double *v, const struct unit **u,
    const char **measure, const struct source **src)
{
	const struct observation *o = c->primary_obs;

	if (o != NULL) {
		const struct series *s = c->primary_series;

		*v = as_compared(c, in_series(s, o) ? s : s->previous, o);
		*u = c->primary_as_share ? NULL : s->unit;
		*measure = s->measure;
		*src = o->source;
	} else if (c->primary_share != NULL) {
		*v = c->primary_share->share;
		*u = c->primary_share->unit;
		*measure = c->primary_share->stage;
		*src = c->primary_share->source;
	} else if (c->primary_fig != NULL) {
		*v = c->primary_fig->value;
		*u = c->primary_fig->unit;
		*measure = c->primary_fig->measure;
		*src = c->primary_fig->source;
	} else
		return -1;
	return 0;
}

/* 1 when the claim is an earlier edition's value of its primary. */
static int
matches_earlier(const struct claim *c)
{
	const struct series *s = c->primary_series;
	const struct observation *o;
	size_t i;

	for (i = 0; i < c->nearlier; i++)
		if (claim_matches(c->value, c->earlier[i]->value))
			return 1;
	if (c->primary_obs == NULL || s->previous == NULL)
		return 0;
	/* a primary from the previous edition has no earlier one there */
	if (!in_series(s, c->primary_obs))
		return 0;
	o = series_counterpart(s->previous, s, c->primary_obs->entity->id,
	    c->primary_obs->year);
	return o != NULL && !o->na && claim_matches(c->value,
	    as_compared(c, s->previous, o));
}

int
claim_verdict(const struct claim *c)
{
	const struct source *src;
	const struct unit *u;
	const char *measure;
	double v;

	if (c->unit == NULL || claim_primary(c, &v, &u, &measure, &src) == -1)
		return -1;	/* no unit: already refused by the loader */
	/* a share compares with any percent unit */
	if (u == NULL && c->unit->kind == UNIT_PERCENT)
		u = c->unit;
	if (u != c->unit || (c->measure != NULL && measure != NULL &&
	    strcmp(c->measure, measure) != 0))
		return VERDICT_DIFFERENT_BASIS;
	if (claim_matches(c->value, v))
		return VERDICT_AGREES;
	return matches_earlier(c) ? VERDICT_OUTDATED : VERDICT_DISAGREES;
}

const char *
entity_name(const struct entity *e, enum lang lang)
{
	return lang == LANG_ZH ? e->name_zh : e->name;
}

double
series_effective_total(const struct series *s, int year, double *parts_sum)
{
	const struct total *t = series_total(s, year);
	double sum = 0;
	size_t i;

	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year == year && !s->obs[i].na)
			sum += s->obs[i].value;
	if (parts_sum != NULL)
		*parts_sum = sum;
	if (t == NULL || sum > t->value)
		return sum;
	return t->value;
}

double
series_share_base(const struct series *s, int year)
{
	const struct total *t = series_total(s, year);

	if (t == NULL || t->qual == TOTAL_MORE_THAN)
		return series_effective_total(s, year, NULL);
	return t->value;
}

static int
rank_cmp(const void *a, const void *b)
{
	const struct observation *x = *(const struct observation *const *)a;
	const struct observation *y = *(const struct observation *const *)b;

	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return strcmp(x->entity->id, y->entity->id);
}

size_t
series_ranked(const struct series *s, int year,
    const struct observation ***out)
{
	const struct observation **v = xcalloc(s->nobs, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].year == year && !s->obs[i].na &&
		    s->obs[i].entity->kind == ENTITY_COUNTRY)
			v[n++] = &s->obs[i];
	qsort(v, n, sizeof(*v), rank_cmp);
	*out = v;
	return n;
}

static void
scale_disp(const struct unit_scale *sc, enum lang lang, struct unit_disp *d)
{
	d->div = lang == LANG_ZH ? sc->factor_zh : sc->factor;
	d->id = sc->id;
	d->symbol = lang == LANG_ZH ? sc->symbol_zh : sc->symbol;
	d->words = lang == LANG_ZH ? sc->words_zh : sc->words;
	d->name = lang == LANG_ZH ? sc->name_zh : sc->name;
}

static void
unit_self(const struct unit *u, enum lang lang, struct unit_disp *d)
{
	d->div = 1;
	d->id = u->id;
	d->symbol = lang == LANG_ZH && u->symbol_zh ? u->symbol_zh : u->symbol;
	d->words = lang == LANG_ZH ? u->words_zh : u->words;
	d->name = lang == LANG_ZH ? u->name_zh : u->name;
}

void
unit_display(const struct unit *u, enum lang lang, double vmax,
    struct unit_disp *d)
{
	size_t i;

	unit_self(u, lang, d);
	for (i = 0; i < u->nscales; i++)
		if (vmax >= u->scales[i].from)
			scale_disp(&u->scales[i], lang, d);
}

int
unit_display_id(const struct unit *u, enum lang lang, const char *id,
    struct unit_disp *d)
{
	size_t i;

	if (strcmp(id, u->id) == 0 || strcmp(id, u->symbol) == 0) {
		unit_self(u, lang, d);
		return 0;
	}
	for (i = 0; i < u->nscales; i++)
		if (strcmp(id, u->scales[i].id) == 0) {
			scale_disp(&u->scales[i], lang, d);
			return 0;
		}
	return -1;
}

const struct entity *
model_chain_holder(const struct model *m)
{
	size_t i;

	for (i = 1; i < m->nshares; i++)
		if (m->shares[i].entity != m->shares[0].entity)
			return NULL;
	return m->nshares ? m->shares[0].entity : NULL;
}

void
unit_suffix(const char *name, enum lang lang, char *out, size_t sz)
{
	snprintf(out, sz, "%s%s", name[0] == '\0' || lang == LANG_ZH ||
	    strcmp(name, "%") == 0 ? "" : " ", name);
}
