/*
 * Unit tests of the PNG writer, each file read back by libpng's own
 * reader (CRCs checked, ancillary chunks too): the size, the colour
 * type, the pHYs density for each scale and the pixels, exactly; the
 * same bytes whether the rows come at once or in bands; a scene drawn
 * band by band.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "harness.h"
#include "render.h"
#include "scene.h"

#define W 5
#define H 4

/* What libpng read from a PNG in memory. */
struct png_read {
	png_uint_32	 w, h;
	int		 depth, colour, interlace;
	png_uint_32	 ppm_x, ppm_y;	/* pHYs, 0 if none */
	int		 unit;
	uint32_t	*px;		/* w * h as 0xRRGGBB; caller frees */
	unsigned char	*row;		/* one row as read; read_png frees */
};

struct mem {
	const unsigned char	*p;
	size_t			 len, at;
};

static void
from_mem(png_structp png, png_bytep out, size_t n)
{
	struct mem *m = png_get_io_ptr(png);

	if (n > m->len - m->at)
		png_error(png, "read past the end");
	memcpy(out, m->p + m->at, n);
	m->at += n;
}

/* libpng's complaints, kept quiet: a refused file is a return of -1. */
static void
quiet_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void
quiet_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* The rows, after png_read_info; in a function of its own so that
 * nothing changes between read_png's setjmp and a longjmp. */
static void
read_rows(png_structp png, struct png_read *r)
{
	unsigned char *row;
	png_uint_32 x, y;

	/* in r, so that a longjmp out of png_read_row leaks nothing */
	row = r->row = malloc(3 * (size_t)r->w);
	r->px = malloc(sizeof(*r->px) * r->w * r->h);
	for (y = 0; y < r->h; y++) {
		png_read_row(png, row, NULL);
		for (x = 0; x < r->w; x++)
			r->px[y * r->w + x] = (uint32_t)row[3 * x] << 16 |
			    (uint32_t)row[3 * x + 1] << 8 | row[3 * x + 2];
	}
}

/* The header, pHYs and pixels into r; -1 when libpng refuses the file
 * (bad signature, CRC, chunk or data).  Only 8-bit RGB is read. */
static int
read_all(png_structp png, png_infop info, struct mem *m, struct png_read *r)
{
	if (setjmp(png_jmpbuf(png)))
		return -1;
	/* a bad CRC in an ancillary chunk (pHYs) fails too */
	png_set_crc_action(png, PNG_CRC_DEFAULT, PNG_CRC_ERROR_QUIT);
	png_set_read_fn(png, m, from_mem);
	png_read_info(png, info);
	png_get_IHDR(png, info, &r->w, &r->h, &r->depth, &r->colour,
	    &r->interlace, NULL, NULL);
	png_get_pHYs(png, info, &r->ppm_x, &r->ppm_y, &r->unit);
	if (r->depth != 8 || r->colour != PNG_COLOR_TYPE_RGB ||
	    r->interlace != PNG_INTERLACE_NONE)
		return -1;
	read_rows(png, r);
	png_read_end(png, NULL);
	return 0;
}

/* A PNG in memory read by libpng: 0 and r filled, or -1. */
static int
read_png(const struct buf *b, struct png_read *r)
{
	struct mem m = { (const unsigned char *)b->data, b->len, 0 };
	png_structp png;
	png_infop info;
	int rc;

	memset(r, 0, sizeof(*r));
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL,
	    quiet_error, quiet_warning);
	assert_non_null(png);
	info = png_create_info_struct(png);
	assert_non_null(info);
	rc = read_all(png, info, &m, r);
	png_destroy_read_struct(&png, &info, NULL);
	free(r->row);
	r->row = NULL;
	return rc;
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
	struct png_read r;
	struct buf png;
	char *err = NULL;
	int i;

	(void)state;
	make_image(px);
	/* the unused byte of an RGB24 pixel is not the image's */
	for (i = 0; i < W * H; i++)
		px[i] |= (uint32_t)(i * 37 & 0xFF) << 24;
	buf_init(&png);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 1, &png, &err), 0);
	assert_null(err);
	assert_int_equal(read_png(&png, &r), 0);
	assert_int_equal(r.w, W);
	assert_int_equal(r.h, H);
	for (i = 0; i < W * H; i++)
		assert_int_equal(r.px[i], px[i] & 0xFFFFFF);
	free(r.px);
	/* the reader is no rubber stamp: a byte changed in pHYs fails its
	 * CRC, one in the image data its zlib stream or CRC */
	((unsigned char *)png.data)[45] ^= 0x20;
	assert_int_equal(read_png(&png, &r), -1);
	free(r.px);
	((unsigned char *)png.data)[45] ^= 0x20;
	assert_int_equal(read_png(&png, &r), 0);
	free(r.px);
	assert_memory_equal((const char *)png.data + 58, "IDAT", 4);
	((unsigned char *)png.data)[64] ^= 0x20;
	assert_int_equal(read_png(&png, &r), -1);
	free(r.px);
	buf_free(&png);
}

static void
test_png_density(void **state)
{
	uint32_t px[W * H];
	struct png_read r;
	struct buf a, b;
	char *err = NULL;

	(void)state;
	make_image(px);
	buf_init(&a);
	buf_init(&b);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 1, &a, &err), 0);
	assert_int_equal(encode((const unsigned char *)px, W, H,
	    W * 4, 2, &b, &err), 0);
	assert_int_equal(read_png(&a, &r), 0);
	free(r.px);
	assert_int_equal(r.unit, PNG_RESOLUTION_METER);
	assert_int_equal(r.ppm_x, 2835);	/* 72 per inch, per metre */
	assert_int_equal(r.ppm_y, 2835);
	assert_int_equal(read_png(&b, &r), 0);
	free(r.px);
	assert_int_equal(r.ppm_x, 5669);	/* 144 per inch */
	assert_int_equal(r.ppm_y, 5669);
	/* pHYs comes right after IHDR, where the e2e tests look for it */
	assert_memory_equal((const char *)a.data + 37, "pHYs", 4);
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
	/* libpng's own refusal (a zero width) comes back as an error */
	err = NULL;
	assert_null(render_png_begin(0, H, 1, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "libpng: "));
	free(err);
	buf_free(&whole);
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
	struct png_read r;
	struct buf png;
	char *err = NULL;
	int y;

	(void)state;
	/* rows 40-239 at scale 2, across the bands' edges at 128 */
	scene_rect(s, ROLE_BAR, 10, 20, 50, 100, 0x0072B2);
	buf_init(&png);
	assert_int_equal(render_scene(s, RENDER_PNG, 2, NULL, NULL, &png,
	    &err), 0);
	assert_int_equal(read_png(&png, &r), 0);
	assert_int_equal(r.w, PW);
	assert_int_equal(r.h, PH);
	assert_int_equal(r.ppm_x, 5669);
	for (y = 40; y < 240; y++)
		assert_int_equal(r.px[y * PW + 50], 0x0072B2);
	assert_int_equal(r.px[39 * PW + 50], 0);
	assert_int_equal(r.px[240 * PW + 50], 0);
	for (y = 240; y < PH; y++)
		assert_int_equal(r.px[y * PW + 50], 0);
	free(r.px);
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
