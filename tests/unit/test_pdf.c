/*
 * Unit tests of the PDF tagging patch (gen/render_pdf.c) on a PDF Cairo
 * 1.16 wrote, stored before the patch (tests/data/cairo-1.16-tagged.pdf,
 * made by tests/unit/pdf-fixture.sh): the patched file keeps every byte
 * Cairo wrote and adds /Lang, /MarkInfo, /Alt on each Figure in drawing
 * order and the dates' D:, with a cross-reference section that points
 * at each new object; a damaged or edited copy, or alt texts that do not
 * match its Figures, is an error naming what was not found, with the PDF
 * left as it was; and the patch runs on Cairo 1.16 only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "render.h"

#define FIXTURE	"tests/data/cairo-1.16-tagged.pdf"

static const char *const alts[] = { "World production, 2020-2025",
    "Value chain: 中国 69%" };

/* The PDF as Cairo wrote it (it holds NUL bytes: not a C string). */
static void
load(struct buf *b)
{
	buf_init(b);
	if (util_read_file(FIXTURE, 1u << 20, b) != 0)
		fail_msg("cannot read %s", FIXTURE);
}

/* Offset of needle in p[from..n), or -1. */
static long
mem_find(const char *p, size_t n, const char *needle, size_t from)
{
	size_t k = strlen(needle), i;

	for (i = from; i + k <= n; i++)
		if (memcmp(p + i, needle, k) == 0)
			return (long)i;
	return -1;
}

static size_t
mem_count(const char *p, size_t n, const char *needle)
{
	size_t c = 0;
	long at = -1;

	while ((at = mem_find(p, n, needle, (size_t)(at + 1))) != -1)
		c++;
	return c;
}

/* The number after key in the last trailer of b. */
static long
trailer_num(const struct buf *b, const char *key)
{
	long t = -1, at;

	while ((at = mem_find(b->data, b->len, "trailer\n",
	    (size_t)(t + 1))) != -1)
		t = at;
	assert_true(t != -1);
	at = mem_find(b->data, b->len, key, (size_t)t);
	assert_true(at != -1);
	return strtol(b->data + at + strlen(key), NULL, 10);
}

/* The dictionary of object num in b from offset from, copied up to its
 * "endobj"; caller frees.  NULL when there is none. */
static char *
object(const struct buf *b, long num, size_t from)
{
	char head[32];
	long at, end;

	snprintf(head, sizeof(head), "%ld 0 obj\n", num);
	while ((at = mem_find(b->data, b->len, head, from)) != -1 &&
	    at > 0 && b->data[at - 1] != '\n')
		from = (size_t)at + 1;
	if (at == -1 || (end = mem_find(b->data, b->len, "endobj",
	    (size_t)at)) == -1)
		return NULL;
	return xasprintf("%.*s", (int)(end - at), b->data + at);
}

/* "<FEFF...>": s in UTF-16BE hex; caller frees. */
static char *
utf16_hex(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf b;
	unsigned cp;

	buf_init(&b);
	buf_adds(&b, "<FEFF");
	while (*u) {	/* ASCII and three-byte UTF-8 are enough here */
		if (*u < 0x80)
			cp = *u++;
		else {
			cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
			    (u[2] & 0x3Fu);
			u += 3;
		}
		buf_printf(&b, "%04X", cp);
	}
	buf_adds(&b, ">");
	return buf_release(&b);
}

/* The fixture is what Cairo 1.16 writes: untagged to a reader (no
 * /MarkInfo, /Lang or /Alt), with the structure tree the page draws. */
static void
test_fixture_is_cairo_output(void **state)
{
	static const char *const tags[] = { "/S /H2\n", "/S /P\n",
	    "/S /Link\n", "/S /Table\n", "/S /TR\n", "/S /TH\n", "/S /TD\n" };
	struct buf b;
	size_t i;

	(void)state;
	load(&b);
	assert_int_equal(mem_count(b.data, b.len, "%%EOF"), 1);
	assert_true(mem_find(b.data, b.len,
	    "/Producer (cairo 1.16.0 (https://cairographics.org))", 0) != -1);
	assert_int_equal(mem_count(b.data, b.len, "/MarkInfo"), 0);
	assert_int_equal(mem_count(b.data, b.len, "/Lang"), 0);
	assert_int_equal(mem_count(b.data, b.len, "/Alt"), 0);
	assert_int_equal(mem_count(b.data, b.len, "/StructTreeRoot "), 1);
	assert_int_equal(mem_count(b.data, b.len, "/Type /StructTreeRoot\n"),
	    1);
	assert_int_equal(mem_count(b.data, b.len, "/S /Figure\n"), 2);
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		assert_true(mem_find(b.data, b.len, tags[i], 0) != -1);
	buf_free(&b);
}

/* Each entry of the new cross-reference section points at its object. */
static void
assert_xref(const struct buf *b, size_t cairo_len)
{
	long xref = trailer_num(b, "startxref\n"), num, off;
	const char *p;
	char *q, head[32];
	size_t n = 0;

	assert_true(xref >= (long)cairo_len);
	assert_memory_equal(b->data + xref, "xref\n", 5);
	for (p = b->data + xref + 5; *p >= '0' && *p <= '9'; p = q + 10) {
		num = strtol(p, &q, 10);
		assert_memory_equal(q, " 1\n", 3);
		off = strtol(q + 3, &q, 10);
		assert_memory_equal(q, " 00000 n \n", 10);
		snprintf(head, sizeof(head), "%ld 0 obj\n", num);
		assert_true(off >= (long)cairo_len);
		assert_memory_equal(b->data + off, head, strlen(head));
		n++;
	}
	assert_memory_equal(p, "trailer\n", 8);
	assert_int_equal(n, 4);	/* catalog, Info, two Figures */
}

/* The number of the object whose text holds offset at: the last
 * "\nN 0 obj\n" before it. */
static long
object_around(const struct buf *b, long at)
{
	while (--at > 0)
		if (b->data[at] == '\n' && mem_find(b->data, b->len,
		    " 0 obj\n", (size_t)at) == at + 1 + (long)strspn(
		    b->data + at + 1, "0123456789"))
			return strtol(b->data + at + 1, NULL, 10);
	return -1;
}

static void
test_patch_adds_lang_markinfo_alt(void **state)
{
	struct buf cairo, b;
	long root, info, figs[2], at = -1;
	size_t i;
	char *d, *was, *want, *hex;
	char *err = NULL;

	(void)state;
	load(&cairo);
	load(&b);
	root = trailer_num(&cairo, "/Root ");
	info = trailer_num(&cairo, "/Info ");
	assert_int_equal(render_pdf_patch(&b, "zh-CN", 1, alts, 2, &err), 0);
	assert_null(err);
	/* an incremental update: Cairo's bytes are all still there */
	assert_true(b.len > cairo.len);
	assert_memory_equal(b.data, cairo.data, cairo.len);
	assert_int_equal(trailer_num(&b, "/Prev "),
	    trailer_num(&cairo, "startxref\n"));
	assert_int_equal(trailer_num(&b, "/Size "),
	    trailer_num(&cairo, "/Size "));
	assert_int_equal(trailer_num(&b, "/Root "), root);
	assert_int_equal(trailer_num(&b, "/Info "), info);
	assert_xref(&b, cairo.len);
	/* the catalog: language, tagged, its structure tree kept */
	d = object(&b, root, cairo.len);
	assert_non_null(d);
	assert_non_null(strstr(d, "/Type /Catalog"));
	assert_non_null(strstr(d, "/StructTreeRoot "));
	assert_non_null(strstr(d, "/Lang (zh-CN)"));
	assert_non_null(strstr(d, "/MarkInfo << /Marked true >>"));
	free(d);
	/* the dates */
	d = object(&b, info, cairo.len);
	assert_non_null(d);
	assert_non_null(strstr(d, "/CreationDate (D:20250101000000Z)"));
	assert_non_null(strstr(d, "/ModDate (D:20250101000000Z)"));
	free(d);
	/* each Figure, in the order drawn, is itself plus its /Alt */
	for (i = 0; i < 2; i++) {
		at = mem_find(cairo.data, cairo.len, "/S /Figure\n",
		    (size_t)(at + 1));
		assert_true(at != -1);
		figs[i] = object_around(&cairo, at);
		assert_true(figs[i] > 0);
		was = object(&cairo, figs[i], 0);
		d = object(&b, figs[i], cairo.len);
		assert_non_null(was);
		assert_non_null(d);
		hex = utf16_hex(alts[i]);
		/* "... /K ...\n>>\n" + "\n   /Alt <...>\n>>\n" */
		want = xasprintf("%.*s\n   /Alt %s\n>>\n",
		    (int)(strlen(was) - 3), was, hex);
		assert_string_equal(d, want);
		assert_non_null(strstr(d, "/Type /StructElem"));
		assert_non_null(strstr(d, "/P "));
		free(want);
		free(hex);
		free(was);
		free(d);
	}
	assert_true(figs[0] != figs[1]);
	assert_int_equal(mem_count(b.data, b.len, "/Alt <FEFF"), 2);
	buf_free(&cairo);
	buf_free(&b);
}

/* The same PDF with the first occurrence of from replaced by to, which
 * has the same length, so every offset stays right. */
static void
edited(struct buf *b, const char *from, const char *to)
{
	long at;

	load(b);
	assert_int_equal(strlen(from), strlen(to));
	at = mem_find(b->data, b->len, from, 0);
	assert_true(at != -1);
	memcpy(b->data + at, to, strlen(to));
}

/* Patching b fails with a message holding frag, and leaves b alone. */
static void
assert_refused(struct buf *b, int tagged, const char *const *a, size_t n,
    const char *frag)
{
	struct buf before;
	char *err = NULL;

	buf_init(&before);
	buf_add(&before, b->data, b->len);
	assert_int_equal(render_pdf_patch(b, "en", tagged, a, n, &err), -1);
	assert_non_null(err);
	if (strstr(err, frag) == NULL || strstr(err, "not written") == NULL)
		fail_msg("message lacks \"%s\": %s", frag, err);
	assert_int_equal(b->len, before.len);
	assert_memory_equal(b->data, before.data, b->len);
	free(err);
	buf_free(&before);
	buf_free(b);
}

static void
test_alts_must_match_figures(void **state)
{
	static const char *const three[] = { "a", "b", "c" };
	static const char *const gap[] = { "a", NULL };
	struct buf b;

	(void)state;
	load(&b);
	assert_refused(&b, 1, alts, 1, "Figure structure elements: 2, "
	    "charts drawn: 1");
	load(&b);
	assert_refused(&b, 1, three, 3, "Figure structure elements: 2, "
	    "charts drawn: 3");
	load(&b);
	assert_refused(&b, 1, alts, 0, "Figure structure elements: 2, "
	    "charts drawn: 0");
	load(&b);
	assert_refused(&b, 1, gap, 2, "Figure 2 of 2");
}

static void
test_edited_pdf_is_refused(void **state)
{
	struct buf b;

	(void)state;
	/* a Figure Cairo wrote otherwise */
	edited(&b, "/S /Figure\n", "/S /Figura\n");
	assert_refused(&b, 1, alts, 2, "Figure structure elements: 1, "
	    "charts drawn: 2");
	/* a catalog without its structure tree */
	edited(&b, "/StructTreeRoot ", "/StructTreeRooX ");
	assert_refused(&b, 1, alts, 2, "no /StructTreeRoot");
	/* objects not where the trailer says */
	edited(&b, "/Type /Catalog", "/Type /Katalog");
	assert_refused(&b, 1, alts, 2, "no catalog, object");
	edited(&b, "/Producer (cairo ", "/Producer (kairo ");
	assert_refused(&b, 1, alts, 2, "no Info dictionary, object");
	edited(&b, "/CreationDate (2", "/CreationDate [2");
	assert_refused(&b, 1, alts, 2, "a date in the Info dictionary");
	edited(&b, "startxref\n1", "startxref\n2");
	assert_refused(&b, 1, alts, 2, "startxref does not point");
	/* a cross-reference stream, as later Cairos can write */
	edited(&b, "\ntrailer\n", "\ntrai1er\n");
	assert_refused(&b, 1, alts, 2, "no \"trailer\"");
}

static void
test_truncated_pdf_is_refused(void **state)
{
	struct buf b;
	long t;

	(void)state;
	load(&b);
	b.len /= 2;
	assert_refused(&b, 1, alts, 2, "no \"trailer\"");
	load(&b);
	t = mem_find(b.data, b.len, "\ntrailer\n", 0);
	b.len = (size_t)t + 20;		/* "\ntrailer\n<< /Size 54\n" */
	b.data[b.len] = '\0';
	assert_refused(&b, 1, alts, 2, "no \"startxref\"");
	assert_refused(&(struct buf){ xstrdup(""), 0, 1 }, 0, NULL, 0,
	    "no \"trailer\"");
}

/* Pages with no structure element (a chart's PDF): /Lang, no /MarkInfo. */
static void
test_untagged_pages(void **state)
{
	struct buf b;
	char *err = NULL, *d;
	size_t cairo_len;

	(void)state;
	edited(&b, "/StructTreeRoot ", "/StructTreeRooX ");
	cairo_len = b.len;
	assert_int_equal(render_pdf_patch(&b, "en", 0, alts, 2, &err), 0);
	d = object(&b, trailer_num(&b, "/Root "), cairo_len);
	assert_non_null(d);
	assert_non_null(strstr(d, "/Lang (en)"));
	assert_null(strstr(d, "/MarkInfo"));
	free(d);
	buf_free(&b);
}

static void
test_cairo_version_gate(void **state)
{
	char *err = NULL;

	(void)state;
	/* this build and this machine */
	assert_int_equal(render_pdf_cairo_check(CAIRO_VERSION,
	    cairo_version(), &err), 0);
	assert_int_equal(render_pdf_cairo_check(CAIRO_VERSION_ENCODE(1, 16,
	    0), CAIRO_VERSION_ENCODE(1, 16, 0), &err), 0);
	/* a library upgraded under the binary */
	assert_int_equal(render_pdf_cairo_check(CAIRO_VERSION_ENCODE(1, 16,
	    0), CAIRO_VERSION_ENCODE(1, 18, 2), &err), -1);
	assert_non_null(strstr(err, "runs with Cairo 1.18.2 (built with "
	    "1.16.0)"));
	assert_non_null(strstr(err, "leave pdf out of --format"));
	free(err);
	/* built against another */
	assert_int_equal(render_pdf_cairo_check(CAIRO_VERSION_ENCODE(1, 17,
	    6), CAIRO_VERSION_ENCODE(1, 16, 0), &err), -1);
	assert_non_null(strstr(err, "was built with Cairo 1.17.6"));
	free(err);
	assert_int_equal(render_pdf_cairo_check(CAIRO_VERSION_ENCODE(1, 15,
	    12), CAIRO_VERSION_ENCODE(1, 15, 12), &err), -1);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_is_cairo_output),
		cmocka_unit_test(test_patch_adds_lang_markinfo_alt),
		cmocka_unit_test(test_alts_must_match_figures),
		cmocka_unit_test(test_edited_pdf_is_refused),
		cmocka_unit_test(test_truncated_pdf_is_refused),
		cmocka_unit_test(test_untagged_pages),
		cmocka_unit_test(test_cairo_version_gate),
	};

	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
