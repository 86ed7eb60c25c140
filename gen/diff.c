/*
 * diff: the changes between two editions of a dataset (diff.h).
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "fmt.h"
#include "util.h"

static const char *const kind_names[] = { "added", "removed", "revised" };
static const char *const status_names[] = { "in_force", "suspended",
    "lifted" };
static const char *const verdict_names[] = { "agrees", "outdated",
    "different_basis", "disagrees", "unverified" };

/* Append a change; takes before and after. */
static struct change *
add(struct changes *cs, enum change_kind kind, const char *record,
    char *key, char *before, char *after)
{
	struct change *c;

	cs->v = xreallocarray(cs->v, cs->n + 1, sizeof(*cs->v));
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->record = xstrdup(record);
	c->key = key;
	c->before = before;
	c->after = after;
	cs->nadded += kind == CHANGE_ADDED;
	cs->nremoved += kind == CHANGE_REMOVED;
	cs->nrevised += kind == CHANGE_REVISED;
	return c;
}

/* v exactly, grouped, with the unit's symbol: "6,300,000 t", "69.2 %". */
static char *
amount(double v, const struct unit *u)
{
	char num[64];
	int dec = 0;

	while (dec < 6 && fabs(v * pow(10, dec) - nearbyint(v *
	    pow(10, dec))) > 1e-9 * fmax(1, fabs(v * pow(10, dec))))
		dec++;
	fmt_number(num, sizeof(num), v, dec, ",");
	return u->symbol[0] ? xasprintf("%s %s", num, u->symbol) :
	    xstrdup(num);
}

static char *
obs_text(const struct observation *o, const struct unit *u)
{
	return o->na ? xstrdup("n/a") : amount(o->value, u);
}

static char *
total_text(const struct total *t, const struct unit *u)
{
	char *a = amount(t->value, u), *s;

	if (t->qual == TOTAL_EXACT)
		return a;
	s = xasprintf("%s%s", t->qual == TOTAL_MORE_THAN ? ">" : "~", a);
	free(a);
	return s;
}

/* "AU 2025", or "AU 2024 -> 2025" when a snapshot moved a year on. */
static char *
obs_key(const struct observation *old, const struct observation *new)
{
	const struct observation *o = new ? new : old;

	if (old != NULL && new != NULL && old->year != new->year)
		return xasprintf("%s %d -> %d", o->entity->id, old->year,
		    new->year);
	return xasprintf("%s %d", o->entity->id, o->year);
}

static int
same_obs(const struct observation *a, const struct observation *b)
{
	return a->na == b->na && (a->na || a->value == b->value);
}

static void
diff_obs(const struct series *old, const struct series *new,
    const char *record, struct changes *cs)
{
	const struct observation *o, *n;
	struct change *c;
	size_t i;

	for (i = 0; i < new->nobs; i++) {
		n = &new->obs[i];
		o = series_counterpart(old, new, n->entity->id, n->year);
		if (o != NULL && same_obs(o, n))
			continue;
		c = add(cs, o ? CHANGE_REVISED : CHANGE_ADDED, record,
		    obs_key(o, n), o ? obs_text(o, old->unit) : NULL,
		    obs_text(n, new->unit));
		c->old_obs = o;
		c->new_obs = n;
	}
	for (i = 0; i < old->nobs; i++) {
		o = &old->obs[i];
		if (series_counterpart(new, old, o->entity->id, o->year))
			continue;
		c = add(cs, CHANGE_REMOVED, record, obs_key(o, NULL),
		    obs_text(o, old->unit), NULL);
		c->old_obs = o;
	}
}

/* The total of old that new's total of year is compared with. */
static const struct total *
total_counterpart(const struct series *old, const struct series *new,
    int year)
{
	if (series_is_snapshot(old, new) && old->ntotals == 1 &&
	    new->ntotals == 1)
		return &old->totals[0];
	return series_total(old, year);
}

static void
diff_totals(const struct series *old, const struct series *new,
    const char *record, struct changes *cs)
{
	const struct total *o, *n;
	char *a, *b;
	size_t i;

	for (i = 0; i < new->ntotals; i++) {
		n = &new->totals[i];
		o = total_counterpart(old, new, n->year);
		a = o ? total_text(o, old->unit) : NULL;
		b = total_text(n, new->unit);
		if (a != NULL && strcmp(a, b) == 0) {
			free(a);
			free(b);
			continue;
		}
		add(cs, o ? CHANGE_REVISED : CHANGE_ADDED, record,
		    o && o->year != n->year ? xasprintf("world %d -> %d",
		    o->year, n->year) : xasprintf("world %d", n->year), a, b);
	}
	for (i = 0; i < old->ntotals; i++) {
		o = &old->totals[i];
		if (total_counterpart(new, old, o->year) == NULL)
			add(cs, CHANGE_REMOVED, record, xasprintf("world %d",
			    o->year), total_text(o, old->unit), NULL);
	}
}

void
diff_series(const struct series *old, const struct series *new,
    struct changes *cs)
{
	char *record = xasprintf("series %s", new->id);

	if (strcmp(old->unit->id, new->unit->id) != 0)
		add(cs, CHANGE_REVISED, record, xstrdup("unit"),
		    xstrdup(old->unit->id), xstrdup(new->unit->id));
	diff_obs(old, new, record, cs);
	diff_totals(old, new, record, cs);
	free(record);
}

/*
 * Records matched by id: each one in new that old lacks is added, and
 * the reverse removed; pairs go to revise.  The id is at offset off of
 * each element of size sz.
 */
typedef void (*revise_fn)(const void *old, const void *new,
    const struct model *, const struct model *, struct changes *);

static const char *
id_at(const void *base, size_t i, size_t sz, size_t off)
{
	return *(char *const *)((const char *)base + i * sz + off);
}

static void
match(const char *record, const void *ob, size_t on, const void *nb,
    size_t nn, size_t sz, size_t off, revise_fn revise,
    const struct model *om, const struct model *nm, struct changes *cs)
{
	size_t i, j;

	for (i = 0; i < nn; i++) {
		const char *id = id_at(nb, i, sz, off);

		for (j = 0; j < on; j++)
			if (strcmp(id_at(ob, j, sz, off), id) == 0)
				break;
		if (j == on)
			add(cs, CHANGE_ADDED, record, xstrdup(id), NULL, NULL);
		else if (revise != NULL)
			revise((const char *)ob + j * sz,
			    (const char *)nb + i * sz, om, nm, cs);
	}
	for (j = 0; j < on; j++) {
		const char *id = id_at(ob, j, sz, off);

		for (i = 0; i < nn; i++)
			if (strcmp(id_at(nb, i, sz, off), id) == 0)
				break;
		if (i == nn)
			add(cs, CHANGE_REMOVED, record, xstrdup(id), NULL,
			    NULL);
	}
}

static void
revise_series(const void *o, const void *n, const struct model *om,
    const struct model *nm, struct changes *cs)
{
	(void)om;
	(void)nm;
	diff_series(o, n, cs);
}

/* A value and the year it is for: "69.2 % (2025)". */
static char *
dated(double v, const struct unit *u, int year)
{
	char *a = amount(v, u), *s;

	if (year == 0)
		return a;
	s = xasprintf("%s (%d)", a, year);
	free(a);
	return s;
}

/* Add a revision of key when the two texts differ; takes both. */
static void
revise_text(struct changes *cs, const char *record, const char *id,
    const char *field, char *before, char *after)
{
	if (strcmp(before, after) == 0) {
		free(before);
		free(after);
		return;
	}
	add(cs, CHANGE_REVISED, record, field ? xasprintf("%s %s", id,
	    field) : xstrdup(id), before, after);
}

static void
revise_share(const void *o, const void *n, const struct model *om,
    const struct model *nm, struct changes *cs)
{
	const struct stage_share *a = o, *b = n;

	(void)om;
	(void)nm;
	revise_text(cs, "value_chain", b->id, NULL,
	    dated(a->share, a->unit, a->year),
	    dated(b->share, b->unit, b->year));
}

static void
revise_figure(const void *o, const void *n, const struct model *om,
    const struct model *nm, struct changes *cs)
{
	const struct figure *a = o, *b = n;

	(void)om;
	(void)nm;
	revise_text(cs, "figures", b->id, NULL,
	    dated(a->value, a->unit, a->year),
	    dated(b->value, b->unit, b->year));
}

/* "suspended until 2026-11-10", "… (lapsed)": on the dataset's as_of. */
static char *
status_on(const struct control *c, const char *as_of)
{
	const char *until;
	int lapsed;
	enum control_status st = control_status_at(c, as_of, &until,
	    &lapsed);

	if (until == NULL)
		return xstrdup(status_names[st]);
	return xasprintf("%s until %s%s", status_names[st], until,
	    lapsed ? " (lapsed)" : "");
}

static void
revise_control(const void *o, const void *n, const struct model *om,
    const struct model *nm, struct changes *cs)
{
	const struct control *a = o, *b = n;

	revise_text(cs, "export_controls", b->id, "status",
	    status_on(a, om->as_of), status_on(b, nm->as_of));
}

static void
revise_claim(const void *o, const void *n, const struct model *om,
    const struct model *nm, struct changes *cs)
{
	const struct claim *a = o, *b = n;

	(void)om;
	(void)nm;
	revise_text(cs, "claims", b->id, "verdict",
	    xstrdup(verdict_names[a->verdict]),
	    xstrdup(verdict_names[b->verdict]));
}

#define MATCH(rec, o, on, n, nn, type, field, fn, om, nm, cs) \
	match((rec), (o), (on), (n), (nn), sizeof(struct type), \
	    offsetof(struct type, field), (fn), (om), (nm), (cs))

void
diff_models(const struct model *a, const struct model *b,
    struct changes *cs)
{
	if (strcmp(a->as_of, b->as_of) != 0)
		add(cs, CHANGE_REVISED, "dataset", xstrdup("as_of"),
		    xstrdup(a->as_of), xstrdup(b->as_of));
	MATCH("sources", a->sources, a->nsources, b->sources, b->nsources,
	    source, id, NULL, a, b, cs);
	MATCH("series", a->series, a->nseries, b->series, b->nseries,
	    series, id, revise_series, a, b, cs);
	MATCH("value_chain", a->shares, a->nshares, b->shares, b->nshares,
	    stage_share, id, revise_share, a, b, cs);
	MATCH("figures", a->figures, a->nfigures, b->figures, b->nfigures,
	    figure, id, revise_figure, a, b, cs);
	MATCH("export_controls", a->controls, a->ncontrols, b->controls,
	    b->ncontrols, control, id, revise_control, a, b, cs);
	MATCH("claims", a->claims, a->nclaims, b->claims, b->nclaims, claim,
	    id, revise_claim, a, b, cs);
}

/* A cell of a Markdown table: '|' escaped, "" for none. */
static void
md_cell(FILE *fp, const char *s)
{
	fputs(" ", fp);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputs(" |", fp);
}

void
changes_print(const struct changes *cs, const char *old_name,
    const char *new_name, int markdown, FILE *fp)
{
	size_t i;

	if (markdown)
		fprintf(fp, "Changes from `%s` to `%s`.\n\n| change | record "
		    "| what | before | after |\n|---|---|---|---|---|\n",
		    old_name, new_name);
	else
		fprintf(fp, "--- %s\n+++ %s\n", old_name, new_name);
	for (i = 0; i < cs->n; i++) {
		const struct change *c = &cs->v[i];

		if (markdown) {
			fputs("|", fp);
			md_cell(fp, kind_names[c->kind]);
			md_cell(fp, c->record);
			md_cell(fp, c->key);
			md_cell(fp, c->before);
			md_cell(fp, c->after);
			fputs("\n", fp);
			continue;
		}
		fprintf(fp, "%-8s %s: %s", kind_names[c->kind], c->record,
		    c->key);
		if (c->before != NULL && c->after != NULL)
			fprintf(fp, ": %s -> %s", c->before, c->after);
		else if (c->before != NULL || c->after != NULL)
			fprintf(fp, ": %s", c->before ? c->before : c->after);
		fputs("\n", fp);
	}
	fprintf(fp, "%s%zu change%s: %zu added, %zu removed, %zu revised\n",
	    markdown ? "\n" : "", cs->n, cs->n == 1 ? "" : "s", cs->nadded,
	    cs->nremoved, cs->nrevised);
}

void
changes_free(struct changes *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].record);
		free(cs->v[i].key);
		free(cs->v[i].before);
		free(cs->v[i].after);
	}
	free(cs->v);
	memset(cs, 0, sizeof(*cs));
}
