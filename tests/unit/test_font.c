/*
 * Unit tests of the small stand-ins for Noto Sans CJK in PDFs
 * (gen/render_font.c): the embedded CJK fonts are cut down to the glyphs
 * used, Latin-only PDFs are drawn by Pango as before, a glyph no font
 * has still draws, and the same scene gives the same bytes.
 */
#include <string.h>

#include "harness.h"
#include "render.h"
#include "scene.h"
#include "text.h"

static struct text_ctx *tc;

static int
setup(void **state)
{
	(void)state;
	tc = text_ctx_new();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	text_ctx_free(tc);
	return 0;
}

/* A page with text in regular and bold, and a link (underlined). */
static struct scene *
page(const char *title, const char *body, enum lang lang)
{
	static const char link[] = "USGS";
	struct text_style big = { 18, 1, lang, 0, 0 };
	struct text_style st = { 10.5, 0, lang, 0, 0 };
	struct text_span sp = { 0, sizeof(link) - 1, SPAN_LINK,
	    "https://pubs.usgs.gov/" };
	struct scene *s = scene_new("page", 595.28, 841.89, lang);

	scene_text(s, tc, ROLE_TITLE, 56, 56, title, &big, 0, 0x1A1A1A);
	scene_text(s, tc, ROLE_PARAGRAPH, 56, 100, body, &st, 480, 0x1A1A1A);
	scene_text_spans(s, tc, ROLE_PARAGRAPH, 56, 200, link, &sp, 1, &st,
	    480, 0x1A1A1A);
	return s;
}

static void
pdf(const struct scene *s, struct buf *out)
{
	/* a date, as regen always gives: without one Cairo writes the
	 * clock's, and two PDFs a second apart differ */
	struct render_meta meta = { .date = "2025-01-01T00:00:00Z" };
	char *err = NULL;

	buf_init(out);
	if (render_pdf_pages(&s, 1, NULL, 0, tc, &meta, out, &err) != 0)
		fail_msg("render_pdf_pages: %s", err);
	assert_null(err);
}

/* The first n2-byte needle in hay[0..n), or NULL (memmem is GNU). */
static const char *
find(const char *hay, size_t n, const char *needle, size_t n2)
{
	size_t i;

	for (i = 0; i + n2 <= n; i++)
		if (memcmp(hay + i, needle, n2) == 0)
			return hay + i;
	return NULL;
}

/* The sizes of the CFF font programs (CIDFontType0C streams) in a PDF
 * from Cairo, which writes "stream\n" after each stream's dictionary. */
static size_t
cff_streams(const struct buf *b, size_t *len, size_t cap)
{
	const char *p = b->data, *end = b->data + b->len, *s, *e;
	size_t n = 0;

	while ((p = find(p, (size_t)(end - p), "/CIDFontType0C", 14))) {
		s = find(p, (size_t)(end - p), "stream\n", 7);
		assert_non_null(s);
		s += 7;
		e = find(s, (size_t)(end - s), "endstream", 9);
		assert_non_null(e);
		if (n < cap)
			len[n] = (size_t)(e - s);
		n++;
		p = e;
	}
	return n;
}

static void
test_cjk_fonts_are_cut(void **state)
{
	struct scene *s = page("2024年各国稀土储量", "中国占全球储量的48.4%，"
	    "开采配额为27万吨。", LANG_ZH);
	struct buf b;
	size_t len[4], n, i;

	(void)state;
	pdf(s, &b);
	/* Noto Sans CJK SC Regular and Bold.  Embedded from the whole
	 * font, each was over 50 KB (Cairo keeps every subroutine the
	 * glyphs call); from the stand-in, a few KB. */
	n = cff_streams(&b, len, 4);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		assert_in_range(len[i], 100, 20000);
	assert_non_null(find(b.data, b.len, "NotoSansCJKsc-Regular", 21));
	assert_non_null(find(b.data, b.len, "NotoSansCJKsc-Bold", 18));
	/* copy and paste keeps working */
	assert_non_null(find(b.data, b.len, "/ToUnicode", 10));
	buf_free(&b);
	scene_free(s);
}

static void
test_same_bytes_twice(void **state)
{
	struct scene *s = page("稀土出口管制", "镓、锗、锑和重稀土。",
	    LANG_ZH);
	struct buf a, b;

	(void)state;
	pdf(s, &a);
	pdf(s, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
	scene_free(s);
}

static void
test_latin_pdf_untouched(void **state)
{
	struct scene *s = page("Rare-earth reserves, 2024",
	    "China holds 48.4% of world reserves.", LANG_EN);
	struct buf b;
	size_t len[1];

	(void)state;
	pdf(s, &b);
	assert_int_equal(cff_streams(&b, len, 1), 0);
	assert_non_null(find(b.data, b.len, "NotoSans-Bold", 13));
	buf_free(&b);
	scene_free(s);
}

/* An emoji no bundled font has, in a Chinese text: Pango draws its box
 * and the Chinese glyphs still come from the stand-in. */
static void
test_missing_glyph_beside_cjk(void **state)
{
	int before = text_missing_glyphs(tc);
	struct scene *s = page("稀土 \xF0\x9F\x98\x80 储量", "中国", LANG_ZH);
	struct buf b;
	size_t len[4];

	(void)state;
	assert_true(text_missing_glyphs(tc) > before);
	pdf(s, &b);
	assert_int_equal(cff_streams(&b, len, 4), 2);
	assert_in_range(len[0], 100, 20000);
	assert_in_range(len[1], 100, 20000);
	buf_free(&b);
	scene_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cjk_fonts_are_cut),
		cmocka_unit_test(test_same_bytes_twice),
		cmocka_unit_test(test_latin_pdf_untouched),
		cmocka_unit_test(test_missing_glyph_beside_cjk),
	};

	return cmocka_run_group_tests_name("font", tests, setup, teardown);
}
