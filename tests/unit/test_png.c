/*
 * Unit tests of the PNG encoder: a valid chunk sequence with correct
 * CRCs, the pHYs density for each scale, and pixels that come back
 * exactly after inflating and undoing the Up filter.
 */
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "harness.h"
#include "render.h"

#define W 5
#define H 4

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* The chunk of type t in png (its data and length), asserting every CRC
 * on the way; NULL if there is none. */
static const unsigned char *
find_chunk(const struct buf *png, const char *t, size_t *len)
{
	const unsigned char *p = (const unsigned char *)png->data + 8;
	const unsigned char *end = (const unsigned char *)png->data + png->len;

	while (p + 12 <= end) {
		size_t n = get32(p);

		assert_true(p + 12 + n <= end);
		assert_int_equal(get32(p + 8 + n),
		    crc32(0, p + 4, (uInt)(n + 4)));
		if (memcmp(p + 4, t, 4) == 0) {
			*len = n;
			return p + 8;
		}
		p += 12 + n;
	}
	return NULL;
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
	assert_int_equal(render_png_encode((const unsigned char *)px, W, H,
	    W * 4, 1, &png, &err), 0);
	assert_null(err);
	assert_memory_equal(png.data, "\x89PNG\r\n\x1a\n", 8);
	c = find_chunk(&png, "IHDR", &len);
	assert_non_null(c);
	assert_int_equal(len, 13);
	assert_int_equal(get32(c), W);
	assert_int_equal(get32(c + 4), H);
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
	assert_int_equal(render_png_encode((const unsigned char *)px, W, H,
	    W * 4, 1, &a, &err), 0);
	assert_int_equal(render_png_encode((const unsigned char *)px, W, H,
	    W * 4, 2, &b, &err), 0);
	c = find_chunk(&a, "pHYs", &len);
	assert_non_null(c);
	assert_int_equal(len, 9);
	assert_int_equal(get32(c), 2835);	/* 72 per inch, per metre */
	assert_int_equal(get32(c + 4), 2835);
	assert_int_equal(c[8], 1);
	c = find_chunk(&b, "pHYs", &len);
	assert_int_equal(get32(c), 5669);	/* 144 per inch */
	/* the same pixels give the same bytes */
	buf_free(&b);
	buf_init(&b);
	assert_int_equal(render_png_encode((const unsigned char *)px, W, H,
	    W * 4, 1, &b, &err), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_roundtrip),
		cmocka_unit_test(test_png_density),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
