/*
 * data_json: raw-text checks, cJSON parsing and the position index.
 *
 * cJSON parses (the design names it); three passes of our own surround
 * it, each for what cJSON 1.7.15 does not do:
 *
 *  1. check_raw, one loop over the bytes: valid UTF-8 and no NUL byte
 *     (cJSON copies any bytes into its strings, and stops at a NUL as at
 *     the end of the text), and nesting no deeper than DATA_MAX_DEPTH
 *     (cJSON allows 1000 levels; the grammar pass below recurses, so the
 *     depth must be bounded before it runs).
 *  2. check_grammar, strict RFC 8259, with the position and what was
 *     expected: cJSON accepts leading zeros, "1.", raw control
 *     characters and text after the value, and when it refuses it says
 *     neither where nor why.  It also notes a "\u0000".
 *  3. The position index (locate): the offset of every value and key,
 *     found by walking the text and cJSON's tree together, for messages
 *     at file:line:col.  It runs only when a position is asked for (an
 *     error, a `regen check` warning) or to report what only the tree
 *     shows (a duplicate key, "\u0000"); a valid dataset never builds it,
 *     which keeps a fifth off its load.
 *
 * Passes 1 and 2 cost about 0.5 ms together on the 83 KB bundled dataset
 * (cJSON's parse and free: 0.3 ms; a default run: about 330 ms), so they
 * stay two plain loops rather than one with UTF-8 and depth rules inside
 * every grammar rule.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "data_json.h"
#include "util.h"

struct pos
jdoc_offset_pos(const struct jdoc *doc, size_t off)
{
	struct pos p = { doc->file, 1, 1 };
	size_t i = 0;

	if (off > doc->len)
		off = doc->len;
	/* a byte-order mark is not a character of the first line */
	if (doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0 &&
	    off >= 3)
		i = 3;
	for (; i < off; i++) {
		unsigned char ch = (unsigned char)doc->text[i];

		if (ch == '\n') {
			p.line++;
			p.col = 1;
		} else if ((ch & 0xC0) != 0x80)
			p.col++;
	}
	return p;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned int cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

/*
 * One pass over the raw text: valid UTF-8, no NUL byte, nesting no
 * deeper than DATA_MAX_DEPTH.  Reports the first problem; returns -1.
 */
static int
check_raw(struct jdoc *doc, struct diags *d)
{
	const unsigned char *s = (const unsigned char *)doc->text;
	size_t i = 0, n;
	int depth = 0, instr = 0, esc = 0;
	struct pos p;

	while (i < doc->len) {
		if (s[i] == '\0') {
			p = jdoc_offset_pos(doc, i);
			diags_add(d, &p, "NUL byte in the file; expected "
			    "UTF-8 text");
			return -1;
		}
		if ((n = utf8_len(s + i, doc->len - i)) == 0) {
			p = jdoc_offset_pos(doc, i);
			diags_add(d, &p, "invalid UTF-8 (byte 0x%02X); "
			    "expected UTF-8 text", s[i]);
			return -1;
		}
		if (instr) {
			/* the character after a backslash is escaped; it is
			 * still checked as UTF-8 on the next turn */
			if (esc)
				esc = 0;
			else if (s[i] == '\\')
				esc = 1;
			else if (s[i] == '"')
				instr = 0;
		} else if (s[i] == '"')
			instr = 1;
		else if (s[i] == '[' || s[i] == '{') {
			if (++depth > DATA_MAX_DEPTH) {
				p = jdoc_offset_pos(doc, i);
				diags_add(d, &p, "nesting deeper than %d "
				    "levels; the dataset format needs at "
				    "most 5", DATA_MAX_DEPTH);
				return -1;
			}
		} else if (s[i] == ']' || s[i] == '}')
			depth--;
		i += n;
	}
	return 0;
}

/*
 * The strict JSON grammar (RFC 8259), checked before cJSON parses: cJSON
 * accepts more, and when it refuses it says neither where nor what was
 * expected.
 */
struct syn {
	const char	*s;
	size_t		 n;
	size_t		 i;
	const char	*expect;	/* set at the first error */
	int		 nul;		/* a \u0000 seen (reported later) */
};

static void
syn_ws(struct syn *y)
{
	while (y->i < y->n && strchr(" \t\r\n", y->s[y->i]) && y->s[y->i])
		y->i++;
}

static int
syn_fail(struct syn *y, const char *expect)
{
	y->expect = expect;
	return -1;
}

static int
syn_digits(struct syn *y)
{
	size_t start = y->i;

	while (y->i < y->n && y->s[y->i] >= '0' && y->s[y->i] <= '9')
		y->i++;
	return y->i > start ? 0 : syn_fail(y, "a digit");
}

static int
syn_number(struct syn *y)
{
	if (y->s[y->i] == '-')
		y->i++;
	if (y->i < y->n && y->s[y->i] == '0') {
		y->i++;
		if (y->i < y->n && y->s[y->i] >= '0' && y->s[y->i] <= '9') {
			y->i--;
			return syn_fail(y, "no leading zero in a number");
		}
	} else if (syn_digits(y) == -1)
		return -1;
	if (y->i < y->n && y->s[y->i] == '.') {
		y->i++;
		if (syn_digits(y) == -1)
			return -1;
	}
	if (y->i < y->n && (y->s[y->i] == 'e' || y->s[y->i] == 'E')) {
		y->i++;
		if (y->i < y->n && (y->s[y->i] == '+' || y->s[y->i] == '-'))
			y->i++;
		if (syn_digits(y) == -1)
			return -1;
	}
	return 0;
}

static int
syn_string(struct syn *y)
{
	int k;

	y->i++;		/* opening quote */
	while (y->i < y->n && y->s[y->i] != '"') {
		unsigned char ch = (unsigned char)y->s[y->i];

		if (ch < 0x20)
			return syn_fail(y, "a character allowed in a string "
			    "(write a line break as \\n)");
		if (ch == '\\') {
			y->i++;
			if (y->i >= y->n)
				break;
			if (y->s[y->i] == 'u') {
				if (strncmp(y->s + y->i, "u0000", 5) == 0)
					y->nul = 1;
				for (k = 1; k <= 4; k++)
					if (y->i + k >= y->n ||
					    !strchr("0123456789abcdefABCDEF",
					    y->s[y->i + k]) || !y->s[y->i + k]) {
						y->i += (size_t)k;
						return syn_fail(y, "four hex "
						    "digits after \\u");
					}
				y->i += 4;
			} else if (!strchr("\"\\/bfnrt", y->s[y->i]) ||
			    !y->s[y->i])
				return syn_fail(y, "an escape: \\\" \\\\ \\/ "
				    "\\b \\f \\n \\r \\t or \\uXXXX");
		}
		y->i++;
	}
	if (y->i >= y->n)
		return syn_fail(y, "the closing '\"' of the string");
	y->i++;
	return 0;
}

static int syn_value(struct syn *);

/* Members of an object (close '}') or elements of an array (']'). */
static int
syn_items(struct syn *y, char close)
{
	int obj = close == '}';

	y->i++;		/* { or [ */
	syn_ws(y);
	if (y->i < y->n && y->s[y->i] == close) {
		y->i++;
		return 0;
	}
	for (;;) {
		syn_ws(y);
		if (obj) {
			if (y->i >= y->n || y->s[y->i] != '"')
				return syn_fail(y, "a key in double quotes "
				    "(no trailing comma before '}')");
			if (syn_string(y) == -1)
				return -1;
			syn_ws(y);
			if (y->i >= y->n || y->s[y->i] != ':')
				return syn_fail(y, "':' after the key");
			y->i++;
		}
		if (syn_value(y) == -1)
			return -1;
		syn_ws(y);
		if (y->i < y->n && y->s[y->i] == ',') {
			y->i++;
			syn_ws(y);
			if (!obj && y->i < y->n && y->s[y->i] == ']')
				return syn_fail(y, "a value (no trailing "
				    "comma before ']')");
			continue;
		}
		if (y->i < y->n && y->s[y->i] == close) {
			y->i++;
			return 0;
		}
		return syn_fail(y, obj ? "',' or '}'" : "',' or ']'");
	}
}

static int
syn_value(struct syn *y)
{
	static const char *const lits[] = { "true", "false", "null" };
	size_t k;

	syn_ws(y);
	if (y->i >= y->n)
		return syn_fail(y, "a JSON value");
	switch (y->s[y->i]) {
	case '{':
		return syn_items(y, '}');
	case '[':
		return syn_items(y, ']');
	case '"':
		return syn_string(y);
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return syn_number(y);
	}
	for (k = 0; k < 3; k++)
		if (strncmp(y->s + y->i, lits[k], strlen(lits[k])) == 0) {
			y->i += strlen(lits[k]);
			return 0;
		}
	return syn_fail(y, "a JSON value (object, array, string, number, "
	    "true, false or null)");
}

/* Report a syntax error at off: expected what, got what is there. */
static void
report_at(struct jdoc *doc, size_t off, const char *expect, struct diags *d)
{
	struct pos p = jdoc_offset_pos(doc, off);
	char snip[24];
	size_t n;

	if (off >= doc->len) {
		diags_add(d, &p, "JSON syntax: expected %s, got end of file",
		    expect);
		return;
	}
	for (n = 0; n < 12 && off + n < doc->len &&
	    doc->text[off + n] != '\n'; n++)
		snip[n] = doc->text[off + n];
	/* do not cut a UTF-8 sequence in two */
	while (n > 0 && off + n < doc->len &&
	    ((unsigned char)doc->text[off + n] & 0xC0) == 0x80)
		n--;
	snip[n] = '\0';
	diags_add(d, &p, "JSON syntax: expected %s, got '%s'", expect, snip);
}

/*
 * The strict grammar, before cJSON: cJSON accepts leading zeros, "1.",
 * raw control characters in strings and more; RFC 8259 does not.  *nul
 * is set when a string holds \u0000, which the walk reports.
 */
static int
check_grammar(struct jdoc *doc, struct diags *d, int *nul)
{
	struct syn y = { doc->text, doc->len, 0, NULL, 0 };

	if (doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0)
		y.i = 3;
	if (syn_value(&y) == 0) {
		syn_ws(&y);
		if (y.i < y.n)
			y.expect = "end of file after the top-level value";
	}
	*nul = y.nul;
	if (y.expect == NULL)
		return 0;
	report_at(doc, y.i, y.expect, d);
	return -1;
}

/*
 * --- the position index: walk the text and the cJSON tree together ---
 *
 * Only a file with something wrong needs it, so it is made when the
 * first position is asked for, or at once to report \u0000 and
 * duplicate keys (d set): skipping it takes a fifth off loading a valid
 * dataset.
 */

struct walker {
	struct jdoc	*doc;
	struct diags	*d;	/* NULL: index only, nothing to report */
	size_t		 i;	/* current offset */
	size_t		 cap;
	int		 bad;
};

static void
skip_ws(struct walker *w)
{
	while (w->i < w->doc->len && strchr(" \t\r\n", w->doc->text[w->i]) &&
	    w->doc->text[w->i] != '\0')
		w->i++;
}

/* Skip a string token; complain about \u0000, which cJSON truncates at. */
static void
skip_string(struct walker *w)
{
	const char *t = w->doc->text;
	struct pos p;

	w->i++;		/* opening quote */
	while (w->i < w->doc->len && t[w->i] != '"') {
		if (t[w->i] == '\\') {
			if (w->d != NULL &&
			    strncmp(t + w->i, "\\u0000", 6) == 0) {
				p = jdoc_offset_pos(w->doc, w->i);
				diags_add(w->d, &p, "string contains \\u0000; "
				    "expected text without NUL characters");
				w->bad = 1;
			}
			w->i++;
		}
		w->i++;
	}
	w->i++;		/* closing quote */
}

static void
add_loc(struct walker *w, const cJSON *node, size_t key)
{
	struct jdoc *doc = w->doc;

	if (doc->nlocs == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		doc->locs = xreallocarray(doc->locs, w->cap,
		    sizeof(*doc->locs));
	}
	doc->locs[doc->nlocs].node = node;
	doc->locs[doc->nlocs].off = w->i;
	doc->locs[doc->nlocs].key = key;
	doc->nlocs++;
}

static void
check_duplicate_key(struct walker *w, const cJSON *obj, const cJSON *child,
    size_t keyoff)
{
	const cJSON *c;
	struct pos p;

	for (c = obj->child; c != child; c = c->next)
		if (strcmp(c->string, child->string) == 0) {
			p = jdoc_offset_pos(w->doc, keyoff);
			diags_add(w->d, &p, "duplicate key \"%s\" in the "
			    "same object; expected each key once",
			    child->string);
			w->bad = 1;
			return;
		}
}

static void
walk_value(struct walker *w, const cJSON *node, size_t key)
{
	const char *t = w->doc->text;
	const cJSON *c;
	size_t keyoff;

	skip_ws(w);
	add_loc(w, node, key);
	if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
		w->i++;		/* { or [ */
		for (c = node->child; c != NULL; c = c->next) {
			skip_ws(w);
			if (t[w->i] == ',') {
				w->i++;
				skip_ws(w);
			}
			keyoff = w->i;
			if (cJSON_IsObject(node)) {
				skip_string(w);
				skip_ws(w);
				w->i++;		/* : */
				if (w->d != NULL)
					check_duplicate_key(w, node, c, keyoff);
			}
			walk_value(w, c, keyoff);
		}
		skip_ws(w);
		w->i++;		/* } or ] */
	} else if (cJSON_IsString(node))
		skip_string(w);
	else
		while (w->i < w->doc->len &&
		    strchr("+-.0123456789eEtruefalsn", t[w->i]) &&
		    t[w->i] != '\0')
			w->i++;
}

static int
loc_cmp(const void *a, const void *b)
{
	const struct jloc *x = a, *y = b;
	uintptr_t p = (uintptr_t)x->node, q = (uintptr_t)y->node;

	return p < q ? -1 : p > q;
}

/* Index every value and key of doc; report what the walk finds to d
 * unless it is NULL.  Returns -1 when something was reported. */
static int
locate(struct jdoc *doc, struct diags *d)
{
	struct walker w;

	memset(&w, 0, sizeof(w));
	w.doc = doc;
	w.d = d;
	/* cJSON skips a UTF-8 byte-order mark; so do we. */
	if (doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0)
		w.i = 3;
	walk_value(&w, doc->root, w.i);
	qsort(doc->locs, doc->nlocs, sizeof(*doc->locs), loc_cmp);
	doc->located = 1;
	return w.bad ? -1 : 0;
}

/* Whether an object in the tree at node has a key twice. */
static int
has_duplicate_key(const cJSON *node)
{
	const cJSON *c, *e;

	for (c = node->child; c != NULL; c = c->next) {
		if (cJSON_IsObject(node))
			for (e = node->child; e != c; e = e->next)
				if (strcmp(e->string, c->string) == 0)
					return 1;
		if (has_duplicate_key(c))
			return 1;
	}
	return 0;
}

int
jdoc_parse(struct jdoc *doc, const char *file, const char *text, size_t len,
    struct diags *d)
{
	const char *end = NULL;
	int nul = 0;

	memset(doc, 0, sizeof(*doc));
	doc->file = file;
	doc->text = text;
	doc->len = len;
	if (check_raw(doc, d) == -1 || check_grammar(doc, d, &nul) == -1)
		return -1;
	doc->root = cJSON_ParseWithOpts(text, &end, 1);
	if (doc->root == NULL) {
		/* the grammar holds; cJSON refused something finer, such
		 * as a lone UTF-16 surrogate: trust its position */
		report_at(doc, end ? (size_t)(end - text) : 0, "valid JSON "
		    "(check escapes such as \\uD800)", d);
		return -1;
	}
	/* the walk reports these where they are, in the file's order */
	if (nul || has_duplicate_key(doc->root))
		return locate(doc, d);
	return 0;
}

void
jdoc_free(struct jdoc *doc)
{
	cJSON_Delete(doc->root);
	free(doc->locs);
	memset(doc, 0, sizeof(*doc));
}

static const struct jloc *
find_loc(struct jdoc *doc, const cJSON *node)
{
	struct jloc key = { .node = node };

	if (!doc->located)
		locate(doc, NULL);
	return bsearch(&key, doc->locs, doc->nlocs, sizeof(*doc->locs),
	    loc_cmp);
}

struct pos
jdoc_pos(struct jdoc *doc, const cJSON *node)
{
	const struct jloc *l = find_loc(doc, node);
	struct pos none = { doc->file, 0, 0 };

	return l ? jdoc_offset_pos(doc, l->off) : none;
}

struct pos
jdoc_key_pos(struct jdoc *doc, const cJSON *node)
{
	const struct jloc *l = find_loc(doc, node);
	struct pos none = { doc->file, 0, 0 };

	return l ? jdoc_offset_pos(doc, l->key) : none;
}
