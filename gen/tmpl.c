/*
 * tmpl: parse a template safely with libxml2 and bind it to the model.
 *
 * Safety (libxml2 2.9.14): the file is read by us and parsed from memory
 * with XML_PARSE_NONET and without XML_PARSE_NOENT or DTD loading; a
 * deny-all external entity loader is installed; any DOCTYPE, entity
 * reference or processing instruction is refused; XInclude is never run.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "fmt.h"
#include "tmpl.h"
#include "util.h"

#define ZH(p)		((p)->doc->lang == LANG_ZH)

struct tp {
	const char		*file;
	const struct model	*m;
	const struct chart_specs *presets;
	struct text_ctx		*tc;
	struct diags		*d;
	struct doc		*doc;
	size_t			 nodes;
	int			 errs;
};

/* The first XML error, kept by the structured handler. */
struct xml_first {
	int		 seen;
	int		 in_entity;	/* raised inside an entity's text */
	int		 line;
	int		 col;
	char		 msg[256];
};

static xmlParserInputPtr
deny_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	(void)ctxt;
	(void)url;
	return NULL;
}

void
tmpl_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_entity);
}

void
tmpl_cleanup(void)
{
	xmlCleanupParser();
}

static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct xml_first *f = ctx;
	size_t n;

	if (f->seen || e == NULL || e->level < XML_ERR_ERROR)
		return;
	f->seen = 1;
	f->in_entity = e->file == NULL;
	f->line = e->line;
	f->col = e->int2;
	snprintf(f->msg, sizeof(f->msg), "%s", e->message ? e->message :
	    "malformed XML");
	n = strlen(f->msg);
	while (n > 0 && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' '))
		f->msg[--n] = '\0';
}

static void
terr(struct tp *p, const xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
terr(struct tp *p, const xmlNode *n, const char *fmt, ...)
{
	struct pos pos = { p->file, n ? (int)xmlGetLineNo(n) : 0, 0 };
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(p->d, &pos, "%s", s);
	free(s);
	p->errs++;
}

/* An attribute's value, copied (caller frees), or NULL. */
static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* "a, b or c": the n words of v, for what a message expects.  Caller
 * frees. */
static char *
join_or(const char *const *v, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ",
		    v[i]);
	return buf_release(&b);
}

/* The number of words before the NULL that ends v. */
static size_t
nwords(const char *const *v)
{
	size_t n = 0;

	while (v[n] != NULL)
		n++;
	return n;
}

static int
attr_present(const xmlNode *n, const char *name)
{
	return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

static int
is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Every attribute of n must be in allowed (NULL-terminated). */
static void
check_attrs(struct tp *p, const xmlNode *n, const char *const *allowed)
{
	const xmlAttr *a;
	struct buf list;
	size_t i;

	for (a = n->properties; a != NULL; a = a->next) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp((const char *)a->name, allowed[i]) == 0)
				break;
		if (allowed[i] != NULL && a->ns == NULL)
			continue;
		buf_init(&list);
		for (i = 0; allowed[i] != NULL; i++)
			buf_printf(&list, "%s%s", i ? ", " : "", allowed[i]);
		terr(p, n, "unknown attribute \"%s\" on <%s>; expected %s%s",
		    a->name, n->name, allowed[0] ? "one of " : "none",
		    list.data ? list.data : "");
		buf_free(&list);
	}
}

static char *
req_attr(struct tp *p, const xmlNode *n, const char *name)
{
	char *v = attr(n, name);

	if (v == NULL || *v == '\0') {
		terr(p, n, "<%s> needs the attribute \"%s\"", n->name, name);
		free(v);
		return NULL;
	}
	return v;
}

/* An integer attribute in [lo, hi]; def when absent; -1 on error. */
static int
int_attr(struct tp *p, const xmlNode *n, const char *name, int lo, int hi,
    int def)
{
	char *v = attr(n, name), *end;
	long x;

	if (v == NULL)
		return def;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || x < lo || x > hi) {
		terr(p, n, "<%s %s=\"%s\">: expected a whole number from %d "
		    "to %d", n->name, name, v, lo, hi);
		free(v);
		return -1;
	}
	free(v);
	return (int)x;
}

/* ---- structure checks over the whole tree ---- */

/* Refuse what the template language has no use for and what could
 * reach outside the file: entity references, PIs, deep nesting. */
static void
check_tree(struct tp *p, const xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		if (++p->nodes == TMPL_MAX_NODES + 1)
			terr(p, n, "more than %d nodes; templates are limited "
			    "to that many", TMPL_MAX_NODES);
		switch (n->type) {
		case XML_ENTITY_REF_NODE:
		case XML_ENTITY_NODE:
			terr(p, n, "entity reference &%s; is not allowed; "
			    "expected only &amp; &lt; &gt; &quot; &apos; and "
			    "character references", n->name);
			continue;
		case XML_PI_NODE:
			terr(p, n, "processing instruction <?%s?> is not "
			    "allowed", n->name);
			continue;
		case XML_XINCLUDE_START:
		case XML_XINCLUDE_END:
			terr(p, n, "XInclude is not allowed");
			continue;
		case XML_ELEMENT_NODE:
			if (depth >= TMPL_MAX_DEPTH) {
				terr(p, n, "elements nested deeper than %d "
				    "levels", TMPL_MAX_DEPTH);
				continue;
			}
			check_tree(p, n->children, depth + 1);
			break;
		default:
			break;
		}
	}
}

/* ---- inline content ---- */

struct inl {
	struct rich	*r;
	int		 pend;		/* white space seen, not yet added */
	int		 pend_nl;	/* ...and it held a line break */
	unsigned	 last;		/* last code point added */
};

static int
is_cjk(unsigned c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F);
}

static unsigned
decode(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0) {
		*len = 2;
		return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	}
	if ((u[0] & 0xF0) == 0xE0) {
		*len = 3;
		return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
		    (u[2] & 0x3Fu);
	}
	*len = 4;
	return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
	    ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
}

/*
 * Append text with white space collapsed: runs become one space, none at
 * the start; in Chinese a line break between two Chinese characters
 * becomes nothing.
 */
static void
inl_text(struct tp *p, struct inl *in, const char *s, unsigned flags,
    const char *href)
{
	size_t len;
	unsigned c;

	while (*s != '\0') {
		c = decode(s, &len);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			in->pend = 1;
			if (c == '\n')
				in->pend_nl = 1;
			s += len;
			continue;
		}
		if (in->pend && in->last != 0 && !(ZH(p) && in->pend_nl &&
		    is_cjk(in->last) && is_cjk(c)))
			rich_add(in->r, " ", 1, flags, href);
		in->pend = in->pend_nl = 0;
		rich_add(in->r, s, len, flags, href);
		in->last = c;
		s += len;
	}
}

static const char *const no_attrs[] = { NULL };


/* The edition edition= names: the series itself ("current", the
 * default) or the previous edition it keeps; NULL (reported) if none. */
static const struct series *
edition_attr(struct tp *p, const xmlNode *n, const struct series *s)
{
	char *ed = attr(n, "edition");
	const struct series *r = s;

	if (ed != NULL && strcmp(ed, "previous") == 0) {
		if ((r = s->previous) == NULL)
			terr(p, n, "<%s edition=\"previous\">: series \"%s\" "
			    "keeps no previous edition", n->name, s->id);
	} else if (ed != NULL && strcmp(ed, "current") != 0) {
		terr(p, n, "<%s edition=\"%s\">: expected current or "
		    "previous", n->name, ed);
		r = NULL;
	}
	free(ed);
	return r;
}

static const struct series *
series_attr(struct tp *p, const xmlNode *n, int required)
{
	char *id = required ? req_attr(p, n, "series") : attr(n, "series");
	const struct series *s;

	if (id == NULL)
		return NULL;
	if ((s = model_series(p->m, id)) == NULL)
		terr(p, n, "<%s series=\"%s\">: the dataset has no such "
		    "series; expected one of its series ids", n->name, id);
	free(id);
	return s ? edition_attr(p, n, s) : NULL;
}

/* The entity an attribute (entity=, highlight=) names, or NULL. */
static const struct entity *
entity_attr(struct tp *p, const xmlNode *n, const char *name, int required)
{
	char *id = required ? req_attr(p, n, name) : attr(n, name);
	const struct entity *e;

	if (id == NULL)
		return NULL;
	if ((e = model_entity(p->m, id)) == NULL)
		terr(p, n, "<%s %s=\"%s\">: the dataset has no such "
		    "entity", n->name, name, id);
	free(id);
	return e;
}

/* An observation that exists and is not n/a, or NULL (reported). */
static const struct observation *
obs_attr(struct tp *p, const xmlNode *n, const struct series **sp)
{
	const struct series *s = series_attr(p, n, 1);
	const struct entity *e = entity_attr(p, n, "entity", 1);
	int year = int_attr(p, n, "year", 1900, 2100, 0);
	const struct observation *o;

	if (year == 0)
		terr(p, n, "<%s> needs the attribute \"year\"", n->name);
	*sp = s;
	if (s == NULL || e == NULL || year <= 0)
		return NULL;
	if ((o = series_obs(s, e->id, year)) == NULL)
		terr(p, n, "<%s>: series \"%s\" has no value for \"%s\" in "
		    "%d", n->name, s->id, e->id, year);
	else if (o->na)
		terr(p, n, "<%s>: the value for \"%s\" in %d is n/a in the "
		    "dataset", n->name, e->id, year);
	else
		return o;
	return NULL;
}

static const struct total *
total_attr(struct tp *p, const xmlNode *n, const struct series *s,
    const char *name)
{
	int year = int_attr(p, n, name, 1900, 2100, 0);
	const struct total *t;

	if (year == 0)
		terr(p, n, "<%s> needs the attribute \"%s\"", n->name, name);
	if (s == NULL || year <= 0)
		return NULL;
	if ((t = series_total(s, year)) == NULL)
		terr(p, n, "<%s>: series \"%s\" has no world total for %d",
		    n->name, s->id, year);
	return t;
}

/*
 * <value of="KIND" ...>: one handler per kind, found in value_kinds[]
 * below.  What every value shares is read once, into struct vopt; each
 * handler reads its own attributes, reports what is missing at the
 * template's line, and returns the text (caller frees) or NULL.
 */
struct vopt {
	char		*scale;		/* a scale id of the unit; NULL: auto */
	int		 dec;		/* decimals asked for; -1: default */
	enum qty_unit	 unit;		/* unit="symbol", "words" or "none" */
	int		 given;		/* scale, decimals or unit given */
};

/* A quantity of unit u as the value's scale, decimals and unit= ask; the
 * scale must be one of the unit's: NULL (reported) when it is not. */
static char *
quantity_of(struct tp *p, const xmlNode *n, const struct unit *u, double v,
    const struct vopt *o, int dec)
{
	struct unit_disp ud;
	struct buf list;
	size_t i;

	if (o->scale == NULL ||
	    unit_display_id(u, p->doc->lang, o->scale, &ud) == 0)
		return doc_quantity_as(p->doc, u, v, o->scale, dec, o->unit);
	buf_init(&list);
	buf_printf(&list, "auto, %s", u->symbol[0] ? u->symbol : u->id);
	for (i = 0; i < u->nscales; i++)
		buf_printf(&list, ", %s", u->scales[i].id);
	terr(p, n, "<value scale=\"%s\">: the unit \"%s\" has no such "
	    "scale; expected %s", o->scale, u->id, list.data);
	buf_free(&list);
	return NULL;
}

typedef char	*(*value_fn)(struct tp *, const xmlNode *,
		    const struct vopt *);

static char *
value_obs(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	const struct series *s;
	const struct observation *ob = obs_attr(p, n, &s);

	return ob ? quantity_of(p, n, s->unit, ob->value, o, o->dec) : NULL;
}

static char *
value_share(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	const struct series *s;
	const struct observation *ob = obs_attr(p, n, &s);

	return ob ? fmt_percent(100 * ob->value / series_share_base(s,
	    ob->year), o->dec < 0 ? 1 : o->dec) : NULL;
}

static char *
value_total(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	const struct series *s = series_attr(p, n, 1);
	const struct total *t = total_attr(p, n, s, "year");
	char *q, *out;

	if (t == NULL)
		return NULL;
	q = quantity_of(p, n, s->unit, t->value, o, o->dec < 0 &&
	    t->qual == TOTAL_MORE_THAN ? 0 : o->dec);
	if (t->qual != TOTAL_MORE_THAN || q == NULL)
		return q;
	out = doc_more_than(p->doc, q);
	free(q);
	return out;
}

static char *
value_sum(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	const struct series *s = series_attr(p, n, 1);
	const struct total *t = total_attr(p, n, s, "year");
	double sum;

	if (t == NULL)
		return NULL;
	series_effective_total(s, t->year, &sum);
	return quantity_of(p, n, s->unit, sum, o, o->dec);
}

static char *
value_change(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	const struct entity *e = entity_attr(p, n, "entity", 0);
	int from = int_attr(p, n, "from", 1900, 2100, 0);
	int to = int_attr(p, n, "to", 1900, 2100, 0);
	const struct series *s = series_attr(p, n, 1);
	double a = NAN, b = NAN;

	if (from == 0 || to == 0)
		terr(p, n, "<value of=\"change\"> needs \"from\" and "
		    "\"to\" years");
	else if (s != NULL && e != NULL) {
		const struct observation *o0 = series_obs(s, e->id, from);
		const struct observation *o1 = series_obs(s, e->id, to);

		if (o0 == NULL || o1 == NULL || o0->na || o1->na)
			terr(p, n, "<value of=\"change\">: series \"%s\" "
			    "lacks \"%s\" in %d or %d", s->id, e->id, from,
			    to);
		else
			a = o0->value, b = o1->value;
	} else if (s != NULL && from > 0 && to > 0) {
		const struct total *t0 = series_total(s, from);
		const struct total *t1 = series_total(s, to);

		if (t0 == NULL || t1 == NULL)
			terr(p, n, "<value of=\"change\">: series \"%s\" "
			    "lacks a world total for %d or %d", s->id, from,
			    to);
		else
			a = t0->value, b = t1->value;
	}
	if (isnan(a))
		return NULL;
	if (a > 0)
		return fmt_signed_percent(100 * (b - a) / a, o->dec < 0 ? 1 :
		    o->dec);
	terr(p, n, "<value of=\"change\">: the earlier value is zero");
	return NULL;
}

static char *
value_stage(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	char *id = req_attr(p, n, "id");
	double v;
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < p->m->nshares; i++)
		if (strcmp(p->m->shares[i].id, id) == 0)
			break;
	if (i == p->m->nshares) {
		terr(p, n, "<value of=\"stage\" id=\"%s\">: the dataset has "
		    "no such value_chain id", id);
		free(id);
		return NULL;
	}
	free(id);
	v = p->m->shares[i].share;
	return fmt_percent(v, o->dec >= 0 ? o->dec : v == floor(v) ? 0 : 1);
}

static size_t
count_elements_controlled(const struct model *m)
{
	size_t i, j, n = 0;

	for (i = 0; i < m->nelements; i++)
		for (j = 0; j < m->ncontrols; j++) {
			size_t k;
			int hit = 0;

			for (k = 0; k < m->controls[j].nelements; k++)
				if (m->controls[j].elements[k] ==
				    &m->elements[i])
					hit = 1;
			if (hit) {
				n++;
				break;
			}
		}
	return n;
}

static char *
value_count(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	char *what = req_attr(p, n, "what");
	long c = -1;
	size_t i;

	(void)o;
	if (what == NULL)
		return NULL;
	if (strcmp(what, "controls") == 0)
		c = (long)p->m->ncontrols;
	else if (strcmp(what, "elements-controlled") == 0)
		c = (long)count_elements_controlled(p->m);
	else if (strcmp(what, "claims") == 0)
		c = (long)p->m->nclaims;
	else if (strcmp(what, "claims-disputed") == 0)
		for (c = 0, i = 0; i < p->m->nclaims; i++)
			c += p->m->claims[i].verdict != VERDICT_AGREES;
	else if (strcmp(what, "sources") == 0)
		c = (long)p->m->nsources;
	else
		terr(p, n, "<value of=\"count\" what=\"%s\">: expected "
		    "controls, elements-controlled, claims, claims-disputed "
		    "or sources", what);
	free(what);
	return c >= 0 ? xasprintf("%ld", c) : NULL;
}

static char *
value_name(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	const struct entity *e = entity_attr(p, n, "entity", 1);

	(void)o;
	return e ? xstrdup(entity_name(e, p->doc->lang)) : NULL;
}

static char *
value_as_of(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	(void)n;
	(void)o;
	return doc_date(p->doc, p->m->as_of);
}

/*
 * The field= of a claim or control: its index in fields, or -1 (reported,
 * naming the fields expected).
 */
static int
field_attr(struct tp *p, const xmlNode *n, const char *of,
    const char *const *fields)
{
	char *f = attr(n, "field"), *list;
	int i;

	for (i = 0; f != NULL && fields[i] != NULL; i++)
		if (strcmp(f, fields[i]) == 0) {
			free(f);
			return i;
		}
	list = join_or(fields, nwords(fields));
	if (f == NULL || *f == '\0')
		terr(p, n, "<value of=\"%s\"> needs the attribute \"field\"; "
		    "expected %s", of, list);
	else
		terr(p, n, "<value of=\"%s\" field=\"%s\">: expected %s", of, f,
		    list);
	free(list);
	free(f);
	return -1;
}

/*
 * A number in its unit: a percentage (whole numbers without decimals
 * unless asked), a count, or a tonnage as scale, decimals and unit= say.
 * what names the record for the message when scale or unit= is given
 * for a number that is not a tonnage.
 */
static char *
in_unit(struct tp *p, const xmlNode *n, double v, const struct unit *u,
    const struct vopt *o, const char *what)
{
	if ((u->kind == UNIT_PERCENT || u->kind == UNIT_COUNT) &&
	    (o->scale != NULL || o->unit != QTY_SYMBOL)) {
		terr(p, n, "<value>: %s is in %s; scale and unit apply only to "
		    "quantities", what, u->id);
		return NULL;
	}
	if (u->kind == UNIT_PERCENT)
		return fmt_percent(v, o->dec >= 0 ? o->dec : v == floor(v) ? 0 :
		    1);
	if (u->kind == UNIT_COUNT)
		return fmt_quantity(v, 1, "", o->dec >= 0 ? o->dec : 0);
	return quantity_of(p, n, u, v, o, o->dec);
}

static char *
value_claim(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	static const char *const fields[] = { "press", "primary", "verdict",
	    "subject", "quote", "year", NULL };
	enum { F_PRESS, F_PRIMARY, F_VERDICT, F_SUBJECT, F_QUOTE, F_YEAR };
	char *id = req_attr(p, n, "id"), *what;
	const struct claim *c = model_claim(p->m, id);
	int f = field_attr(p, n, "claim", fields);
	char *out = NULL;

	if (id != NULL && c == NULL)
		terr(p, n, "<value of=\"claim\" id=\"%s\">: the dataset has no "
		    "such claim; expected one of its claim ids", id);
	if (c == NULL || f < 0) {
		free(id);
		return NULL;
	}
	what = xasprintf("claim \"%s\"", id);
	if (o->given && f != F_PRESS && f != F_PRIMARY)
		terr(p, n, "<value of=\"claim\" field=\"%s\">: scale, decimals "
		    "and unit apply only to the fields press and primary",
		    fields[f]);
	else if (f == F_PRESS)
		out = in_unit(p, n, c->value, c->unit, o, what);
	else if (f == F_PRIMARY && c->primary_obs != NULL)
		out = quantity_of(p, n, c->primary_series->unit,
		    c->primary_obs->value, o, o->dec);
	else if (f == F_PRIMARY && c->primary_share != NULL)
		out = in_unit(p, n, c->primary_share->share,
		    c->primary_share->unit, o, what);
	else if (f == F_PRIMARY)
		terr(p, n, "<value of=\"claim\" id=\"%s\" field=\"primary\">: "
		    "the claim has no primary figure (its primary is null)", id);
	else if (f == F_VERDICT)
		out = xstrdup(doc_verdict(p->doc, c->verdict));
	else if (f == F_SUBJECT)
		out = xstrdup(ZH(p) ? c->subject_zh : c->subject);
	else if (f == F_QUOTE)
		out = xstrdup(c->quote);
	else if (c->year != 0)
		out = xasprintf("%d", c->year);
	else
		terr(p, n, "<value of=\"claim\" id=\"%s\" field=\"year\">: the "
		    "claim states no year", id);
	free(what);
	free(id);
	return out;
}

static char *
value_figure(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	char *id = req_attr(p, n, "id"), *what, *out;
	const struct figure *f = model_figure(p->m, id);

	if (id != NULL && f == NULL)
		terr(p, n, "<value of=\"figure\" id=\"%s\">: the dataset has no "
		    "such figure; expected one of its figure ids", id);
	if (f == NULL) {
		free(id);
		return NULL;
	}
	what = xasprintf("figure \"%s\"", id);
	out = in_unit(p, n, f->value, f->unit, o, what);
	free(what);
	free(id);
	return out;
}

static char *
value_control(struct tp *p, const xmlNode *n, const struct vopt *o)
{
	static const char *const fields[] = { "date", "effective", "until",
	    "status", "reference", "title", NULL };
	enum { F_DATE, F_EFFECTIVE, F_UNTIL, F_STATUS, F_REFERENCE, F_TITLE };
	char *id = req_attr(p, n, "id");
	const struct control *c = model_control(p->m, id);
	int f = field_attr(p, n, "control", fields);
	const char *date = NULL;
	char *out = NULL;

	(void)o;
	if (id != NULL && c == NULL)
		terr(p, n, "<value of=\"control\" id=\"%s\">: the dataset has "
		    "no such export_controls id", id);
	if (c == NULL || f < 0) {
		free(id);
		return NULL;
	}
	switch (f) {
	case F_DATE:
		date = c->date;
		break;
	case F_EFFECTIVE:
		date = c->effective;
		break;
	case F_UNTIL:
		date = c->until;
		break;
	case F_STATUS:
		out = doc_control_status(p->doc, c, p->m->as_of);
		break;
	case F_REFERENCE:
		out = xstrdup(c->reference);
		break;
	default:
		out = xstrdup(ZH(p) ? c->title_zh : c->title);
		break;
	}
	if (f <= F_UNTIL && date != NULL)
		out = doc_date(p->doc, date);
	else if (f <= F_UNTIL)
		terr(p, n, "<value of=\"control\" id=\"%s\" field=\"%s\">: the "
		    "control has no %s date", id, fields[f], fields[f]);
	free(id);
	return out;
}

/* The attributes each kind takes, "of" first. */
static const char *const obs_attrs[] = { "of", "series", "edition",
    "entity", "year", "scale", "decimals", "unit", NULL };
static const char *const share_attrs[] = { "of", "series", "edition",
    "entity", "year", "decimals", NULL };
static const char *const total_attrs[] = { "of", "series", "edition",
    "year", "scale", "decimals", "unit", NULL };
static const char *const change_attrs[] = { "of", "series", "edition",
    "entity", "from", "to", "decimals", NULL };
static const char *const stage_attrs[] = { "of", "id", "decimals", NULL };
static const char *const count_attrs[] = { "of", "what", NULL };
static const char *const name_attrs[] = { "of", "entity", NULL };
static const char *const of_only[] = { "of", NULL };
static const char *const claim_attrs[] = { "of", "id", "field", "scale",
    "decimals", "unit", NULL };
static const char *const figure_attrs[] = { "of", "id", "scale", "decimals",
    "unit", NULL };
static const char *const control_attrs[] = { "of", "id", "field", NULL };

static const struct value_kind {
	const char		*of;
	value_fn		 fn;
	const char *const	*attrs;
} value_kinds[] = {
	{ "obs",	value_obs,	obs_attrs },
	{ "share",	value_share,	share_attrs },
	{ "total",	value_total,	total_attrs },
	{ "sum",	value_sum,	total_attrs },
	{ "change",	value_change,	change_attrs },
	{ "stage",	value_stage,	stage_attrs },
	{ "count",	value_count,	count_attrs },
	{ "name",	value_name,	name_attrs },
	{ "as_of",	value_as_of,	of_only },
	{ "claim",	value_claim,	claim_attrs },
	{ "figure",	value_figure,	figure_attrs },
	{ "control",	value_control,	control_attrs },
};

#define NVALUE_KINDS	(sizeof(value_kinds) / sizeof(value_kinds[0]))

/* 1 if kind k takes the attribute name. */
static int
takes(const struct value_kind *k, const char *name)
{
	size_t i;

	for (i = 0; k->attrs[i] != NULL; i++)
		if (strcmp(k->attrs[i], name) == 0)
			return 1;
	return 0;
}

/* scale= and decimals=, read once for every kind that takes them. */
static void
value_opts(struct tp *p, const xmlNode *n, const struct value_kind *k,
    struct vopt *o)
{
	char *u;

	o->scale = takes(k, "scale") ? attr(n, "scale") : NULL;
	o->given = o->scale != NULL;
	if (o->scale != NULL && strcmp(o->scale, "auto") == 0) {
		free(o->scale);
		o->scale = NULL;	/* checked against the unit later */
	}
	o->dec = takes(k, "decimals") ? int_attr(p, n, "decimals", 0, 3, -1) :
	    -1;
	o->given |= o->dec >= 0;
	u = takes(k, "unit") ? attr(n, "unit") : NULL;
	o->unit = u == NULL || strcmp(u, "symbol") == 0 ? QTY_SYMBOL :
	    strcmp(u, "words") == 0 ? QTY_WORDS : QTY_NONE;
	o->given |= u != NULL;
	if (u != NULL && o->unit == QTY_NONE && strcmp(u, "none") != 0)
		terr(p, n, "<value unit=\"%s\">: expected symbol, words or "
		    "none", u);
	free(u);
}

/* The text a <value> stands for, or NULL (reported). Caller frees. */
static char *
value_text(struct tp *p, const xmlNode *n)
{
	const struct value_kind *k;
	struct vopt o;
	char *of, *out;
	size_t i;

	if ((of = req_attr(p, n, "of")) == NULL)
		return NULL;
	for (k = value_kinds; k < value_kinds + NVALUE_KINDS; k++)
		if (strcmp(k->of, of) == 0)
			break;
	if (k == value_kinds + NVALUE_KINDS) {
		const char *names[NVALUE_KINDS];
		char *list;

		for (i = 0; i < NVALUE_KINDS; i++)
			names[i] = value_kinds[i].of;
		list = join_or(names, NVALUE_KINDS);
		terr(p, n, "<value of=\"%s\">: expected %s", of, list);
		free(list);
		free(of);
		return NULL;
	}
	free(of);
	check_attrs(p, n, k->attrs);
	value_opts(p, n, k, &o);
	out = k->fn(p, n, &o);
	free(o.scale);
	return out;
}

static void
inline_nodes(struct tp *p, const xmlNode *n, struct inl *in, unsigned flags,
    const char *href)
{
	static const char *const a_attrs[] = { "href", NULL };
	static const char *const cite_attrs[] = { "source", NULL };

	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			inl_text(p, in, (const char *)n->content, flags, href);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* a space before a styled run belongs to the text before it,
		 * so no link underline starts with a blank */
		if (in->pend && in->last != 0 && !is_named(n, "cite") &&
		    !(ZH(p) && in->pend_nl && is_cjk(in->last))) {
			rich_add(in->r, " ", 1, flags, href);
			in->pend = in->pend_nl = 0;
		}
		if (is_named(n, "b") || is_named(n, "i")) {
			check_attrs(p, n, no_attrs);
			inline_nodes(p, n->children, in, flags |
			    (is_named(n, "b") ? SPAN_BOLD : SPAN_ITALIC), href);
		} else if (is_named(n, "a")) {
			char *h = req_attr(p, n, "href");

			check_attrs(p, n, a_attrs);
			if (h != NULL && ((strncmp(h, "https://", 8) &&
			    strncmp(h, "http://", 7) && strncmp(h, "mailto:",
			    7)) || strpbrk(h, " \t\r\n\"<>\\") != NULL ||
			    strlen(h) < 9))
				terr(p, n, "<a href=\"%s\">: expected an "
				    "https://, http:// or mailto: address "
				    "without spaces, quotes or backslashes", h);
			inline_nodes(p, n->children, in, flags | SPAN_LINK, h);
			free(h);
		} else if (is_named(n, "value")) {
			char *v = value_text(p, n);

			inl_text(p, in, v ? v : "??", flags, href);
			free(v);
		} else if (is_named(n, "cite")) {
			char *id = req_attr(p, n, "source");
			const struct source *s;
			char mark[32];

			check_attrs(p, n, cite_attrs);
			if (id != NULL && (s = model_source(p->m, id)) == NULL)
				terr(p, n, "<cite source=\"%s\">: the dataset "
				    "has no such source", id);
			else if (id != NULL) {
				size_t num = doc_cite(p->doc, s);
				char dest[32];

				snprintf(mark, sizeof(mark), "[%zu]", num);
				/* the mark jumps to its entry in the list */
				snprintf(dest, sizeof(dest), "#src-%zu", num);
				/* no break before the mark */
				if (in->pend && !(ZH(p)))
					in->pend = 0, rich_add(in->r, "\xc2\xa0",
					    2, 0, NULL);
				in->pend = 0;
				inl_text(p, in, mark, (flags & ~SPAN_LINK) |
				    SPAN_XREF, dest);
			}
			free(id);
		} else
			terr(p, n, "unknown element <%s> in running text; "
			    "expected b, i, a, value or cite", n->name);
	}
}

/* Inline content of n into r (cleared first). */
static void
inline_content(struct tp *p, const xmlNode *n, struct rich *r)
{
	struct inl in = { r, 0, 0, 0 };

	rich_set(r, "");
	inline_nodes(p, n->children, &in, 0, NULL);
}

/* Plain text of an element that allows no markup. */
static char *
plain_text(struct tp *p, const xmlNode *n)
{
	const xmlNode *c;
	struct rich r = { .text = NULL };
	struct inl in = { &r, 0, 0, 0 };

	rich_set(&r, "");
	check_attrs(p, n, no_attrs);
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE)
			inl_text(p, &in, (const char *)c->content, 0, NULL);
		else if (c->type == XML_ELEMENT_NODE)
			terr(p, c, "<%s> takes plain text; <%s> is not allowed "
			    "in it", n->name, c->name);
	text_spans_free(r.spans, r.nspans);
	return r.text;
}

/* Text directly inside a block container must be white space. */
static void
no_stray_text(struct tp *p, const xmlNode *n)
{
	const char *s;

	if (n->type != XML_TEXT_NODE)
		return;
	for (s = (const char *)n->content; *s; s++)
		if (!strchr(" \t\r\n", *s)) {
			struct pos at = { p->file, (int)xmlGetLineNo(n), 0 };

			/* libxml2 numbers a text node by the line it ends
			 * on; name the line where the stray text starts */
			for (; *s; s++)
				at.line -= *s == '\n';
			diags_add(p->d, &at, "text outside a paragraph; "
			    "expected it inside <p>");
			p->errs++;
			return;
		}
}

/* ---- blocks ---- */

/* ---- chart specs: <chart> in templates/charts.xml, --spec files and
 * templates ---- */

/* What "<value of=…>" may name in a chart's text, filled by the chart. */
static const char *const chart_values[] = { "series", "label", "unit",
    "symbol", "year", "from", "first", "last", "totals", "highlight",
    "missing", "share", "base", "total", "sum", "top", "change", "lead",
    "lead_year", "lead_from", "lead_change", "entity", "first_share",
    "last_share", NULL };

/* Text into b with white space collapsed; '{' doubled (words.h). */
static void
spec_add_text(struct buf *b, const char *s, int *space)
{
	for (; *s != '\0'; s++) {
		if (strchr(" \t\r\n", *s) != NULL) {
			*space = b->len > 0;
			continue;
		}
		if (*space)
			buf_add(b, " ", 1);
		*space = 0;
		buf_add(b, *s == '{' ? "{{" : s, *s == '{' ? 2 : 1);
	}
}

/*
 * The text of a <title>, <subtitle> or <note> of a chart: words and
 * <value of="NAME"/>, which becomes "{NAME}" for the chart to fill; in a
 * template, a value of the dataset (<value of="obs" …/>) is bound here.
 */
static char *
spec_text_of(struct tp *p, const xmlNode *n)
{
	static const char *const value_attrs[] = { "of", NULL };
	const xmlNode *c;
	struct buf b;
	int space = 0;
	size_t i;

	buf_init(&b);
	for (c = n->children; c != NULL; c = c->next) {
		char *of, *v;

		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			spec_add_text(&b, (const char *)c->content, &space);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_named(c, "value")) {
			terr(p, c, "<%s> in a chart's <%s>; expected text and "
			    "<value of=\"…\"/>", c->name, n->name);
			continue;
		}
		if ((of = attr(c, "of")) == NULL) {
			req_attr(p, c, "of");
			continue;
		}
		for (i = 0; chart_values[i] != NULL &&
		    strcmp(chart_values[i], of) != 0; i++)
			;
		if (chart_values[i] != NULL) {
			check_attrs(p, c, value_attrs);
			if (space)
				buf_add(&b, " ", 1);
			space = 0;
			buf_printf(&b, "{%s}", of);
		} else if (p->doc != NULL && (v = value_text(p, c)) != NULL) {
			spec_add_text(&b, v, &space);
			free(v);
		} else if (p->doc == NULL) {
			char *list = join_or(chart_values,
			    nwords(chart_values));

			terr(p, c, "<value of=\"%s\">: expected one of the "
			    "chart's values: %s", of, list);
			free(list);
		}
		free(of);
	}
	return buf_release(&b);
}

/* <title>, <subtitle> and <note> children, each with an optional lang
 * (def when absent). */
static void
spec_texts(struct tp *p, const xmlNode *n, struct chart_spec *spec,
    enum lang def)
{
	static const char *const text_attrs[] = { "lang", NULL };
	static const char *const names[CHART_TEXT__MAX] = { "title",
	    "subtitle", "note" };
	const xmlNode *c;
	int t;

	for (c = n->children; c != NULL; c = c->next) {
		enum lang lang = def;
		char *l;

		if (c->type != XML_ELEMENT_NODE) {
			no_stray_text(p, c);
			continue;
		}
		for (t = 0; t < CHART_TEXT__MAX && !is_named(c, names[t]); t++)
			;
		if (t == CHART_TEXT__MAX) {
			terr(p, c, "unknown element <%s> in <chart>; expected "
			    "title, subtitle or note", c->name);
			continue;
		}
		check_attrs(p, c, text_attrs);
		if ((l = attr(c, "lang")) != NULL) {
			if (strcmp(l, "en") && strcmp(l, "zh"))
				terr(p, c, "<%s lang=\"%s\">: expected en or zh",
				    c->name, l);
			lang = strcmp(l, "zh") == 0 ? LANG_ZH : LANG_EN;
			free(l);
		}
		free(spec->text[lang][t]);
		spec->text[lang][t] = spec_text_of(p, c);
	}
}

/* One of words[] (NULL-terminated) as an index; def when absent, -1 on
 * error (reported). */
static int
word_attr(struct tp *p, const xmlNode *n, const char *name,
    const char *const *words, int def)
{
	char *v = attr(n, name), *list;
	int i;

	if (v == NULL)
		return def;
	for (i = 0; words[i] != NULL && strcmp(words[i], v) != 0; i++)
		;
	if (words[i] == NULL) {
		list = join_or(words, nwords(words));
		terr(p, n, "<%s %s=\"%s\">: expected %s", n->name, name, v,
		    list);
		free(list);
		i = -1;
	}
	free(v);
	return i;
}

/* The attributes a spec may set, over what spec already holds. */
static void
spec_attrs(struct tp *p, const xmlNode *n, struct chart_spec *spec)
{
	static const char *const labels[] = { "value", "share", "both", NULL };
	static const char *const sorts[] = { "value", "name", NULL };
	static const char *const yesno[] = { "no", "yes", NULL };
	char *v;
	int x;

	if ((v = attr(n, "series")) != NULL) {
		if (p->m != NULL && model_series(p->m, v) == NULL)
			terr(p, n, "<chart series=\"%s\">: the dataset has no "
			    "such series; expected one of its series ids", v);
		chart_spec_set(&spec->series, v);
		free(v);
	}
	if ((v = attr(n, "measure")) != NULL) {
		chart_spec_set(&spec->measure, v);
		free(v);
	}
	if ((v = attr(n, "scale")) != NULL) {
		chart_spec_set(&spec->scale, strcmp(v, "auto") ? v : NULL);
		free(v);
	}
	if ((v = attr(n, "highlight")) != NULL) {
		if (p->m != NULL && model_entity(p->m, v) == NULL)
			terr(p, n, "<chart highlight=\"%s\">: the dataset has "
			    "no such entity", v);
		chart_spec_set(&spec->highlight, v);
		free(v);
	}
	if ((x = int_attr(p, n, "year", 1900, 2100, spec->year)) >= 0)
		spec->year = x;
	if ((x = int_attr(p, n, "from", 1900, 2100, spec->year_from)) >= 0)
		spec->year_from = x;
	if ((x = int_attr(p, n, "top", 0, 50, spec->top_n)) >= 0)
		spec->top_n = x;
	if ((x = word_attr(p, n, "rest", yesno, spec->rest)) >= 0)
		spec->rest = x;
	if ((x = word_attr(p, n, "label", labels, (int)spec->label)) >= 0)
		spec->label = (enum chart_label)x;
	if ((x = word_attr(p, n, "sort", sorts, (int)spec->sort)) >= 0)
		spec->sort = (enum chart_sort)x;
}

/* The kind a <chart kind="…"> names (chart.h); -1 (reported) if none. */
static int
kind_attr(struct tp *p, const xmlNode *n)
{
	const char *names[CHART__MAX + 1];
	int k;

	for (k = 0; k < CHART__MAX; k++)
		names[k] = chart_kind_id((enum chart_kind)k);
	names[CHART__MAX] = NULL;
	return word_attr(p, n, "kind", names, -1);
}

/* A spec of a chart-spec file: <chart id="…" kind="…" …>. */
static void
spec_of_file(struct tp *p, const xmlNode *n, struct chart_specs *out)
{
	static const char *const attrs[] = { "id", "kind", "series",
	    "measure", "year", "from", "top", "rest", "label", "sort",
	    "highlight", "scale", "width", "height", NULL };
	struct chart_spec spec;
	char *id;
	int kind, w, h;
	size_t i;

	check_attrs(p, n, attrs);
	if ((id = req_attr(p, n, "id")) == NULL)
		return;
	if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(id))
		terr(p, n, "<chart id=\"%s\">: expected lower-case letters, "
		    "digits and '-' (it names the chart's files)", id);
	for (i = 0; i < out->n; i++)
		if (strcmp(out->v[i].id, id) == 0)
			terr(p, n, "<chart id=\"%s\"> given twice; expected "
			    "ids to be unique", id);
	if ((kind = kind_attr(p, n)) < 0) {
		if (attr_present(n, "kind") == 0)
			terr(p, n, "<chart> needs the attribute \"kind\": "
			    "ranked, columns, grouped or stacked");
		free(id);
		return;
	}
	chart_spec_defaults(&spec, (enum chart_kind)kind);
	spec.id = id;
	spec.line = (int)xmlGetLineNo(n);
	spec_attrs(p, n, &spec);
	if ((w = int_attr(p, n, "width", 200, 4000, 800)) > 0)
		spec.width = w;
	if ((h = int_attr(p, n, "height", 120, 4000, 500)) > 0)
		spec.height = h;
	spec_texts(p, n, &spec, LANG_EN);
	/* its series and measure agree, said at the spec's line */
	if (p->m != NULL && spec.kind != CHART_STACKED &&
	    chart_series(&spec, p->m, &(struct pos){ p->file, spec.line, 0 },
	    p->d) == NULL)
		p->errs++;
	out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
	out->v[out->n++] = spec;
}

static void
bind_specs(struct tp *p, const xmlNode *root, struct chart_specs *out)
{
	const xmlNode *c;

	if (!is_named(root, "charts")) {
		terr(p, root, "root element <%s>; expected <charts>",
		    root->name);
		return;
	}
	check_attrs(p, root, no_attrs);
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			no_stray_text(p, c);
		else if (is_named(c, "chart"))
			spec_of_file(p, c, out);
		else
			terr(p, c, "unknown element <%s> in <charts>; "
			    "expected chart", c->name);
	}
	if (out->n == 0 && p->errs == 0)
		terr(p, root, "<charts> has no <chart>; nothing to draw");
}

const struct chart_spec *
chart_specs_find(const struct chart_specs *specs, const char *id)
{
	size_t i;

	for (i = 0; specs != NULL && i < specs->n; i++)
		if (strcmp(specs->v[i].id, id) == 0)
			return &specs->v[i];
	return NULL;
}

void
chart_specs_free(struct chart_specs *specs)
{
	size_t i;

	for (i = 0; i < specs->n; i++)
		chart_spec_clear(&specs->v[i]);
	free(specs->v);
	free(specs->path);
	specs->v = NULL;
	specs->path = NULL;
	specs->n = 0;
}

/* "reserves, production, …": the presets' ids, for messages. */
static char *
preset_list(const struct chart_specs *specs)
{
	size_t i, n = specs != NULL ? specs->n : 0;
	const char **ids = xcalloc(n + 1, sizeof(*ids));
	char *list;

	for (i = 0; i < n; i++)
		ids[i] = specs->v[i].id;
	list = join_or(ids, n);
	free(ids);
	return list;
}

static void
bind_chart(struct tp *p, const xmlNode *n)
{
	static const char *const attrs[] = { "type", "kind", "series",
	    "measure", "year", "from", "top", "rest", "label", "sort",
	    "highlight", "scale", "height", NULL };
	const struct chart_spec *preset = NULL;
	struct pos at = { p->file, (int)xmlGetLineNo(n), 0 };
	struct chart_spec spec;
	struct chart_sources cs;
	struct block *b;
	char *type, *list;
	int kind = -1, h;
	size_t i;

	check_attrs(p, n, attrs);
	if ((type = attr(n, "type")) != NULL &&
	    (preset = chart_specs_find(p->presets, type)) == NULL) {
		list = preset_list(p->presets);
		terr(p, n, "<chart type=\"%s\">: expected %s (the presets "
		    "of templates/charts.xml), or kind=\"…\"", type, list);
		free(list);
	}
	free(type);
	if (attr_present(n, "kind") && attr_present(n, "type")) {
		terr(p, n, "<chart> has both type (a preset) and kind (a chart "
		    "of its own); expected one of them");
		return;
	}
	if (attr_present(n, "kind") && (kind = kind_attr(p, n)) < 0)
		return;
	if (preset == NULL && kind < 0) {
		if (!attr_present(n, "type"))
			terr(p, n, "<chart> needs the attribute \"type\" (a "
			    "preset) or \"kind\" (ranked, columns, grouped "
			    "or stacked)");
		return;
	}
	if (preset != NULL && kind < 0)
		chart_spec_copy(&spec, preset);
	else {
		chart_spec_defaults(&spec, (enum chart_kind)kind);
		spec.id = xstrdup(chart_kind_id(spec.kind));
	}
	spec_attrs(p, n, &spec);
	spec_texts(p, n, &spec, p->doc->lang);
	spec.lang = p->doc->lang;
	spec.font_scale = 0.8;
	spec.width = p->doc->page_w - 2 * p->doc->margin;
	spec.height = 300;
	if ((h = int_attr(p, n, "height", 120, 700, 300)) > 0)
		spec.height = h;
	if (spec.height > p->doc->page_h - 2 * p->doc->margin) {
		terr(p, n, "<chart height=\"%.0f\">: taller than the page's "
		    "text area (%.0f points); expected at most that",
		    spec.height, p->doc->page_h - 2 * p->doc->margin);
		chart_spec_clear(&spec);
		return;
	}
	if (p->errs > 0) {
		chart_spec_clear(&spec);
		return;
	}
	b = doc_add_block(p->doc, BLOCK_CHART, (int)xmlGetLineNo(n));
	b->chart = chart_build(&spec, p->m, p->tc, &at, p->d, &cs);
	if (b->chart == NULL)
		p->errs++;	/* said at the chart's line */
	else if (b->chart->h > p->doc->page_h - 2 * p->doc->margin)
		terr(p, n, "<chart>: %.0f points tall is the least at which "
		    "it is legible, more than the page's text area (%.0f "
		    "points); expected a wider page or a smaller margin",
		    b->chart->h, p->doc->page_h - 2 * p->doc->margin);
	else
		chart_say_raised(&spec, b->chart, &at);
	for (i = 0; i < cs.n; i++)
		doc_cite(p->doc, cs.src[i]);
	chart_spec_clear(&spec);
}

/* The table a <table type="…"> names: a form (ranked, change,
 * value-chain), or a chart preset whose kind gives the form and whose
 * series the table shows.  -1 (reported) when it names neither. */
enum table_form { TABLE_RANKED, TABLE_CHANGE, TABLE_VALUE_CHAIN,
	TABLE_REVISIONS };

static int
table_form(struct tp *p, const xmlNode *n, const char *type,
    const struct chart_spec **preset)
{
	static const char *const forms[] = { "ranked", "change",
	    "value-chain", "revisions" };
	char *list;
	int f;

	for (f = 0; f < 4; f++)
		if (strcmp(type, forms[f]) == 0)
			return f;
	if ((*preset = chart_specs_find(p->presets, type)) != NULL &&
	    (*preset)->kind != CHART_COLUMNS)
		return (*preset)->kind == CHART_RANKED ? TABLE_RANKED :
		    (*preset)->kind == CHART_GROUPED ? TABLE_CHANGE :
		    TABLE_VALUE_CHAIN;
	list = preset_list(p->presets);
	terr(p, n, "<table type=\"%s\">: expected ranked, change, "
	    "value-chain, revisions or a ranked, grouped or stacked chart "
	    "preset (%s)",
	    type, list);
	free(list);
	return -1;
}

static void
bind_table(struct tp *p, const xmlNode *n)
{
	static const char *const attrs[] = { "type", "series", "year", "from",
	    "top", NULL };
	static const char *const ranked_attrs[] = { "type", "series", "year",
	    "top", NULL };
	static const char *const vc_attrs[] = { "type", NULL };
	static const char *const rev_attrs[] = { "type", "series", NULL };
	const struct chart_spec *preset = NULL;
	struct chart_spec any;
	const struct series *s;
	struct table *t = NULL;
	struct pos at = { p->file, (int)xmlGetLineNo(n), 0 };
	const char *why = NULL;
	char *type;
	int year, from, top, f;

	if ((type = req_attr(p, n, "type")) == NULL)
		return;
	year = int_attr(p, n, "year", 1900, 2100, 0);
	from = int_attr(p, n, "from", 1900, 2100, 0);
	top = int_attr(p, n, "top", 1, 1000, 0);
	f = table_form(p, n, type, &preset);
	free(type);
	if (f < 0)
		return;
	/* each form takes only the attributes it uses */
	check_attrs(p, n, f == TABLE_VALUE_CHAIN ? vc_attrs :
	    f == TABLE_REVISIONS ? rev_attrs : f == TABLE_CHANGE ? attrs :
	    ranked_attrs);
	s = series_attr(p, n, 0);
	if (s == NULL && f != TABLE_VALUE_CHAIN && !attr_present(n, "series")) {
		/* the preset's series, else the dataset's first */
		chart_spec_defaults(&any, CHART_RANKED);
		s = chart_series(preset ? preset : &any, p->m, &at, p->d);
		p->errs += s == NULL;
	}
	if (year < 0 || from < 0 || top < 0 || p->errs > 0)
		return;
	if (s != NULL && year == 0) {
		size_t i;

		for (i = 0; i < s->nobs; i++)
			if (s->obs[i].year > year)
				year = s->obs[i].year;
	}
	if (f == TABLE_VALUE_CHAIN)
		t = doc_table_value_chain(p->doc, p->m, &why);
	else if (s == NULL)
		why = "no series to show";
	else if (f == TABLE_REVISIONS)
		t = doc_table_revisions(p->doc, s, &why);
	else if (f == TABLE_CHANGE)
		t = doc_table_change(p->doc, s, from ? from : year - 1,
		    year, top ? top : 8, &why);
	else
		t = doc_table_ranked(p->doc, s, year, top ? top : 10,
		    &why);
	if (t == NULL) {
		terr(p, n, "<table>: %s; nothing to show", why);
		return;
	}
	doc_add_block(p->doc, BLOCK_TABLE, (int)xmlGetLineNo(n))->table = t;
}

static void
bind_generated(struct tp *p, const xmlNode *n)
{
	struct table *t = NULL;
	const char *why = NULL;
	struct block *b;

	check_attrs(p, n, no_attrs);
	if (n->children != NULL)
		terr(p, n, "<%s> takes no content", n->name);
	if (is_named(n, "sources")) {
		b = doc_add_block(p->doc, BLOCK_TABLE, (int)xmlGetLineNo(n));
		b->is_sources = 1;
		return;
	}
	t = is_named(n, "timeline") ? doc_table_timeline(p->doc, p->m, &why) :
	    doc_table_claims(p->doc, p->m, &why);
	if (t == NULL) {
		terr(p, n, "<%s>: %s; nothing to show", n->name, why);
		return;
	}
	doc_add_block(p->doc, BLOCK_TABLE, (int)xmlGetLineNo(n))->table = t;
}

static void
bind_para(struct tp *p, const xmlNode *n, enum block_kind kind)
{
	struct block *b;

	check_attrs(p, n, no_attrs);
	b = doc_add_block(p->doc, kind, (int)xmlGetLineNo(n));
	inline_content(p, n, &b->rich);
	if (b->rich.text[0] == '\0')
		terr(p, n, "<%s> is empty", n->name);
	else if (strlen(b->rich.text) > TMPL_MAX_PARA)
		terr(p, n, "<%s> holds %zu bytes of text; expected at most %d "
		    "(split it into several)", n->name, strlen(b->rich.text),
		    TMPL_MAX_PARA);
}

static void
bind_section(struct tp *p, const xmlNode *n)
{
	static const char *const attrs[] = { "id", "title", NULL };
	const xmlNode *c;
	struct block *b;
	char *id, *title;
	size_t i;

	check_attrs(p, n, attrs);
	id = req_attr(p, n, "id");
	title = req_attr(p, n, "title");
	if (id != NULL && id[strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-")]
	    != '\0')
		terr(p, n, "<section id=\"%s\">: expected lower-case letters, "
		    "digits and '-'", id);
	for (i = 0; id != NULL && i < p->doc->nblocks; i++)
		if (p->doc->blocks[i].anchor != NULL &&
		    strcmp(p->doc->blocks[i].anchor, id) == 0)
			terr(p, n, "<section id=\"%s\">: a section with this "
			    "id comes earlier; expected unique ids", id);
	b = doc_add_block(p->doc, BLOCK_HEADING, (int)xmlGetLineNo(n));
	b->anchor = id;
	rich_set(&b->rich, title ? title : "");
	free(title);
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			no_stray_text(p, c);
			continue;
		}
		if (is_named(c, "p"))
			bind_para(p, c, BLOCK_PARA);
		else if (is_named(c, "h2"))
			bind_para(p, c, BLOCK_SUBHEADING);
		else if (is_named(c, "chart"))
			bind_chart(p, c);
		else if (is_named(c, "table"))
			bind_table(p, c);
		else if (is_named(c, "timeline") || is_named(c, "claims") ||
		    is_named(c, "sources"))
			bind_generated(p, c);
		else
			terr(p, c, "unknown element <%s> in <section>; expected "
			    "p, h2, chart, table, timeline, claims or sources",
			    c->name);
	}
}

static void
bind_keyfigs(struct tp *p, const xmlNode *n)
{
	static const char *const attrs[] = { "label", NULL };
	const xmlNode *c;
	struct block *b;

	check_attrs(p, n, no_attrs);
	b = doc_add_block(p->doc, BLOCK_KEYFIGS, (int)xmlGetLineNo(n));
	for (c = n->children; c != NULL; c = c->next) {
		struct keyfig *f;

		if (c->type != XML_ELEMENT_NODE) {
			no_stray_text(p, c);
			continue;
		}
		if (!is_named(c, "figure")) {
			terr(p, c, "unknown element <%s> in <key-figures>; "
			    "expected figure", c->name);
			continue;
		}
		check_attrs(p, c, attrs);
		b->figs = xreallocarray(b->figs, b->nfigs + 1,
		    sizeof(*b->figs));
		f = &b->figs[b->nfigs++];
		memset(f, 0, sizeof(*f));
		f->label = req_attr(p, c, "label");
		if (f->label == NULL)
			f->label = xstrdup("");
		inline_content(p, c, &f->value);
	}
	if (b->nfigs < 2 || b->nfigs > 8)
		terr(p, n, "<key-figures> has %zu figures; expected 2 to 8",
		    b->nfigs);
}

static void
bind_title_block(struct tp *p, const xmlNode *n)
{
	const xmlNode *c;

	check_attrs(p, n, no_attrs);
	rich_set(&doc_add_block(p->doc, BLOCK_TITLE,
	    (int)xmlGetLineNo(n))->rich, p->doc->title ? p->doc->title : "");
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			no_stray_text(p, c);
		else if (is_named(c, "subtitle"))
			bind_para(p, c, BLOCK_SUBTITLE);
		else if (is_named(c, "p"))
			bind_para(p, c, BLOCK_PARA);
		else if (is_named(c, "key-figures"))
			bind_keyfigs(p, c);
		else
			terr(p, c, "unknown element <%s> in <title-block>; "
			    "expected subtitle, p or key-figures", c->name);
	}
}

static void
bind_meta(struct tp *p, const xmlNode *n)
{
	const xmlNode *c;
	char **slot;

	check_attrs(p, n, no_attrs);
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			no_stray_text(p, c);
			continue;
		}
		slot = is_named(c, "title") ? &p->doc->title :
		    is_named(c, "author") ? &p->doc->author :
		    is_named(c, "subject") ? &p->doc->subject :
		    is_named(c, "keywords") ? &p->doc->keywords : NULL;
		if (slot == NULL) {
			terr(p, c, "unknown element <%s> in <meta>; expected "
			    "title, author, subject or keywords", c->name);
			continue;
		}
		free(*slot);
		*slot = plain_text(p, c);
	}
	if (p->doc->title == NULL || p->doc->title[0] == '\0')
		terr(p, n, "<meta> needs a non-empty <title>");
}

static void
bind_report(struct tp *p, const xmlNode *root)
{
	static const char *const attrs[] = { "lang", "page", "margin", NULL };
	const xmlNode *c;
	char *lang, *page;
	int margin, seen_meta = 0, nsections = 0;

	if (!is_named(root, "report")) {
		terr(p, root, "root element <%s>; expected <report>",
		    root->name);
		return;
	}
	check_attrs(p, root, attrs);
	lang = req_attr(p, root, "lang");
	if (lang != NULL && strcmp(lang, "en") && strcmp(lang, "zh"))
		terr(p, root, "<report lang=\"%s\">: expected en or zh", lang);
	p->doc->lang = lang && strcmp(lang, "zh") == 0 ? LANG_ZH : LANG_EN;
	free(lang);
	page = attr(root, "page");
	if (page != NULL && strcmp(page, "Letter") == 0) {
		p->doc->page_w = 612;
		p->doc->page_h = 792;
	} else if (page != NULL && strcmp(page, "A4") != 0)
		terr(p, root, "<report page=\"%s\">: expected A4 or Letter",
		    page);
	free(page);
	if ((margin = int_attr(p, root, "margin", 18, 144, 56)) > 0)
		p->doc->margin = margin;
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			no_stray_text(p, c);
			continue;
		}
		if (is_named(c, "meta")) {
			if (seen_meta++)
				terr(p, c, "a second <meta>; expected one");
			bind_meta(p, c);
		} else if (!seen_meta)
			terr(p, c, "<%s> before <meta>; expected <meta> first",
			    c->name);
		else if (is_named(c, "header") || is_named(c, "footer")) {
			check_attrs(p, c, no_attrs);
			inline_content(p, c, is_named(c, "header") ?
			    &p->doc->header : &p->doc->footer);
		} else if (is_named(c, "title-block"))
			bind_title_block(p, c);
		else if (is_named(c, "section")) {
			bind_section(p, c);
			nsections++;
		} else
			terr(p, c, "unknown element <%s> in <report>; expected "
			    "meta, header, footer, title-block or section",
			    c->name);
	}
	if (!seen_meta)
		terr(p, root, "<report> needs a <meta> with a <title>");
	if (nsections == 0)
		terr(p, root, "<report> has no <section>; nothing to show");
}

/* Where the first DOCTYPE starts; line 0 if there is none. */
static struct pos
doctype_pos(const char *file, const char *text, size_t len)
{
	struct pos p = { file, 1, 1 };
	const char *at = NULL, *s;

	for (s = text; s + 9 <= text + len; s++)
		if (strncmp(s, "<!DOCTYPE", 9) == 0) {
			at = s;
			break;
		}
	if (at == NULL)
		return (struct pos){ file, 0, 0 };
	for (s = text; at != NULL && s < at; s++) {
		if (*s == '\n') {
			p.line++;
			p.col = 1;
		} else if (((unsigned char)*s & 0xC0) != 0x80)
			p.col++;
	}
	return p;
}

/*
 * Parse text safely (see the top of this file) into an XML tree, checked
 * for what templates refuse; NULL with the error in d.  Caller frees
 * with xmlFreeDoc.
 */
static xmlDocPtr
read_xml(struct tp *p, const char *name, const char *text, size_t len)
{
	struct xml_first first;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr x;
	struct pos pos = { name, 0, 0 };

	memset(&first, 0, sizeof(first));
	if (len > INT32_MAX) {
		diags_add(p->d, &pos, "template too large");
		return NULL;
	}
	xmlSetStructuredErrorFunc(&first, on_xml_error);
	ctxt = xmlNewParserCtxt();
	/* NONET: no network; no NOENT: entities are never substituted; no
	 * DTDLOAD/DTDATTR/XINCLUDE/HUGE. */
	x = ctxt ? xmlCtxtReadMemory(ctxt, text, (int)len, name, "UTF-8",
	    XML_PARSE_NONET) : NULL;
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ctxt != NULL)
		xmlFreeParserCtxt(ctxt);
	if ((x == NULL || first.seen) && first.in_entity &&
	    doctype_pos(name, text, len).line > 0) {
		/* an error inside an entity (a bomb, a loop): the cause is
		 * the DOCTYPE that declared it */
		pos = doctype_pos(name, text, len);
		diags_add(p->d, &pos, "<!DOCTYPE> is not allowed in templates "
		    "(no DTDs or entity declarations); remove it");
	} else if (x == NULL || first.seen) {
		pos = (struct pos){ name, first.line, first.col };
		diags_add(p->d, &pos, "XML syntax: %s", first.seen ?
		    first.msg : "not well-formed");
	} else if (x->intSubset != NULL || x->extSubset != NULL) {
		pos = doctype_pos(name, text, len);
		diags_add(p->d, &pos, "<!DOCTYPE> is not allowed in templates "
		    "(no DTDs or entity declarations); remove it");
	} else {
		check_tree(p, xmlDocGetRootElement(x), 0);
		if (p->errs == 0)
			return x;
	}
	if (x != NULL)
		xmlFreeDoc(x);
	return NULL;
}

struct doc *
tmpl_parse(const char *name, const char *text, size_t len,
    const struct model *m, const struct chart_specs *presets,
    struct text_ctx *tc, struct diags *d)
{
	xmlDocPtr x;
	struct tp p;

	memset(&p, 0, sizeof(p));
	p.file = name;
	p.m = m;
	p.presets = presets;
	p.tc = tc;
	p.d = d;
	if ((x = read_xml(&p, name, text, len)) == NULL)
		return NULL;
	p.doc = doc_new(LANG_EN);
	bind_report(&p, xmlDocGetRootElement(x));
	xmlFreeDoc(x);
	if (p.errs > 0) {
		doc_free(p.doc);
		return NULL;
	}
	doc_fill_sources(p.doc);
	return p.doc;
}

struct doc *
tmpl_load(const char *path, const struct model *m,
    const struct chart_specs *presets, struct text_ctx *tc,
    struct diags *d, int *code)
{
	struct doc *doc;
	struct buf b;

	buf_init(&b);
	if ((*code = diag_read_input(d, path, "template", TMPL_MAX_BYTES,
	    &b)) != EXIT_OK) {
		buf_free(&b);
		return NULL;
	}
	doc = tmpl_parse(path, b.data, b.len, m, presets, tc, d);
	buf_free(&b);
	*code = doc ? EXIT_OK : EXIT_DATAERR;
	return doc;
}

int
tmpl_parse_specs(const char *name, const char *text, size_t len,
    const struct model *m, struct chart_specs *out, struct diags *d)
{
	xmlDocPtr x;
	struct tp p;

	memset(&p, 0, sizeof(p));
	memset(out, 0, sizeof(*out));
	p.file = name;
	p.m = m;
	p.d = d;
	if ((x = read_xml(&p, name, text, len)) == NULL)
		return EXIT_DATAERR;
	out->path = xstrdup(name);
	bind_specs(&p, xmlDocGetRootElement(x), out);
	xmlFreeDoc(x);
	if (p.errs > 0) {
		chart_specs_free(out);
		return EXIT_DATAERR;
	}
	return EXIT_OK;
}

int
tmpl_load_specs(const char *path, const struct model *m,
    struct chart_specs *out, struct diags *d)
{
	struct buf b;
	int code;

	memset(out, 0, sizeof(*out));
	buf_init(&b);
	if ((code = diag_read_input(d, path, "chart spec", TMPL_MAX_BYTES,
	    &b)) == EXIT_OK &&
	    (code = tmpl_parse_specs(path, b.data, b.len, m, out, d)) ==
	    EXIT_OK)
		out->hash = util_hash(UTIL_HASH_SEED, b.data, b.len);
	buf_free(&b);
	return code;
}
