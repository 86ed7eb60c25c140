/*
 * The bundled templates type no number the dataset holds.  Every
 * tonnage and percentage in the text of the templates/ files, outside
 * <value> elements and attributes, is read with its scale words (t, kt,
 * Mt, tonnes, million tonnes, %, 吨, 万吨, 亿吨 ...), normalised to
 * tonnes or percent, and compared with the dataset's observations,
 * totals, value-chain shares, claims and figures: one that equals any of
 * them is a figure typed twice, which drifts, and fails the test with
 * the template's file and line.  It belongs in a <value>.
 *
 * allowed[] lists the few numbers that are quotations of press text as
 * it was printed (they must not follow the dataset), each with why.
 */
#include <glob.h>
#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "harness.h"
#include "data.h"

/* A number the dataset holds. */
struct held {
	double		 v;		/* tonnes, or percent */
	int		 pct;
	char		*what;		/* "claim c-ru-reserves-10mt" */
};

struct helds {
	struct held	*v;
	size_t		 n;
};

/* A number found in a template's text. */
struct hit {
	int		 line;
	char		*literal;	/* as typed: "3.3 Mt" */
	const char	*what;		/* the dataset's record it equals */
};

struct hits {
	struct hit	*v;
	size_t		 n;
};

static const struct allow {
	const char	*file;		/* base name */
	const char	*literal;
	const char	*why;
} allowed[] = {
	{ "briefing.xml", "1000万吨", "the May article's Chinese text as "
	    "printed (claim c-ru-reserves-10mt), to explain the digest's "
	    "mistranslation" },
	{ "briefing.xml", "380万吨", "the same article's other figure as "
	    "printed, to explain the mistranslation" },
	{ "briefing.xml", "380,000 tons", "the digest's mistranslation of "
	    "380万吨, quoted; equal to the world's 2024 output only by chance" },
	{ "briefing.zh.xml", "1000万吨", "the May article's text as printed, "
	    "to explain the mistranslation" },
	{ "briefing.zh.xml", "380万吨", "the same article's other figure as "
	    "printed" },
	{ "briefing.zh.xml", "38万吨", "the digest's mistranslation of "
	    "380万吨, quoted; equal to the world's 2024 output only by chance" },
	{ "briefing.zh.xml", "2800万吨", "part of the November article's "
	    "quote (claim c-ru-reserves-28mt), as printed" },
};

#define NALLOWED	(sizeof(allowed) / sizeof(allowed[0]))

static void
hold(struct helds *h, double v, int pct, char *what)
{
	h->v = xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	h->v[h->n].v = v;
	h->v[h->n].pct = pct;
	h->v[h->n++].what = what;
}

/* A number in unit u, if it is a tonnage or a percentage. */
static void
hold_in(struct helds *h, double v, const struct unit *u, char *what)
{
	if (u->kind == UNIT_COUNT)
		free(what);
	else
		hold(h, v, u->kind == UNIT_PERCENT, what);
}

static void
collect(const struct model *m, struct helds *h)
{
	size_t i, j;

	for (i = 0; i < m->nseries; i++) {
		const struct series *s = &m->series[i];

		for (j = 0; j < s->nobs; j++)
			if (!s->obs[j].na)
				hold(h, s->obs[j].value, 0, xasprintf("the "
				    "observation %s %s %d", s->id,
				    s->obs[j].entity->id, s->obs[j].year));
		for (j = 0; j < s->ntotals; j++)
			hold(h, s->totals[j].value, 0, xasprintf("the total "
			    "%s %d", s->id, s->totals[j].year));
	}
	for (i = 0; i < m->nshares; i++)
		hold(h, m->shares[i].share, 1, xasprintf("the value_chain "
		    "share %s", m->shares[i].id));
	for (i = 0; i < m->nclaims; i++)
		hold_in(h, m->claims[i].value, m->claims[i].unit,
		    xasprintf("the claim %s", m->claims[i].id));
	for (i = 0; i < m->nfigures; i++)
		hold_in(h, m->figures[i].value, m->figures[i].unit,
		    xasprintf("the figure %s", m->figures[i].id));
}

/* Scale words after a number, longest first; factor 0: a percentage. */
static const struct scale {
	const char	*word;
	double		 factor;
	int		 letters;	/* must not run on into a word */
} scales[] = {
	{ "billion tonnes", 1e9, 1 }, { "billion tons", 1e9, 1 },
	{ "million tonnes", 1e6, 1 }, { "million tons", 1e6, 1 },
	{ "thousand tonnes", 1e3, 1 }, { "thousand tons", 1e3, 1 },
	{ "tonnes", 1, 1 }, { "tonne", 1, 1 }, { "tons", 1, 1 },
	{ "ton", 1, 1 }, { "Gt", 1e9, 1 }, { "Mt", 1e6, 1 },
	{ "kt", 1e3, 1 }, { "t", 1, 1 },
	{ "亿吨", 1e8, 0 }, { "万吨", 1e4, 0 }, { "千吨", 1e3, 0 },
	{ "吨", 1, 0 },
	{ "%", 0, 0 }, { "％", 0, 0 }, { "per cent", 0, 1 },
	{ "percent", 0, 1 },
};

static int
is_space_at(const char *s, size_t *len)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
		*len = 1;
		return 1;
	}
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
		*len = 2;	/* no-break space */
		return 1;
	}
	return 0;
}

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/*
 * The numbers with scale words in text, a text node whose last line is
 * last_line (libxml2 numbers a text node by the line it ends on), each
 * compared with h.
 */
static void
scan_text(const char *text, int last_line, const struct helds *h,
    struct hits *out)
{
	const char *s, *e, *u;
	size_t i, k, sp;

	for (s = text; *s != '\0'; s++) {
		double x, factor = -1;
		char num[64];
		int line;

		if (!(*s >= '0' && *s <= '9') || (s > text && (is_alnum(s[-1])
		    || s[-1] == '.' || s[-1] == ',')))
			continue;
		/* digits, "," before groups of three, one "." */
		for (e = s, k = 0; k + 1 < sizeof(num); e++) {
			if (*e >= '0' && *e <= '9')
				num[k++] = *e;
			else if (*e == ',' && e[1] >= '0' && e[1] <= '9' &&
			    e[2] >= '0' && e[2] <= '9' && e[3] >= '0' &&
			    e[3] <= '9')
				continue;
			else if (*e == '.' && e[1] >= '0' && e[1] <= '9' &&
			    memchr(num, '.', k) == NULL)
				num[k++] = '.';
			else
				break;
		}
		num[k] = '\0';
		x = strtod(num, NULL);
		for (u = e; is_space_at(u, &sp); u += sp)
			;
		for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
			size_t n = strlen(scales[i].word);

			if (strncmp(u, scales[i].word, n) == 0 &&
			    !(scales[i].letters && is_alnum(u[n]))) {
				factor = scales[i].factor;
				u += n;
				break;
			}
		}
		if (factor < 0) {
			s = e - 1;
			continue;
		}
		/* the line the number starts on */
		for (line = last_line, e = s; *e != '\0'; e++)
			line -= *e == '\n';
		for (i = 0; i < h->n; i++) {
			double want = h->v[i].v, got = factor ? x * factor : x;

			if (h->v[i].pct != (factor == 0) ||
			    fabs(got - want) > 1e-9 * fmax(1, fabs(want)))
				continue;
			out->v = xreallocarray(out->v, out->n + 1,
			    sizeof(*out->v));
			out->v[out->n].line = line;
			out->v[out->n].literal = xasprintf("%.*s",
			    (int)(u - s), s);
			out->v[out->n++].what = h->v[i].what;
			break;
		}
		s = u - 1;
	}
}

static void
scan_nodes(const xmlNode *n, const struct helds *h, struct hits *out)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "value") == 0)
			continue;	/* bound to the dataset */
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			scan_text((const char *)n->content,
			    (int)xmlGetLineNo(n), h, out);
		else if (n->type == XML_ELEMENT_NODE)
			scan_nodes(n->children, h, out);
	}
}

/* The dataset's numbers typed in the template text. */
static void
scan(const char *name, const char *text, const struct helds *h,
    struct hits *out)
{
	xmlDocPtr x = xmlReadMemory(text, (int)strlen(text), name, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (x == NULL)
		fail_msg("%s: not well-formed", name);
	scan_nodes(xmlDocGetRootElement(x), h, out);
	xmlFreeDoc(x);
}

static void
hits_free(struct hits *out)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		free(out->v[i].literal);
	free(out->v);
	memset(out, 0, sizeof(*out));
}

static struct model *m;
static struct helds held;

static int
setup(void **state)
{
	struct diags d;
	int code;

	(void)state;
	diags_init(&d);
	m = data_load("data/rare_earths.json", &d, &code);
	diags_free(&d);
	if (m == NULL)
		return -1;
	collect(m, &held);
	return 0;
}

static int
teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < held.n; i++)
		free(held.v[i].what);
	free(held.v);
	model_free(m);
	xmlCleanupParser();
	return 0;
}

static const char *
base(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

static int
is_allowed(const char *path, const char *literal, int *used)
{
	size_t i;

	for (i = 0; i < NALLOWED; i++)
		if (strcmp(base(path), allowed[i].file) == 0 &&
		    strcmp(literal, allowed[i].literal) == 0) {
			used[i] = 1;
			return 1;
		}
	return 0;
}

static void
test_bundled_templates(void **state)
{
	int used[NALLOWED] = { 0 };
	struct hits out = { NULL, 0 };
	glob_t g;
	size_t f, i, bad = 0;

	(void)state;
	assert_int_equal(glob("templates/*.xml", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 2);
	for (f = 0; f < g.gl_pathc; f++) {
		char *text = harness_read(g.gl_pathv[f]);

		scan(g.gl_pathv[f], text, &held, &out);
		for (i = 0; i < out.n; i++)
			if (!is_allowed(g.gl_pathv[f], out.v[i].literal, used)) {
				print_message("%s:%d: \"%s\" is %s; print it "
				    "with <value>\n", g.gl_pathv[f],
				    out.v[i].line, out.v[i].literal,
				    out.v[i].what);
				bad++;
			}
		hits_free(&out);
		free(text);
	}
	for (i = 0; i < NALLOWED; i++)
		if (!used[i]) {
			print_message("allowed[] lists \"%s\" in %s, which is "
			    "no longer there\n", allowed[i].literal,
			    allowed[i].file);
			bad++;
		}
	globfree(&g);
	if (bad > 0)
		fail_msg("%zu numbers the dataset holds are typed in the "
		    "templates (or listed as allowed and gone)", bad);
}

/* The test finds a number planted in a template, at its line. */
static void
expect_found(const char *path, const char *from, const char *to,
    const char *literal)
{
	char *text = harness_read(path), *planted, *lc;
	struct hits out = { NULL, 0 };
	size_t i;
	int line;

	planted = harness_replace(text, from, to);
	lc = harness_linecol(planted, to);
	line = atoi(lc);
	for (i = 0; to + i < strstr(to, literal); i++)
		line += to[i] == '\n';
	scan(path, planted, &held, &out);
	for (i = 0; i < out.n; i++)
		if (out.v[i].line == line &&
		    strcmp(out.v[i].literal, literal) == 0)
			break;
	if (i == out.n) {
		for (i = 0; i < out.n; i++)
			print_message("found %s:%d: %s\n", path, out.v[i].line,
			    out.v[i].literal);
		fail_msg("\"%s\" planted at %s:%d was not found", literal,
		    path, line);
	}
	hits_free(&out);
	free(lc);
	free(planted);
	free(text);
}

static void
test_planted_literals(void **state)
{
	(void)state;
	/* an observation, a share, a total, a claim, in both languages */
	expect_found("templates/briefing.xml", "<value of=\"obs\" "
	    "series=\"reserves\" entity=\"CN\" year=\"2025\"/>", "44.0 Mt",
	    "44.0 Mt");
	expect_found("templates/briefing.xml", "<value of=\"stage\" "
	    "id=\"cn-magnets\" decimals=\"0\"/>", "94%", "94%");
	expect_found("templates/briefing.xml", "in 2025,\n", "in 2025,\n"
	    "    about 390,000\n    tonnes, ", "390,000\n    tonnes");
	expect_found("templates/briefing.xml", "The dataset", "The 28.5 "
	    "million tons of the dataset", "28.5 million tons");
	expect_found("templates/briefing.zh.xml", "<value of=\"obs\" "
	    "series=\"reserves\" entity=\"CN\" year=\"2025\"/>", "4,400万吨",
	    "4,400万吨");
	expect_found("templates/briefing.zh.xml", "数据集", "27万吨数据集",
	    "27万吨");
}

/* Numbers the dataset does not hold, and years, pages and announcement
 * numbers, are not figures typed twice. */
static void
test_other_numbers_pass(void **state)
{
	struct hits out = { NULL, 0 };
	size_t i;

	(void)state;
	scan("t.xml", "<report><p>In 2024, pages 144–145, Nos. 55 to 58, 17 "
	    "rare earths, 1 million tons or 370,000 tons, about 2 t, 12.5 "
	    "percent of 7 tonnes<value of=\"obs\">44.0 Mt</value>"
	    "</p></report>", &held, &out);
	for (i = 0; i < out.n; i++)
		print_message("found %s\n", out.v[i].literal);
	assert_int_equal(out.n, 0);
	hits_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planted_literals),
		cmocka_unit_test(test_other_numbers_pass),
		cmocka_unit_test(test_bundled_templates),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
