/*
 * Unit tests of the stand-ins for the fonts PDFs embed
 * (gen/render_font.c): the embedded CJK fonts are cut down to the glyphs
 * used, the TrueType fonts of Latin text are embedded without hinting,
 * a glyph no font has still draws, and the same scene gives the same
 * bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

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
	struct buf a;

	(void)state;
	pdf(s, &a);
	assert_same_pdf(s, &a);
	buf_free(&a);
	scene_free(s);
}

/* The embedded TrueType font programs (FontFile2 streams, the only ones
 * with a /Length1: their size inflated), inflated; caller frees each. */
static size_t
truetype_programs(const struct buf *b, unsigned char **prog, size_t *len,
    size_t cap)
{
	const char *p = b->data, *end = b->data + b->len, *s;
	size_t n = 0;

	while ((p = find(p, (size_t)(end - p), "/Length1 ", 9)) && n < cap) {
		z_stream z;

		len[n] = strtoul(p + 9, NULL, 10);
		s = find(p, (size_t)(end - p), "stream\n", 7);
		assert_non_null(s);
		s += 7;
		prog[n] = malloc(len[n]);
		memset(&z, 0, sizeof(z));
		assert_int_equal(inflateInit(&z), Z_OK);
		z.next_in = (unsigned char *)(uintptr_t)s;
		z.avail_in = (uInt)(end - s);
		z.next_out = prog[n];
		z.avail_out = (uInt)len[n];
		assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
		assert_int_equal(z.total_out, len[n]);
		inflateEnd(&z);
		n++;
		p = s;
	}
	return n;
}

/* Where table tag is in the font f (len bytes), or NULL. */
static const unsigned char *
table(const unsigned char *f, size_t len, const char tag[4], size_t *tlen)
{
	unsigned i, n = be_get16(f + 4);

	for (i = 0; i < n && 12 + 16 * (size_t)(i + 1) <= len; i++) {
		const unsigned char *rec = f + 12 + 16 * i;

		if (memcmp(rec, tag, 4) == 0) {
			assert_true(be_get32(rec + 8) + be_get32(rec + 12) <=
			    len);
			*tlen = be_get32(rec + 12);
			return f + be_get32(rec + 8);
		}
	}
	return NULL;
}

/* No hinting programs, and no glyph with instructions. */
static void
assert_unhinted(const unsigned char *f, size_t len)
{
	const unsigned char *head, *maxp, *loca, *glyf, *g;
	size_t hl, ml, ll, gl, o0, o1;
	unsigned i, ng, flags, at;
	int long_loca;

	assert_null(table(f, len, "fpgm", &hl));
	assert_null(table(f, len, "prep", &hl));
	assert_null(table(f, len, "cvt ", &hl));
	assert_non_null(head = table(f, len, "head", &hl));
	assert_non_null(maxp = table(f, len, "maxp", &ml));
	assert_non_null(loca = table(f, len, "loca", &ll));
	assert_non_null(glyf = table(f, len, "glyf", &gl));
	long_loca = be_get16(head + 50) == 1;
	ng = be_get16(maxp + 4);
	assert_true(ng > 3);	/* .notdef and the glyphs of the text */
	assert_true(ll >= ((size_t)ng + 1) * (long_loca ? 4 : 2));
	for (i = 0; i < ng; i++) {
		o0 = long_loca ? be_get32(loca + 4 * i) :
		    2u * be_get16(loca + 2 * i);
		o1 = long_loca ? be_get32(loca + 4 * i + 4) :
		    2u * be_get16(loca + 2 * i + 2);
		assert_true(o0 <= o1 && o1 <= gl);
		if (o1 - o0 < 10)
			continue;
		g = glyf + o0;
		if (be_get16(g) < 0x8000) {	/* simple: no instructions */
			assert_int_equal(be_get16(g + 10 + 2 * be_get16(g)), 0);
			continue;
		}
		for (at = 10;; ) {	/* composite: no component has them */
			flags = be_get16(g + at);
			assert_false(flags & 0x0100);
			if (!(flags & 0x0020))
				break;
			at += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 :
			    flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
		}
	}
}

/* Latin text: no CFF, and Noto Sans (hinted TrueType) is embedded from
 * a copy without hinting.  Embedded with its hinting, each font program
 * held fpgm, prep and cvt and instructions in each glyph. */
static void
test_latin_fonts_unhinted(void **state)
{
	struct scene *s = page("Rare-earth reserves, 2024 (Mt)",
	    "China holds 48.4% of world reserves; \"fi\" and \"\xC3\xA9\".",
	    LANG_EN);
	struct buf b;
	unsigned char *prog[4];
	size_t len[4], n, i;

	(void)state;
	pdf(s, &b);
	assert_int_equal(cff_streams(&b, len, 1), 0);
	assert_non_null(find(b.data, b.len, "NotoSans-Bold", 13));
	assert_non_null(find(b.data, b.len, "NotoSans-Regular", 16));
	/* regular, bold, and one more for glyphs outside WinAnsi (the
	 * "fi" ligature): Cairo puts them in a font of their own */
	n = truetype_programs(&b, prog, len, 4);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_unhinted(prog[i], len[i]);
		free(prog[i]);
	}
	/* the second PDF draws from the copy the first one made */
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
		cmocka_unit_test(test_latin_fonts_unhinted),
		cmocka_unit_test(test_missing_glyph_beside_cjk),
	};

	return cmocka_run_group_tests_name("font", tests, setup, teardown);
}
