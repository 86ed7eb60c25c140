/*
 * Unit tests of the stand-ins for the fonts PDFs embed
 * (gen/render_font.c): the fonts a PDF embeds are cut down to the glyphs
 * used, a glyph no font has still draws, and the same scene gives the
 * same bytes.
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

/* s drawn once more gives the bytes of first. */
static void
assert_same_pdf(const struct scene *s, const struct buf *first)
{
	struct buf again;

	pdf(s, &again);
	assert_int_equal(again.len, first->len);
	assert_memory_equal(again.data, first->data, first->len);
	buf_free(&again);
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

/*
 * The fonts' programs are read by real readers in tests/e2e/fonts.sh
 * (pdffonts, mutool, qpdf and fontTools): every font embedded as a
 * subset, no hinting, a drawn glyph behind every character.  Here, what
 * only the library's caller sees: sizes, names, the same bytes twice.
 */
static void
test_cjk_fonts_are_cut(void **state)
{
	struct scene *s = page("2024年各国稀土储量", "中国占全球储量的48.4%，"
	    "开采配额为27万吨。", LANG_ZH);
	struct buf b;

	(void)state;
	pdf(s, &b);
	/* Noto Sans CJK SC Regular and Bold.  Embedded from the whole
	 * font, each was over 50 KB (Cairo keeps every subroutine the
	 * glyphs call); from the cut, a few KB, and the whole PDF less
	 * than one of them. */
	assert_in_range(b.len, 1000, 40000);
	assert_non_null(find(b.data, b.len, "/CIDFontType0C", 14));
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
	struct buf a;

	(void)state;
	pdf(s, &a);
	assert_same_pdf(s, &a);
	buf_free(&a);
	scene_free(s);
}

/* Latin text: Noto Sans (TrueType) embedded from cuts without hinting:
 * with it, the PDF was twice the size. */
static void
test_latin_fonts_cut(void **state)
{
	struct scene *s = page("Rare-earth reserves, 2024 (Mt)",
	    "China holds 48.4% of world reserves; \"fi\" and \"\xC3\xA9\".",
	    LANG_EN);
	struct buf b;

	(void)state;
	pdf(s, &b);
	assert_null(find(b.data, b.len, "/CIDFontType0C", 14));
	assert_non_null(find(b.data, b.len, "/FontFile2", 10));
	assert_non_null(find(b.data, b.len, "NotoSans-Bold", 13));
	assert_non_null(find(b.data, b.len, "NotoSans-Regular", 16));
	assert_in_range(b.len, 1000, 20000);
	/* the second PDF draws from the cuts the first one made */
	assert_same_pdf(s, &b);
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

	(void)state;
	assert_true(text_missing_glyphs(tc) > before);
	pdf(s, &b);
	assert_in_range(b.len, 1000, 40000);
	buf_free(&b);
	scene_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cjk_fonts_are_cut),
		cmocka_unit_test(test_same_bytes_twice),
		cmocka_unit_test(test_latin_fonts_cut),
		cmocka_unit_test(test_missing_glyph_beside_cjk),
	};

	return cmocka_run_group_tests_name("font", tests, setup, teardown);
}
