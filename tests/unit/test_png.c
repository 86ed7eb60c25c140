/*
 * Unit tests of the PNG encoder: a valid chunk sequence with correct
 * CRCs, the pHYs density for each scale, pixels that come back exactly
 * after inflating and undoing the Up filter, the same bytes whether the
 * rows come at once or in bands, and a scene drawn band by band.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "harness.h"
#include "render.h"
#include "scene.h"

#define W 5
#define H 4

/* The chunk of type t in png (its data and length), asserting every CRC
 * on the way; NULL if there is none. */
static const unsigned char *
find_chunk(const struct buf *png, const char *t, size_t *len)
{
	const unsigned char *p = (const unsigned char *)png->data + 8;
	const unsigned char *end = (const unsigned char *)png->data + png->len;

	while (p + 12 <= end) {
		size_t n = be_get32(p);

		assert_true(p + 12 + n <= end);
		assert_int_equal(be_get32(p + 8 + n),
		    crc32(0, p + 4, (uInt)(n + 4)));
		if (memcmp(p + 4, t, 4) == 0) {
			*len = n;
			return p + 8;
		}
		p += 12 + n;
	}
	return NULL;
}

/* A whole image at once, through the band-by-band writer. */
static int
encode(const unsigned char *data, int w, int h, int stride, double scale,
    struct buf *out, char **err)
{
	struct png_writer *pw = render_png_begin(w, h, scale, err);

	if (pw == NULL)
		return -1;
	render_png_rows(pw, data, h, stride);
	return render_png_end(pw, out, err);
}

static void
make_image(uint32_t *px)
{
	int x, y;

	/* a flat band, a gradient and a lone odd pixel */
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			px[y * W + x] = y < 2 ? 0x3366CCu :
			    (uint32_t)(x * 50) << 16 | (uint32_t)(y * 60) << 8 |
			    (uint32_t)(255 - x);
	px[W + 2] = 0xFFFFFFu;
}

static void
test_png_roundtrip(void **state)
{
	uint32_t px[W * H];
	unsigned char raw[H * (1 + 3 * W)], prev[3 * W];
	struct buf png;
	const unsigned char *c;
	uLongf rawlen = sizeof(raw);
	size_t len;
	char *err = NULL;
	int x, y, k;

	(void)state;
	make_image(px);
	buf_init(&png);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 1, &png, &err), 0);
	assert_null(err);
	assert_memory_equal(png.data, "\x89PNG\r\n\x1a\n", 8);
	c = find_chunk(&png, "IHDR", &len);
	assert_non_null(c);
	assert_int_equal(len, 13);
	assert_int_equal(be_get32(c), W);
	assert_int_equal(be_get32(c + 4), H);
	assert_int_equal(c[8], 8);
	assert_int_equal(c[9], 2);
	assert_non_null(find_chunk(&png, "IEND", &len));
	c = find_chunk(&png, "IDAT", &len);
	assert_non_null(c);
	assert_int_equal(uncompress(raw, &rawlen, c, len), Z_OK);
	assert_int_equal(rawlen, sizeof(raw));
	memset(prev, 0, sizeof(prev));
	for (y = 0; y < H; y++) {
		unsigned char *r = raw + y * (1 + 3 * W);

		assert_int_equal(r[0], 2);	/* Up */
		for (k = 0; k < 3 * W; k++)
			prev[k] = (unsigned char)(r[1 + k] + prev[k]);
		for (x = 0; x < W; x++) {
			uint32_t v = px[y * W + x];

			assert_int_equal(prev[3 * x], (v >> 16) & 0xFF);
			assert_int_equal(prev[3 * x + 1], (v >> 8) & 0xFF);
			assert_int_equal(prev[3 * x + 2], v & 0xFF);
		}
	}
	buf_free(&png);
}

static void
test_png_density(void **state)
{
	uint32_t px[W * H];
	struct buf a, b;
	const unsigned char *c;
	size_t len;
	char *err = NULL;

	(void)state;
	make_image(px);
	buf_init(&a);
	buf_init(&b);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 1, &a, &err), 0);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 2, &b, &err), 0);
	c = find_chunk(&a, "pHYs", &len);
	assert_non_null(c);
	assert_int_equal(len, 9);
	assert_int_equal(be_get32(c), 2835);	/* 72 per inch, per metre */
	assert_int_equal(be_get32(c + 4), 2835);
	assert_int_equal(c[8], 1);
	c = find_chunk(&b, "pHYs", &len);
	assert_int_equal(be_get32(c), 5669);	/* 144 per inch */
	/* the same pixels give the same bytes */
	buf_free(&b);
	buf_init(&b);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 1, &b, &err), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
}

/* The same image given at once, a row at a time and in bands of 3 (the
 * last one short) gives the same file; a row short is an error. */
static void
test_png_bands(void **state)
{
	static const int bands[] = { H, 1, 3 };
	uint32_t px[W * H];
	struct buf whole, part;
	struct png_writer *pw;
	char *err = NULL;
	size_t i;
	int y;

	(void)state;
	make_image(px);
	buf_init(&whole);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 1, &whole, &err), 0);
	for (i = 0; i < sizeof(bands) / sizeof(bands[0]); i++) {
		buf_init(&part);
		assert_non_null(pw = render_png_begin(W, H, 1, &err));
		for (y = 0; y < H; y += bands[i])
			render_png_rows(pw, (const unsigned char *)(px + y * W),
			    H - y < bands[i] ? H - y : bands[i], W * 4);
		assert_int_equal(render_png_end(pw, &part, &err), 0);
		assert_null(err);
		assert_int_equal(part.len, whole.len);
		assert_memory_equal(part.data, whole.data, whole.len);
		buf_free(&part);
	}
	buf_init(&part);
	assert_non_null(pw = render_png_begin(W, H, 1, &err));
	render_png_rows(pw, (const unsigned char *)px, H - 1, W * 4);
	assert_int_equal(render_png_end(pw, &part, &err), -1);
	assert_non_null(err);
	assert_int_equal(part.len, 0);
	free(err);
	buf_free(&whole);
}

/* The pixels of a w x h PNG from this encoder, as 0xRRGGBB. */
static void
decode(const struct buf *png, int w, int h, uint32_t *px)
{
	size_t rowlen = 1 + 3 * (size_t)w, len;
	uLongf rawlen = (uLongf)(rowlen * (size_t)h);
	unsigned char *raw = malloc(rawlen), *prev = calloc(rowlen, 1);
	const unsigned char *c = find_chunk(png, "IDAT", &len);
	int x, y;
	size_t k;

	assert_non_null(c);
	assert_int_equal(uncompress(raw, &rawlen, c, len), Z_OK);
	for (y = 0; y < h; y++) {
		const unsigned char *r = raw + (size_t)y * rowlen;

		assert_int_equal(r[0], 2);
		for (k = 1; k < rowlen; k++)
			prev[k] = (unsigned char)(r[k] + prev[k]);
		for (x = 0; x < w; x++)
			px[y * w + x] = (uint32_t)prev[1 + 3 * x] << 16 |
			    (uint32_t)prev[2 + 3 * x] << 8 | prev[3 + 3 * x];
	}
	free(raw);
	free(prev);
}

/*
 * A scene drawn at twice its size is drawn in bands of rows: a bar that
 * crosses from one band into the next is whole on both sides, and a
 * band never keeps what the band before it drew (nothing is drawn at
 * the bottom, which stays black like a new image).
 */
static void
test_png_scene_in_bands(void **state)
{
	enum { SW = 100, SH = 300, PW = 2 * SW, PH = 2 * SH };
	struct scene *s = scene_new("bands", SW, SH, LANG_EN);
	uint32_t *px = malloc(sizeof(*px) * PW * PH);
	struct buf png;
	char *err = NULL;
	int y;

	(void)state;
	/* rows 40-239 at scale 2, across the bands' edges at 128 */
	scene_rect(s, ROLE_BAR, 10, 20, 50, 100, 0x0072B2);
	buf_init(&png);
	assert_int_equal(render_scene(s, RENDER_PNG, 2, NULL, NULL, &png,
	    &err), 0);
	decode(&png, PW, PH, px);
	for (y = 40; y < 240; y++)
		assert_int_equal(px[y * PW + 50], 0x0072B2);
	assert_int_equal(px[39 * PW + 50], 0);
	assert_int_equal(px[240 * PW + 50], 0);
	for (y = 240; y < PH; y++)
		assert_int_equal(px[y * PW + 50], 0);
	free(px);
	buf_free(&png);
	scene_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_roundtrip),
		cmocka_unit_test(test_png_density),
		cmocka_unit_test(test_png_bands),
		cmocka_unit_test(test_png_scene_in_bands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
