/*
 * data_check: validate the cJSON tree against the dataset format
 * (data/README.md) and build the model.  Every check reports at the
 * position of the offending value and goes on, so one run lists all
 * problems; the model is returned only when none was found.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "data_json.h"
#include "util.h"

#define MAX_SAFE_INT 9007199254740991.0	/* 2^53 - 1 */

struct ck {
	struct jdoc	*doc;
	struct diags	*d;
	struct model	*m;
	size_t		 errs;
};

/* What a JSON value is, for "got ..." in messages. */
static void
describe(const cJSON *v, char *out, size_t sz)
{
	if (v == NULL)
		snprintf(out, sz, "nothing");
	else if (cJSON_IsString(v)) {
		if (strlen(v->valuestring) > 40)
			snprintf(out, sz, "string \"%.37s...\"",
			    v->valuestring);
		else
			snprintf(out, sz, "string \"%s\"", v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		if (isfinite(v->valuedouble))
			snprintf(out, sz, "number %.15g", v->valuedouble);
		else
			snprintf(out, sz, "a number out of range");
	} else if (cJSON_IsBool(v))
		snprintf(out, sz, "%s", cJSON_IsTrue(v) ? "true" : "false");
	else if (cJSON_IsNull(v))
		snprintf(out, sz, "null");
	else if (cJSON_IsArray(v))
		snprintf(out, sz, "an array");
	else
		snprintf(out, sz, "an object");
}

/*
 * Report a problem at node (its key when at_key), under the JSON path
 * path, or path.key when key is given: the path of a field is only put
 * together when something is wrong with it.
 */
static void
verr(struct ck *c, const cJSON *node, int at_key, const char *path,
    const char *key, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static void
verr(struct ck *c, const cJSON *node, int at_key, const char *path,
    const char *key, const char *fmt, va_list ap)
{
	struct pos p;
	char *text;

	c->errs++;
	if (c->d->n >= DIAG_MAX) {
		/* past the cap only the count matters: finding line:col
		 * costs a scan of the file */
		diags_add(c->d, NULL, "-");
		return;
	}
	p = at_key ? jdoc_key_pos(c->doc, node) : jdoc_pos(c->doc, node);
	text = xvasprintf(fmt, ap);
	if (key == NULL)
		diags_add(c->d, &p, "%s: %s", path, text);
	else if (strcmp(path, "(top level)") == 0)
		diags_add(c->d, &p, "%s: %s", key, text);
	else
		diags_add(c->d, &p, "%s.%s: %s", path, key, text);
	free(text);
}

static void
err_at(struct ck *c, const cJSON *node, int at_key, const char *path,
    const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
err_at(struct ck *c, const cJSON *node, int at_key, const char *path,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(c, node, at_key, path, NULL, fmt, ap);
	va_end(ap);
}

/* The same for the value of field key under path. */
static void
err_field(struct ck *c, const cJSON *v, const char *path, const char *key,
    const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
err_field(struct ck *c, const cJSON *v, const char *path, const char *key,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(c, v, 0, path, key, fmt, ap);
	va_end(ap);
}

/* v is not want; key as for verr (NULL: path is v's own). */
static void
err_type(struct ck *c, const cJSON *v, const char *path, const char *key,
    const char *want)
{
	char got[96];

	describe(v, got, sizeof(got));
	err_field(c, v, path, key, "expected %s, got %s", want, got);
}

/* Reject keys that the format does not define; catches typos. */
static void
check_keys(struct ck *c, const cJSON *obj, const char *path,
    const char *const *allowed)
{
	const cJSON *k;
	struct buf list;
	size_t i;

	for (k = obj->child; k != NULL; k = k->next) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(k->string, allowed[i]) == 0)
				break;
		if (allowed[i] != NULL)
			continue;
		buf_init(&list);
		for (i = 0; allowed[i] != NULL; i++)
			buf_printf(&list, "%s\"%s\"", i ? ", " : "",
			    allowed[i]);
		err_at(c, k, 1, path, "unknown field \"%s\"; expected one "
		    "of %s", k->string, list.data);
		buf_free(&list);
	}
}

static const cJSON *
field(struct ck *c, const cJSON *obj, const char *key, const char *path,
    int required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v == NULL && required)
		err_at(c, obj, 0, path, "missing required field \"%s\"", key);
	return v;
}

static char *
sub(const char *path, const char *key)
{
	if (strcmp(path, "(top level)") == 0)
		return xstrdup(key);
	return xasprintf("%s.%s", path, key);
}

static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* A non-empty string; NULL when absent, null (if optional) or wrong. */
static char *
get_str(struct ck *c, const cJSON *obj, const char *key, const char *path,
    int required)
{
	const cJSON *v = field(c, obj, key, path, required);

	if (v == NULL)
		return NULL;
	if (cJSON_IsNull(v) && !required)
		err_field(c, v, path, key, "expected a string, got null; "
		    "leave the key out when it does not apply");
	else if (!cJSON_IsString(v))
		err_type(c, v, path, key, "a string");
	else if (v->valuestring[0] == '\0')
		err_field(c, v, path, key, "expected a non-empty string");
	else if (strlen(v->valuestring) > DATA_MAX_STRING)
		err_field(c, v, path, key, "string of %zu bytes; expected at "
		    "most %u", strlen(v->valuestring), DATA_MAX_STRING);
	else if (has_control(v->valuestring))
		err_field(c, v, path, key, "string contains a control "
		    "character; expected printable text (no \\n, \\t or "
		    "\\u0001-\\u001f)");
	else
		return xstrdup(v->valuestring);
	return NULL;
}

#define NUM_NONNEG	0x01	/* >= 0 */
#define NUM_INT		0x02	/* whole number */
#define NUM_PERCENT	0x04	/* 0 to 100 */
#define NUM_YEAR	0x08	/* 1900 to 2100 */

/* Returns 1 and sets *out when v, the value of field key under path
 * (key NULL: path is v's own), is a valid number. */
static int
check_num(struct ck *c, const cJSON *v, const char *path, const char *key,
    int flags, double *out)
{
	double x;

	if (!cJSON_IsNumber(v)) {
		err_type(c, v, path, key, flags & NUM_YEAR ?
		    "a year (integer)" : flags & NUM_PERCENT ?
		    "a percentage (number 0-100)" : flags & NUM_NONNEG ?
		    "a non-negative number" : "a number");
		return 0;
	}
	x = v->valuedouble;
	if (!isfinite(x) || fabs(x) > MAX_SAFE_INT) {
		err_field(c, v, path, key, "number out of range; expected a "
		    "finite number of magnitude at most 2^53 - 1");
		return 0;
	}
	if ((flags & (NUM_INT | NUM_YEAR)) && x != floor(x)) {
		err_field(c, v, path, key, "expected a whole number, got "
		    "%.15g", x);
		return 0;
	}
	if ((flags & NUM_YEAR) && (x < 1900 || x > 2100)) {
		err_field(c, v, path, key, "expected a year from 1900 to "
		    "2100, got %.15g", x);
		return 0;
	}
	if ((flags & (NUM_NONNEG | NUM_PERCENT)) && x < 0) {
		err_field(c, v, path, key, "expected a non-negative number, "
		    "got %.15g", x);
		return 0;
	}
	if ((flags & NUM_PERCENT) && x > 100) {
		err_field(c, v, path, key, "expected a share from 0 to 100, "
		    "got %.15g", x);
		return 0;
	}
	*out = x == 0 ? 0 : x;	/* -0 is zero */
	return 1;
}

static int
get_num(struct ck *c, const cJSON *obj, const char *key, const char *path,
    int required, int flags, double *out)
{
	const cJSON *v = field(c, obj, key, path, required);

	return v != NULL && check_num(c, v, path, key, flags, out);
}

static int
get_bool(struct ck *c, const cJSON *obj, const char *key, const char *path)
{
	const cJSON *v = field(c, obj, key, path, 0);

	if (v == NULL)
		return 0;
	if (!cJSON_IsBool(v)) {
		err_type(c, v, path, key, "true or false");
		return 0;
	}
	return cJSON_IsTrue(v);
}

/* One of names[]; returns its index, or -1. */
static int
get_enum(struct ck *c, const cJSON *obj, const char *key, const char *path,
    const char *const *names)
{
	const cJSON *v = field(c, obj, key, path, 1);
	struct buf list;
	int i;

	if (v == NULL)
		return -1;
	for (i = 0; cJSON_IsString(v) && names[i] != NULL; i++)
		if (strcmp(v->valuestring, names[i]) == 0)
			return i;
	buf_init(&list);
	for (i = 0; names[i] != NULL; i++)
		buf_printf(&list, "%s\"%s\"", i ? ", " : "", names[i]);
	if (!cJSON_IsString(v))
		err_type(c, v, path, key, list.data);
	else
		err_field(c, v, path, key, "expected one of %s, got \"%s\"",
		    list.data, v->valuestring);
	buf_free(&list);
	return -1;
}

/* 1 if s is n ASCII digits. */
static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* 1 if s is a real date YYYY, YYYY-MM or YYYY-MM-DD (only the last when
 * full), years 1900-2100. */
static int
valid_date(const char *s, int full)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	size_t n = strlen(s);
	int y, m, d;

	if (!(n == 10 || (!full && (n == 7 || n == 4))) || !digits(s, 4))
		return 0;
	y = atoi(s);
	if (y < 1900 || y > 2100)
		return 0;
	if (n == 4)
		return 1;
	if (s[4] != '-' || !digits(s + 5, 2))
		return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	if (n == 7)
		return 1;
	if (s[7] != '-' || !digits(s + 8, 2))
		return 0;
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d >= 1 && d <= mdays[m - 1];
}

static char *
get_date(struct ck *c, const cJSON *obj, const char *key, const char *path,
    int required, int full)
{
	const cJSON *v = field(c, obj, key, path, required);

	if (v == NULL)
		return NULL;
	if (!cJSON_IsString(v))
		err_type(c, v, path, key, "a date string");
	else if (!valid_date(v->valuestring, full))
		err_field(c, v, path, key, "expected a date %s, got \"%s\"",
		    full ? "YYYY-MM-DD" : "YYYY, YYYY-MM or YYYY-MM-DD",
		    v->valuestring);
	else
		return xstrdup(v->valuestring);
	return NULL;
}

/*
 * An array field; returns it (possibly empty) or NULL.  Arrays longer
 * than DATA_MAX_ITEMS are refused so a hostile file cannot make us build
 * a huge model.
 */
static const cJSON *
get_array(struct ck *c, const cJSON *obj, const char *key, const char *path,
    int required)
{
	const cJSON *v = field(c, obj, key, path, required);
	int n;

	if (v == NULL)
		return NULL;
	if (!cJSON_IsArray(v)) {
		err_type(c, v, path, key, "an array");
		return NULL;
	}
	if ((n = cJSON_GetArraySize(v)) > DATA_MAX_ITEMS) {
		err_field(c, v, path, key, "array of %d items; expected at "
		    "most %d", n, DATA_MAX_ITEMS);
		return NULL;
	}
	return v;
}

/* Resolve a reference field to a record; reports undefined ids. */
typedef const void *(*lookup_fn)(const struct model *, const char *);

static const void *
get_ref(struct ck *c, const cJSON *obj, const char *key, const char *path,
    int required, const char *what, lookup_fn lookup)
{
	const cJSON *v = field(c, obj, key, path, required);
	const void *r;

	if (v == NULL)
		return NULL;
	if (!cJSON_IsString(v))
		err_type(c, v, path, key, "a string id");
	else if ((r = lookup(c->m, v->valuestring)) != NULL)
		return r;
	else
		err_field(c, v, path, key, "%s \"%s\" is not defined; "
		    "expected the id of one of the dataset's %ss", what,
		    v->valuestring, what);
	return NULL;
}

static const void *
lk_entity(const struct model *m, const char *id)
{
	return model_entity(m, id);
}

static const void *
lk_source(const struct model *m, const char *id)
{
	return model_source(m, id);
}

static const void *
lk_unit(const struct model *m, const char *id)
{
	return model_unit(m, id);
}

static const void *
lk_series(const struct model *m, const char *id)
{
	return model_series(m, id);
}

static const void *
lk_share(const struct model *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->nshares; i++)
		if (m->shares[i].id != NULL &&
		    strcmp(m->shares[i].id, id) == 0)
			return &m->shares[i];
	return NULL;
}

static const void *
lk_element(const struct model *m, const char *sym)
{
	size_t i;

	for (i = 0; i < m->nelements; i++)
		if (m->elements[i].symbol != NULL &&
		    strcmp(m->elements[i].symbol, sym) == 0)
			return &m->elements[i];
	return NULL;
}

#define REF(c, o, k, p, req, what, fn) \
	get_ref((c), (o), (k), (p), (req), (what), (fn))

/*
 * Walk the array field key of root: check each item is an object with
 * only the allowed keys, and call fn on it.  Allocates *arr with room
 * for every item (so records never move) and sets *n to the count.
 */
typedef void (*item_fn)(struct ck *, const cJSON *, const char *, void *);

static void
each_item(struct ck *c, const cJSON *root, const char *key, int required,
    const char *const *allowed, void **arr, size_t *n, size_t sz,
    item_fn fn)
{
	const cJSON *a = get_array(c, root, key, "(top level)", required), *it;
	char *p;
	size_t i = 0;

	*n = 0;
	*arr = xcalloc(a ? (size_t)cJSON_GetArraySize(a) : 0, sz);
	if (a == NULL)
		return;
	cJSON_ArrayForEach(it, a) {
		p = xasprintf("%s[%zu]", key, i++);
		if (!cJSON_IsObject(it))
			err_type(c, it, p, NULL, "an object");
		else {
			check_keys(c, it, p, allowed);
			fn(c, it, p, (char *)*arr + *n * sz);
			(*n)++;
		}
		free(p);
	}
}

struct idref {
	const char	*id;
	size_t		 index;
};

static int
idref_cmp(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int r = strcmp(x->id, y->id);

	return r ? r : (x->index < y->index ? -1 : x->index > y->index);
}

/*
 * Ids unique within the array field key of root: the records are n of
 * size sz from base, each with its id string at offset off.  Sorted, so
 * large arrays stay fast.
 */
static void
check_ids(struct ck *c, const cJSON *root, const char *key, const void *base,
    size_t n, size_t sz, size_t off)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);
	struct idref *v = xcalloc(n, sizeof(*v));
	size_t i, k = 0;
	char *p;

	for (i = 0; i < n; i++) {
		const char *id = *(char *const *)(const void *)
		    ((const char *)base + i * sz + off);

		if (id != NULL)
			v[k++] = (struct idref){ id, i };
	}
	qsort(v, k, sizeof(*v), idref_cmp);
	for (i = 1; i < k; i++) {
		const cJSON *it, *idnode;

		if (strcmp(v[i].id, v[i - 1].id) != 0)
			continue;
		it = cJSON_GetArrayItem(a, (int)v[i].index);
		idnode = cJSON_GetObjectItemCaseSensitive(it, "id");
		if (idnode == NULL)
			idnode = cJSON_GetObjectItemCaseSensitive(it, "symbol");
		p = xasprintf("%s[%zu]", key, v[i].index);
		err_at(c, idnode ? idnode : it, 0, p, "duplicate id \"%s\"; "
		    "expected ids to be unique", v[i].id);
		free(p);
	}
	free(v);
}

/* ---- records ---- */

static const char *const unit_keys[] = { "id", "name", "name_zh", "symbol",
    "symbol_zh", "words", "words_zh", "kind", "scales", NULL };
static const char *const unit_kinds[] = { "mass", "percent", "count",
    "other", NULL };
static const char *const scale_keys[] = { "id", "from", "factor",
    "factor_zh", "symbol", "symbol_zh", "words", "words_zh", "name",
    "name_zh", NULL };

/* An id: lower-case letters, digits, '-' and '_', starting with a letter;
 * NULL when absent or malformed (reported). */
static char *
get_id(struct ck *c, const cJSON *obj, const char *key, const char *path)
{
	char *v = get_str(c, obj, key, path, 1);

	if (v != NULL && (v[0] < 'a' || v[0] > 'z' ||
	    strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(v))) {
		err_field(c, cJSON_GetObjectItemCaseSensitive(obj, key), path,
		    key, "expected an id of lower-case letters, digits, '-' "
		    "and '_', starting with a letter, got \"%s\"", v);
		free(v);
		v = NULL;
	}
	return v;
}

static void
read_scale(struct ck *c, const cJSON *o, const char *p, struct unit *u,
    struct unit_scale *sc)
{
	sc->id = get_str(c, o, "id", p, 1);
	/* without from, a scale is used only where a template names it */
	sc->from = HUGE_VAL;
	get_num(c, o, "from", p, 0, NUM_NONNEG, &sc->from);
	if (get_num(c, o, "factor", p, 1, NUM_NONNEG, &sc->factor) &&
	    sc->factor == 0)
		err_field(c, cJSON_GetObjectItemCaseSensitive(o, "factor"), p,
		    "factor", "expected a number above zero, got 0");
	if (get_num(c, o, "factor_zh", p, 1, NUM_NONNEG, &sc->factor_zh) &&
	    sc->factor_zh == 0)
		err_field(c, cJSON_GetObjectItemCaseSensitive(o, "factor_zh"),
		    p, "factor_zh", "expected a number above zero, got 0");
	sc->symbol = get_str(c, o, "symbol", p, 1);
	sc->symbol_zh = get_str(c, o, "symbol_zh", p, 1);
	sc->words = get_str(c, o, "words", p, 0);
	sc->words_zh = get_str(c, o, "words_zh", p, 0);
	sc->name = get_str(c, o, "name", p, 1);
	sc->name_zh = get_str(c, o, "name_zh", p, 1);
	if (sc->id != NULL && u->id != NULL && (strcmp(sc->id, u->id) == 0 ||
	    strcmp(sc->id, u->symbol) == 0))
		err_field(c, cJSON_GetObjectItemCaseSensitive(o, "id"), p, "id",
		    "\"%s\" names the unit itself; expected another id",
		    sc->id);
}

/* A unit's larger scales, smallest `from` first, ids unique. */
static void
read_scales(struct ck *c, const cJSON *o, const char *p, struct unit *u)
{
	const cJSON *a = get_array(c, o, "scales", p, 0), *it;
	double last = -1;	/* the `from` of the scale before */
	size_t i = 0, j;
	char *ip;

	if (a == NULL)
		return;
	u->scales = xcalloc((size_t)cJSON_GetArraySize(a) + 1,
	    sizeof(*u->scales));
	cJSON_ArrayForEach(it, a) {
		struct unit_scale *sc = &u->scales[u->nscales];

		ip = xasprintf("%s.scales[%zu]", p, i++);
		if (!cJSON_IsObject(it))
			err_type(c, it, ip, NULL, "an object");
		else {
			check_keys(c, it, ip, scale_keys);
			read_scale(c, it, ip, u, sc);
			u->nscales++;
			if (sc->from != HUGE_VAL && sc->from <= last)
				err_field(c, it, ip, "from", "%.15g is not above "
				    "the scale before it (%.15g); expected "
				    "scales from the smallest up", sc->from,
				    last);
			if (sc->from != HUGE_VAL)
				last = sc->from;
			for (j = 0; j + 1 < u->nscales && sc->id; j++)
				if (u->scales[j].id != NULL &&
				    strcmp(u->scales[j].id, sc->id) == 0)
					err_field(c, it, ip, "id", "\"%s\" "
					    "given twice; expected ids to be "
					    "unique", sc->id);
		}
		free(ip);
	}
}

static void
read_unit(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct unit *u = rec;
	const cJSON *sym;

	u->id = get_str(c, o, "id", p, 1);
	u->name = get_str(c, o, "name", p, 1);
	u->name_zh = get_str(c, o, "name_zh", p, 1);
	/* the symbol may be empty (a count has none) */
	sym = field(c, o, "symbol", p, 1);
	if (sym != NULL && !cJSON_IsString(sym))
		err_type(c, sym, p, "symbol", "a string");
	u->symbol = xstrdup(cJSON_IsString(sym) ? sym->valuestring : "");
	u->symbol_zh = get_str(c, o, "symbol_zh", p, 0);
	u->words = get_str(c, o, "words", p, 0);
	u->words_zh = get_str(c, o, "words_zh", p, 0);
	u->kind = (enum unit_kind)get_enum(c, o, "kind", p, unit_kinds);
	read_scales(c, o, p, u);
}

static const char *const source_keys[] = { "id", "kind", "title",
    "publisher", "date", "url", "lang", "note", NULL };
static const char *const source_kinds[] = { "primary", "secondary", "press",
    NULL };
static const char *const langs[] = { "en", "zh", NULL };

static void
read_source(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct source *s = rec;
	int lang;

	s->id = get_str(c, o, "id", p, 1);
	s->kind = (enum source_kind)get_enum(c, o, "kind", p, source_kinds);
	s->title = get_str(c, o, "title", p, 1);
	s->publisher = get_str(c, o, "publisher", p, 1);
	s->date = get_date(c, o, "date", p, 1, 0);
	s->url = get_str(c, o, "url", p, 0);
	lang = get_enum(c, o, "lang", p, langs);
	s->lang = xstrdup(lang >= 0 ? langs[lang] : "en");
	s->note = get_str(c, o, "note", p, 0);
}

static const char *const entity_keys[] = { "id", "name", "name_zh", "kind",
    NULL };
static const char *const entity_kinds[] = { "country", "other", NULL };

static void
read_entity(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct entity *e = rec;

	e->id = get_str(c, o, "id", p, 1);
	e->name = get_str(c, o, "name", p, 1);
	e->name_zh = get_str(c, o, "name_zh", p, 1);
	e->kind = (enum entity_kind)get_enum(c, o, "kind", p, entity_kinds);
	if (e->id == NULL)
		e->id = xstrdup("");
	if (e->name == NULL)
		e->name = xstrdup(e->id);
	if (e->name_zh == NULL)
		e->name_zh = xstrdup(e->name);
}

static const char *const element_keys[] = { "symbol", "name", "name_zh",
    "group", NULL };
static const char *const element_groups[] = { "light", "medium_heavy",
    NULL };

static void
read_element(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct element *e = rec;

	e->symbol = get_str(c, o, "symbol", p, 1);
	e->name = get_str(c, o, "name", p, 1);
	e->name_zh = get_str(c, o, "name_zh", p, 1);
	e->medium_heavy = get_enum(c, o, "group", p, element_groups) == 1;
}

static const char *const obs_keys[] = { "entity", "year", "value", "source",
    "note", "estimated", NULL };
static const char *const total_keys[] = { "year", "value", "qualifier",
    "rounding", "source", "note", NULL };
static const char *const total_quals[] = { "exact", "rounded", "more_than",
    NULL };

static void
read_obs(struct ck *c, const cJSON *o, const char *p,
    const struct series *s, struct observation *ob)
{
	const cJSON *v;
	double x;

	ob->entity = REF(c, o, "entity", p, 1, "entity", lk_entity);
	if (get_num(c, o, "year", p, 1, NUM_YEAR, &x))
		ob->year = (int)x;
	ob->source = REF(c, o, "source", p, 0, "source", lk_source);
	if (ob->source == NULL)
		ob->source = s->source;
	ob->note = get_str(c, o, "note", p, 0);
	ob->estimated = get_bool(c, o, "estimated", p);
	v = field(c, o, "value", p, 1);
	if (v == NULL)
		return;
	if (cJSON_IsNull(v)) {
		ob->na = 1;
		if (ob->note == NULL)
			err_field(c, v, p, "value", "null (not available) "
			    "needs a \"note\" saying why");
		return;
	}
	if (check_num(c, v, p, "value", NUM_NONNEG, &x))
		ob->value = x;
}

static void
read_total(struct ck *c, const cJSON *o, const char *p,
    const struct series *s, struct total *t)
{
	int qual;
	double x;

	if (get_num(c, o, "year", p, 1, NUM_YEAR, &x))
		t->year = (int)x;
	get_num(c, o, "value", p, 1, NUM_NONNEG, &t->value);
	qual = get_enum(c, o, "qualifier", p, total_quals);
	t->qual = qual < 0 ? TOTAL_EXACT : (enum total_qual)qual;
	if (get_num(c, o, "rounding", p, 1, NUM_NONNEG, &t->rounding) &&
	    qual >= 0 && t->qual != TOTAL_ROUNDED && t->rounding != 0) {
		err_field(c, cJSON_GetObjectItemCaseSensitive(o, "rounding"),
		    p, "rounding", "expected 0 for an \"%s\" total, got %.15g",
		    total_quals[t->qual], t->rounding);
	}
	t->source = REF(c, o, "source", p, 0, "source", lk_source);
	if (t->source == NULL)
		t->source = s->source;
	t->note = get_str(c, o, "note", p, 0);
}

static int
obs_order(const void *a, const void *b)
{
	const struct observation *x = *(const struct observation *const *)a;
	const struct observation *y = *(const struct observation *const *)b;

	if (x->entity != y->entity)
		return strcmp(x->entity->id, y->entity->id);
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Every (entity, year) once: sorted, so large series stay fast. */
static void
check_duplicate_obs(struct ck *c, const cJSON *o, const char *p,
    struct series *s)
{
	const cJSON *obs = cJSON_GetObjectItemCaseSensitive(o, "observations");
	const struct observation **v = xcalloc(s->nobs, sizeof(*v));
	size_t i, n = 0;
	char *tp;

	for (i = 0; i < s->nobs; i++)
		if (s->obs[i].entity != NULL && s->obs[i].year != 0)
			v[n++] = &s->obs[i];
	qsort(v, n, sizeof(*v), obs_order);
	for (i = 1; i < n; i++)
		if (v[i]->entity == v[i - 1]->entity &&
		    v[i]->year == v[i - 1]->year) {
			size_t at = (size_t)(v[i] - s->obs);

			tp = xasprintf("%s.observations[%zu]", p, at);
			err_at(c, cJSON_GetArrayItem(obs, (int)at), 0, tp,
			    "second observation for entity \"%s\" in %d; "
			    "expected one per entity and year",
			    v[i]->entity->id, v[i]->year);
			free(tp);
		}
	free(v);
}

/* Every year's total at least its parts; one total per year. */
static void
check_series_sums(struct ck *c, const cJSON *o, const char *p,
    struct series *s)
{
	const cJSON *tots = cJSON_GetObjectItemCaseSensitive(o, "totals");
	double sum;
	size_t i, j;
	char *tp;

	check_duplicate_obs(c, o, p, s);
	for (i = 0; i < s->ntotals; i++) {
		const struct total *t = &s->totals[i];

		if (t->qual == TOTAL_MORE_THAN || t->year == 0)
			continue;
		series_effective_total(s, t->year, &sum);
		if (sum > t->value + t->rounding / 2) {
			tp = xasprintf("%s.totals[%zu].value", p, i);
			err_at(c, cJSON_GetObjectItemCaseSensitive(
			    cJSON_GetArrayItem(tots, (int)i), "value"), 0, tp,
			    "total %.15g for %d is smaller than the sum of "
			    "its parts, %.15g; expected at least the sum "
			    "(less half the rounding unit %.15g)", t->value,
			    t->year, sum, t->rounding);
			free(tp);
		}
		for (j = 0; j < i; j++)
			if (s->totals[j].year == t->year) {
				tp = xasprintf("%s.totals[%zu]", p, i);
				err_at(c, cJSON_GetArrayItem(tots, (int)i), 0,
				    tp, "second total for %d; expected one "
				    "per year", t->year);
				free(tp);
			}
	}
}

static const char *const previous_keys[] = { "source", "note",
    "observations", "totals", NULL };

/* The observations and totals of an edition, and their sums. */
static void
read_rows(struct ck *c, const cJSON *o, const char *p, struct series *s)
{
	const cJSON *a, *it;
	size_t i;
	char *ip;

	if ((a = get_array(c, o, "observations", p, 1)) != NULL) {
		s->obs = xcalloc((size_t)cJSON_GetArraySize(a),
		    sizeof(*s->obs));
		i = 0;
		cJSON_ArrayForEach(it, a) {
			ip = xasprintf("%s.observations[%zu]", p, i++);
			if (!cJSON_IsObject(it))
				err_type(c, it, ip, NULL, "an object");
			else {
				check_keys(c, it, ip, obs_keys);
				read_obs(c, it, ip, s, &s->obs[s->nobs++]);
			}
			free(ip);
		}
		if (s->nobs == 0)
			err_at(c, a, 0, p, "observations is empty; expected "
			    "at least one observation");
	}
	if ((a = get_array(c, o, "totals", p, 1)) != NULL) {
		s->totals = xcalloc((size_t)cJSON_GetArraySize(a),
		    sizeof(*s->totals));
		i = 0;
		cJSON_ArrayForEach(it, a) {
			ip = xasprintf("%s.totals[%zu]", p, i++);
			if (!cJSON_IsObject(it))
				err_type(c, it, ip, NULL, "an object");
			else {
				check_keys(c, it, ip, total_keys);
				read_total(c, it, ip, s,
				    &s->totals[s->ntotals++]);
			}
			free(ip);
		}
	}
	check_series_sums(c, o, p, s);
}

/* The optional object key of o, or NULL: none, or not an object
 * (reported).  Sets *sp to its path, which the caller frees. */
static const cJSON *
get_object(struct ck *c, const cJSON *o, const char *key, const char *p,
    char **sp)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*sp = v ? sub(p, key) : NULL;
	if (v != NULL && !cJSON_IsObject(v)) {
		err_type(c, v, *sp, NULL, "an object");
		return NULL;
	}
	return v;
}

/*
 * The previous edition of a series: its own source and rows, compared
 * with this edition by `regen diff` and the revisions table.
 */
static void
read_previous(struct ck *c, const cJSON *o, const char *p, struct series *s)
{
	const cJSON *po;
	struct series *pv;
	char *pp;

	if ((po = get_object(c, o, "previous", p, &pp)) == NULL) {
		free(pp);
		return;
	}
	check_keys(c, po, pp, previous_keys);
	pv = s->previous = xcalloc(1, sizeof(*pv));
	pv->id = s->id ? xstrdup(s->id) : NULL;
	pv->measure = s->measure ? xstrdup(s->measure) : NULL;
	pv->unit = s->unit;
	pv->source = REF(c, po, "source", pp, 1, "source", lk_source);
	if (pv->source != NULL && pv->source == s->source)
		err_field(c, cJSON_GetObjectItemCaseSensitive(po, "source"),
		    pp, "source", "\"%s\" is the series' own source; "
		    "expected the source of the previous edition",
		    pv->source->id);
	pv->note = get_str(c, po, "note", pp, 0);
	read_rows(c, po, pp, pv);
	free(pp);
}

static const char *const series_keys[] = { "id", "measure", "title",
    "title_zh", "label", "label_zh", "totals_title", "totals_title_zh", "chart_note",
    "chart_note_zh", "totals_note", "totals_note_zh", "unit", "source",
    "note", "observations", "totals", "previous", NULL };

static void
read_series(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct series *s = rec;

	s->id = get_str(c, o, "id", p, 1);
	s->measure = get_id(c, o, "measure", p);
	s->title = get_str(c, o, "title", p, 1);
	s->title_zh = get_str(c, o, "title_zh", p, 1);
	s->label = get_str(c, o, "label", p, 0);
	s->label_zh = get_str(c, o, "label_zh", p, 0);
	s->totals_title = get_str(c, o, "totals_title", p, 0);
	s->totals_title_zh = get_str(c, o, "totals_title_zh", p, 0);
	s->chart_note = get_str(c, o, "chart_note", p, 0);
	s->chart_note_zh = get_str(c, o, "chart_note_zh", p, 0);
	s->totals_note = get_str(c, o, "totals_note", p, 0);
	s->totals_note_zh = get_str(c, o, "totals_note_zh", p, 0);
	s->unit = REF(c, o, "unit", p, 1, "unit", lk_unit);
	if (s->unit != NULL && s->unit->kind == UNIT_PERCENT)
		err_at(c, cJSON_GetObjectItemCaseSensitive(o, "unit"), 0, p,
		    "unit \"%s\" is a percentage; a series holds quantities "
		    "that add up to a world total (shares go in value_chain)",
		    s->unit->id);
	s->source = REF(c, o, "source", p, 1, "source", lk_source);
	s->note = get_str(c, o, "note", p, 0);

	read_rows(c, o, p, s);
	read_previous(c, o, p, s);
}

static const char *const share_keys[] = { "id", "stage", "name", "name_zh",
    "entity", "share", "unit", "year", "source", "note", NULL };

static void
read_share(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct stage_share *s = rec;
	double x;

	s->id = get_str(c, o, "id", p, 1);
	s->stage = get_id(c, o, "stage", p);
	s->name = get_str(c, o, "name", p, 1);
	s->name_zh = get_str(c, o, "name_zh", p, 1);
	s->entity = REF(c, o, "entity", p, 1, "entity", lk_entity);
	get_num(c, o, "share", p, 1, NUM_PERCENT, &s->share);
	s->unit = REF(c, o, "unit", p, 1, "unit", lk_unit);
	if (get_num(c, o, "year", p, 1, NUM_YEAR, &x))
		s->year = (int)x;
	s->source = REF(c, o, "source", p, 1, "source", lk_source);
	s->note = get_str(c, o, "note", p, 1);
	if (s->unit != NULL && s->unit->kind != UNIT_PERCENT)
		err_at(c, cJSON_GetObjectItemCaseSensitive(o, "unit"), 0, p,
		    "unit \"%s\" is not a percentage; expected a unit of "
		    "kind \"percent\"", s->unit->id);
}

static const char *const control_keys[] = { "id", "date", "authority",
    "authority_zh", "reference", "title", "title_zh", "measure",
    "measure_zh", "elements", "status", "status_note", "effective", "until",
    "source", "then", NULL };
static const char *const statuses[] = { "in_force", "suspended", "lifted",
    NULL };
static const char *const then_keys[] = { "status", "from", "until",
    "source", "note", NULL };

/* What the status became when `until` passed: from that day on. */
static void
read_then(struct ck *c, const cJSON *o, const char *p, struct control *e)
{
	char *tp;
	const cJSON *to = get_object(c, o, "then", p, &tp);
	struct status_change *t;

	if (to != NULL && e->until == NULL)
		err_at(c, to, 1, tp, "\"then\" follows the end of a status; "
		    "expected it only with \"until\"");
	else if (to != NULL) {
		check_keys(c, to, tp, then_keys);
		t = e->then = xcalloc(1, sizeof(*t));
		t->status = (enum control_status)get_enum(c, to, "status", tp,
		    statuses);
		t->from = get_date(c, to, "from", tp, 1, 1);
		t->until = get_date(c, to, "until", tp, 0, 1);
		t->source = REF(c, to, "source", tp, 1, "source", lk_source);
		t->note = get_str(c, to, "note", tp, 0);
		if (t->from != NULL && strcmp(t->from, e->until) < 0)
			err_field(c, cJSON_GetObjectItemCaseSensitive(to,
			    "from"), tp, "from", "%s is before the status it "
			    "follows ends (%s); expected %s or later", t->from,
			    e->until, e->until);
		if (t->from != NULL && t->until != NULL &&
		    strcmp(t->until, t->from) < 0)
			err_field(c, cJSON_GetObjectItemCaseSensitive(to,
			    "until"), tp, "until", "%s is before \"from\" %s",
			    t->until, t->from);
	}
	free(tp);
}

static void
read_control(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct control *e = rec;
	const cJSON *a, *it;
	const struct element *el;
	size_t i;
	char *ip;

	e->id = get_str(c, o, "id", p, 1);
	e->date = get_date(c, o, "date", p, 1, 1);
	e->authority = get_str(c, o, "authority", p, 1);
	e->authority_zh = get_str(c, o, "authority_zh", p, 1);
	e->reference = get_str(c, o, "reference", p, 1);
	e->title = get_str(c, o, "title", p, 1);
	e->title_zh = get_str(c, o, "title_zh", p, 1);
	e->measure = get_str(c, o, "measure", p, 1);
	e->measure_zh = get_str(c, o, "measure_zh", p, 1);
	e->status = (enum control_status)get_enum(c, o, "status", p,
	    statuses);
	e->status_note = get_str(c, o, "status_note", p, 0);
	e->effective = get_date(c, o, "effective", p, 0, 1);
	e->until = get_date(c, o, "until", p, 0, 1);
	e->source = REF(c, o, "source", p, 1, "source", lk_source);
	read_then(c, o, p, e);
	if ((a = get_array(c, o, "elements", p, 1)) == NULL)
		return;
	e->elements = xcalloc((size_t)cJSON_GetArraySize(a),
	    sizeof(*e->elements));
	i = 0;
	cJSON_ArrayForEach(it, a) {
		ip = xasprintf("%s.elements[%zu]", p, i++);
		if (!cJSON_IsString(it))
			err_type(c, it, ip, NULL, "an element symbol");
		else if ((el = lk_element(c->m, it->valuestring)) == NULL)
			err_at(c, it, 0, ip, "element \"%s\" is not defined; "
			    "expected the symbol of one of the dataset's "
			    "elements", it->valuestring);
		else
			e->elements[e->nelements++] = el;
		free(ip);
	}
}

static const char *const claim_keys[] = { "id", "source", "quote", "lang",
    "subject", "subject_zh", "value", "unit", "year", "measure", "primary",
    "verdict", "note", NULL };
static const char *const primary_keys[] = { "series", "entity", "year",
    "as", "value_chain", "figure", "earlier", NULL };
static const char *const primary_as[] = { "value", "share", NULL };
static const char *const verdicts[] = { "agrees", "outdated",
    "different_basis", "disagrees", "unverified", NULL };

static const void *
lk_figure(const struct model *m, const char *id)
{
	return model_figure(m, id);
}

/* The figure of a series, in this edition or, for a year it no longer
 * lists, in the previous one. */
static void
read_primary_obs(struct ck *c, const cJSON *o, const char *p,
    struct claim *cl)
{
	const struct series *s;
	const struct entity *e;
	double y = 0;

	s = REF(c, o, "series", p, 1, "series", lk_series);
	e = REF(c, o, "entity", p, 1, "entity", lk_entity);
	get_num(c, o, "year", p, 1, NUM_YEAR, &y);
	if (s == NULL || e == NULL || y == 0)
		return;
	cl->primary_series = s;
	if (cJSON_GetObjectItemCaseSensitive(o, "as") != NULL)
		cl->primary_as_share = get_enum(c, o, "as", p, primary_as) == 1;
	cl->primary_obs = series_obs(s, e->id, (int)y);
	if (cl->primary_obs == NULL && s->previous != NULL)
		cl->primary_obs = series_obs(s->previous, e->id, (int)y);
	if (cl->primary_obs == NULL)
		err_at(c, o, 0, p, "series \"%s\" has no observation for "
		    "\"%s\" in %d; expected a figure to compare with", s->id,
		    e->id, (int)y);
	else if (cl->primary_obs->na)
		err_at(c, o, 0, p, "series \"%s\" has no value (null) for "
		    "\"%s\" in %d; expected a figure to compare with", s->id,
		    e->id, (int)y);
}

/* Figures that an earlier edition gave for the primary. */
static void
read_earlier(struct ck *c, const cJSON *o, const char *p, struct claim *cl)
{
	const cJSON *a, *it;
	const struct figure *f;
	size_t i = 0;
	char *ip;

	if ((a = get_array(c, o, "earlier", p, 0)) == NULL)
		return;
	cl->earlier = xcalloc((size_t)cJSON_GetArraySize(a),
	    sizeof(*cl->earlier));
	cJSON_ArrayForEach(it, a) {
		ip = xasprintf("%s.earlier[%zu]", p, i++);
		if (!cJSON_IsString(it))
			err_type(c, it, ip, NULL, "a figure id");
		else if ((f = model_figure(c->m, it->valuestring)) == NULL)
			err_at(c, it, 0, ip, "figure \"%s\" is not defined; "
			    "expected the id of one of the dataset's figures",
			    it->valuestring);
		else
			cl->earlier[cl->nearlier++] = f;
		free(ip);
	}
}

static void
read_primary(struct ck *c, const cJSON *o, const char *p, struct claim *cl)
{
	if (!cJSON_IsObject(o)) {
		err_type(c, o, p, NULL, "an object or null");
		return;
	}
	check_keys(c, o, p, primary_keys);
	if (cJSON_GetObjectItemCaseSensitive(o, "value_chain") != NULL)
		cl->primary_share = REF(c, o, "value_chain", p, 1,
		    "value_chain stage", lk_share);
	else if (cJSON_GetObjectItemCaseSensitive(o, "figure") != NULL)
		cl->primary_fig = REF(c, o, "figure", p, 1, "figure",
		    lk_figure);
	else
		read_primary_obs(c, o, p, cl);
	read_earlier(c, o, p, cl);
}

/*
 * The verdict: decided by the rule (claim_verdict) when the claim has a
 * primary, and then a verdict written in the file must be the same;
 * without a primary only "unverified" or "different_basis" can be said,
 * and must be.
 */
static void
read_verdict(struct ck *c, const cJSON *o, const char *p, int has_primary,
    struct claim *cl)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "verdict");
	int rule = claim_verdict(cl), given = -1;

	if (v != NULL)
		given = get_enum(c, o, "verdict", p, verdicts);
	else if (!has_primary)
		err_at(c, o, 0, p, "missing field \"verdict\"; a claim "
		    "without a primary needs \"unverified\" or "
		    "\"different_basis\"");
	if (rule >= 0) {
		cl->verdict = (enum verdict)rule;
		if (given >= 0 && given != rule)
			err_field(c, v, p, "verdict", "\"%s\" is not what "
			    "the rule of data/README.md gives against the "
			    "primary figure; expected \"%s\" (or no "
			    "\"verdict\")", verdicts[given], verdicts[rule]);
		return;
	}
	if (given >= 0)
		cl->verdict = (enum verdict)given;
	if (given >= 0 && !has_primary && given != VERDICT_UNVERIFIED &&
	    given != VERDICT_DIFFERENT_BASIS)
		err_field(c, v, p, "verdict", "\"%s\" needs a primary "
		    "figure to be measured against; expected \"unverified\" "
		    "or \"different_basis\" with a null primary",
		    verdicts[given]);
}

static void
read_claim(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct claim *cl = rec;
	const cJSON *pr;
	double x;
	int lang;
	char *pp;

	cl->id = get_str(c, o, "id", p, 1);
	cl->source = REF(c, o, "source", p, 1, "source", lk_source);
	if (cl->source != NULL && cl->source->kind != SOURCE_PRESS)
		err_at(c, cJSON_GetObjectItemCaseSensitive(o, "source"), 0, p,
		    "source \"%s\" is not a press source; expected the id of "
		    "the article that made the claim", cl->source->id);
	cl->quote = get_str(c, o, "quote", p, 1);
	lang = get_enum(c, o, "lang", p, langs);
	cl->lang = xstrdup(lang >= 0 ? langs[lang] : "en");
	cl->subject = get_str(c, o, "subject", p, 1);
	cl->subject_zh = get_str(c, o, "subject_zh", p, 1);
	get_num(c, o, "value", p, 1, NUM_NONNEG, &cl->value);
	cl->unit = REF(c, o, "unit", p, 1, "unit", lk_unit);
	if (field(c, o, "year", p, 0) != NULL &&
	    get_num(c, o, "year", p, 0, NUM_YEAR, &x))
		cl->year = (int)x;
	if (cJSON_GetObjectItemCaseSensitive(o, "measure") != NULL)
		cl->measure = get_id(c, o, "measure", p);
	cl->note = get_str(c, o, "note", p, 1);
	if ((pr = field(c, o, "primary", p, 1)) != NULL && !cJSON_IsNull(pr)) {
		pp = sub(p, "primary");
		read_primary(c, pr, pp, cl);
		free(pp);
	}
	read_verdict(c, o, p, pr != NULL && !cJSON_IsNull(pr), cl);
}

static const char *const figure_keys[] = { "id", "value", "unit", "year",
    "entity", "measure", "source", "subject", "subject_zh", "note", NULL };

static void
read_figure(struct ck *c, const cJSON *o, const char *p, void *rec)
{
	struct figure *f = rec;
	double x;

	f->id = get_str(c, o, "id", p, 1);
	f->unit = REF(c, o, "unit", p, 1, "unit", lk_unit);
	/* a change ("-2.1 %") may be negative; a quantity may not */
	get_num(c, o, "value", p, 1, f->unit != NULL &&
	    f->unit->kind == UNIT_PERCENT ? 0 : NUM_NONNEG, &f->value);
	if (cJSON_GetObjectItemCaseSensitive(o, "measure") != NULL)
		f->measure = get_id(c, o, "measure", p);
	if (field(c, o, "year", p, 0) != NULL &&
	    get_num(c, o, "year", p, 0, NUM_YEAR, &x))
		f->year = (int)x;
	f->entity = REF(c, o, "entity", p, 0, "entity", lk_entity);
	f->source = REF(c, o, "source", p, 1, "source", lk_source);
	f->subject = get_str(c, o, "subject", p, 1);
	f->subject_zh = get_str(c, o, "subject_zh", p, 1);
	f->note = get_str(c, o, "note", p, 0);
}

static const char *const top_keys[] = { "format", "title", "title_zh",
    "as_of", "highlight", "units", "sources", "entities", "elements",
    "series", "value_chain", "export_controls", "claims", "figures", NULL };

#define CHECK_IDS(c, root, key, arr, n, type, field) \
	check_ids((c), (root), (key), (arr), (n), sizeof(struct type), \
	    offsetof(struct type, field))

#define EACH(c, root, key, req, keys, arr, n, fn) \
	each_item((c), (root), (key), (req), (keys), (void **)&(arr), &(n), \
	    sizeof(*(arr)), (fn))

static void
read_model(struct ck *c, const cJSON *root)
{
	struct model *m = c->m;
	const cJSON *fmt;

	check_keys(c, root, "(top level)", top_keys);
	fmt = field(c, root, "format", "(top level)", 1);
	if (fmt != NULL && (!cJSON_IsString(fmt) ||
	    strcmp(fmt->valuestring, "regen-dataset/1") != 0))
		err_type(c, fmt, "format", NULL, "\"regen-dataset/1\"");
	m->title = get_str(c, root, "title", "(top level)", 1);
	m->title_zh = get_str(c, root, "title_zh", "(top level)", 1);
	m->as_of = get_date(c, root, "as_of", "(top level)", 1, 1);
	EACH(c, root, "units", 1, unit_keys, m->units, m->nunits, read_unit);
	CHECK_IDS(c, root, "units", m->units, m->nunits, unit, id);
	EACH(c, root, "sources", 1, source_keys, m->sources, m->nsources,
	    read_source);
	CHECK_IDS(c, root, "sources", m->sources, m->nsources, source, id);
	EACH(c, root, "entities", 1, entity_keys, m->entities, m->nentities,
	    read_entity);
	CHECK_IDS(c, root, "entities", m->entities, m->nentities, entity, id);
	model_index(m);
	EACH(c, root, "elements", 1, element_keys, m->elements, m->nelements,
	    read_element);
	CHECK_IDS(c, root, "elements", m->elements, m->nelements, element,
	    symbol);
	m->highlight = REF(c, root, "highlight", "(top level)", 1, "entity",
	    lk_entity);
	EACH(c, root, "series", 1, series_keys, m->series, m->nseries,
	    read_series);
	CHECK_IDS(c, root, "series", m->series, m->nseries, series, id);
	EACH(c, root, "value_chain", 1, share_keys, m->shares, m->nshares,
	    read_share);
	CHECK_IDS(c, root, "value_chain", m->shares, m->nshares, stage_share,
	    id);
	EACH(c, root, "export_controls", 1, control_keys, m->controls,
	    m->ncontrols, read_control);
	CHECK_IDS(c, root, "export_controls", m->controls, m->ncontrols,
	    control, id);
	/* optional: datasets from before figures existed still load */
	EACH(c, root, "figures", 0, figure_keys, m->figures, m->nfigures,
	    read_figure);
	CHECK_IDS(c, root, "figures", m->figures, m->nfigures, figure, id);
	/* after the figures, which a claim's primary may name */
	EACH(c, root, "claims", 1, claim_keys, m->claims, m->nclaims,
	    read_claim);
	CHECK_IDS(c, root, "claims", m->claims, m->nclaims, claim, id);
}

struct model *
data_parse(const char *name, const char *text, size_t len, struct diags *d)
{
	struct jdoc doc;
	struct ck c;

	memset(&c, 0, sizeof(c));
	if (jdoc_parse(&doc, name, text, len, d) == -1) {
		jdoc_free(&doc);
		return NULL;
	}
	c.doc = &doc;
	c.d = d;
	c.m = xcalloc(1, sizeof(*c.m));
	c.m->path = xstrdup(name);
	if (!cJSON_IsObject(doc.root))
		err_type(&c, doc.root, "(top level)", NULL, "an object");
	else
		read_model(&c, doc.root);
	jdoc_free(&doc);
	if (c.errs > 0) {
		model_free(c.m);
		return NULL;
	}
	return c.m;
}

struct model *
data_load(const char *path, struct diags *d, int *code)
{
	struct model *m;
	struct buf b;

	buf_init(&b);
	if ((*code = diag_read_input(d, path, "dataset", DATA_MAX_BYTES,
	    &b)) != EXIT_OK) {
		buf_free(&b);
		return NULL;
	}
	m = data_parse(path, b.data, b.len, d);
	if (m != NULL)
		m->hash = util_hash(UTIL_HASH_SEED, b.data, b.len);
	buf_free(&b);
	*code = m ? EXIT_OK : EXIT_DATAERR;
	return m;
}

/* 1 when date is more than a year after as_of (both YYYY-MM-DD). */
static int
over_a_year(const char *as_of, const char *date)
{
	char later[16];
	int y;

	if (sscanf(as_of, "%4d", &y) != 1)
		return 0;
	snprintf(later, sizeof(later), "%04d%s", y + 1, as_of + 4);
	return strcmp(date, later) > 0;
}

/*
 * Where the warnings point: the file is read and parsed again, as only
 * `regen check` asks, so that loading stays free of the position index
 * (building it takes a fifth of a valid dataset's load).  Positions are
 * 0 (the file alone) when the file no longer parses.
 */
struct warn_at {
	struct jdoc	 doc;
	struct buf	 b;
	int		 ok;
};

static void
warn_at_open(struct warn_at *w, const char *path)
{
	struct diags quiet;

	memset(w, 0, sizeof(*w));
	buf_init(&w->b);
	diags_init(&quiet);
	w->ok = util_read_file(path, DATA_MAX_BYTES, &w->b) == 0 &&
	    jdoc_parse(&w->doc, path, w->b.data, w->b.len, &quiet) == 0 &&
	    cJSON_IsObject(w->doc.root);
	diags_free(&quiet);
}

/* The position of key of the top-level object, or of item i of it. */
static struct pos
warn_at_pos(struct warn_at *w, const char *path, const char *key, int i)
{
	const cJSON *v;
	struct pos none = { path, 0, 0 };

	if (!w->ok ||
	    (v = cJSON_GetObjectItemCaseSensitive(w->doc.root, key)) == NULL)
		return none;
	if (i >= 0 && (v = cJSON_GetArrayItem(v, i)) == NULL)
		return none;
	return jdoc_pos(&w->doc, v);
}

static void
warn_at_close(struct warn_at *w)
{
	jdoc_free(&w->doc);
	buf_free(&w->b);
}

size_t
data_warn_dates(const struct model *m, const char *today, struct diags *w)
{
	struct warn_at wa;
	struct pos at;
	const char *until;
	size_t i, n = 0;
	int lapsed;

	warn_at_open(&wa, m->path);
	for (i = 0; i < m->ncontrols; i++) {
		const struct control *c = &m->controls[i];
		enum control_status st;

		st = control_status_at(c, m->as_of, &until, &lapsed);
		if (!lapsed)
			continue;
		at = warn_at_pos(&wa, m->path, "export_controls", (int)i);
		diags_add(w, &at,
		    "warning: export_controls \"%s\": its status (%s) ends "
		    "on %s, before the dataset's as_of %s; record what "
		    "followed in \"then\", or the briefings say it is not "
		    "known", c->id, statuses[st], until, m->as_of);
		n++;
	}
	if (over_a_year(m->as_of, today)) {
		at = warn_at_pos(&wa, m->path, "as_of", -1);
		diags_add(w, &at, "warning: as_of %s is more than a year "
		    "before today (%s); the dataset may be out of date",
		    m->as_of, today);
		n++;
	}
	warn_at_close(&wa);
	return n;
}
