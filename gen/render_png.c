/*
 * render_png: Cairo's opaque RGB24 images as PNG files, through libpng.
 *
 * cairo_surface_write_to_png() lets libpng try all five row filters
 * and zlib's default level: in the default run that was 43% of all
 * cycles.  A chart is flat colour with anti-aliased edges, so one fixed
 * filter (Up, which turns the rows a bar or a margin repeats into
 * zeros), zlib level 3 (levels 4 and up switch to lazy matching, which
 * cost 60% more for files 13% smaller) and memory level 4 (zlib's
 * default is 8: 15% fewer instructions, files 2% smaller).  The bytes
 * depend only on the pixels and the versions of libpng and zlib.
 *
 * An encoder of our own with the same choices saved 5-8% of the CPU
 * time of one chart's PNGs (make bench's chart-png case): under the 10%
 * it would take to keep it.
 *
 * The file is 8-bit truecolour without alpha, with a pHYs chunk saying
 * how many pixels make an inch (72 at scale 1, 144 at scale 2), so slide
 * software places a @2x image at the size of the 1x one.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <png.h>
#include <zlib.h>

#include "render.h"
#include "util.h"

/* A PNG being written, rows first (render.h). */
struct png_writer {
	png_structp	 png;
	png_infop	 info;
	struct buf	 file;		/* what libpng wrote so far */
	int		 h, y;		/* rows given so far */
	char		 msg[200];	/* libpng's error; "" while none */
};

/* libpng's errors end in a longjmp to the call that set png_jmpbuf. */
static void
on_error(png_structp png, png_const_charp msg)
{
	struct png_writer *pw = png_get_error_ptr(png);

	snprintf(pw->msg, sizeof(pw->msg), "%s", msg);
	png_longjmp(png, 1);
}

static void
on_write(png_structp png, png_bytep data, size_t n)
{
	struct png_writer *pw = png_get_io_ptr(png);

	buf_add(&pw->file, data, n);
}

static void
on_flush(png_structp png)
{
	(void)png;
}

/* libpng's header and settings; 0, or -1 after a libpng error. */
static int
start(struct png_writer *pw, int w, int h, double scale)
{
	png_uint_32 ppm = (png_uint_32)(72.0 / 0.0254 * scale + 0.5);
	const uint32_t one = 1;

	if (setjmp(png_jmpbuf(pw->png)))
		return -1;
	png_set_write_fn(pw->png, pw, on_write, on_flush);
	png_set_filter(pw->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
	png_set_compression_level(pw->png, 3);
	png_set_compression_mem_level(pw->png, 4);
	/* libpng's default for filtered rows is Z_FILTERED */
	png_set_compression_strategy(pw->png, Z_DEFAULT_STRATEGY);
	png_set_IHDR(pw->png, pw->info, (png_uint_32)w, (png_uint_32)h, 8,
	    PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	png_set_pHYs(pw->png, pw->info, ppm, ppm, PNG_RESOLUTION_METER);
	png_write_info(pw->png, pw->info);
	/* an RGB24 pixel is the word 0x00RRGGBB: B, G, R, unused in memory
	 * on a little-endian machine, unused, R, G, B on a big-endian one */
	if (*(const unsigned char *)&one == 1) {
		png_set_bgr(pw->png);
		png_set_filler(pw->png, 0, PNG_FILLER_AFTER);
	} else
		png_set_filler(pw->png, 0, PNG_FILLER_BEFORE);
	return 0;
}

struct png_writer *
render_png_begin(int w, int h, double scale, char **err)
{
	struct png_writer *pw = xcalloc(1, sizeof(*pw));

	*err = NULL;
	buf_init(&pw->file);
	pw->h = h;
	pw->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, pw,
	    on_error, NULL);
	if (pw->png != NULL)
		pw->info = png_create_info_struct(pw->png);
	if (pw->info == NULL) {
		*err = xasprintf("libpng: cannot start");
		render_png_abandon(pw);
		return NULL;
	}
	if (start(pw, w, h, scale) == -1) {
		*err = xasprintf("libpng: %s", pw->msg);
		render_png_abandon(pw);
		return NULL;
	}
	return pw;
}

static void
each_row(struct png_writer *pw, const unsigned char *data, int n,
    int stride)
{
	for (; n > 0 && pw->y < pw->h; n--, pw->y++, data += stride)
		png_write_row(pw->png, data);
}

void
render_png_rows(struct png_writer *pw, const unsigned char *data, int n,
    int stride)
{
	/* the loop is a function of its own: nothing here changes between
	 * setjmp and a longjmp */
	if (pw->msg[0] != '\0' || setjmp(png_jmpbuf(pw->png)))
		return;
	each_row(pw, data, n, stride);
}

/* The end of the file; -1 after a libpng error. */
static int
finish(struct png_writer *pw)
{
	if (setjmp(png_jmpbuf(pw->png)))
		return -1;
	png_write_end(pw->png, pw->info);
	return 0;
}

int
render_png_end(struct png_writer *pw, struct buf *out, char **err)
{
	int rc = 0;

	*err = NULL;
	if (pw->msg[0] == '\0' && pw->y != pw->h) {
		*err = xasprintf("libpng: %d of %d rows given", pw->y, pw->h);
		rc = -1;
	} else if (pw->msg[0] != '\0' || finish(pw) == -1) {
		*err = xasprintf("libpng: %s", pw->msg);
		rc = -1;
	} else
		buf_add(out, pw->file.data, pw->file.len);
	render_png_abandon(pw);
	return rc;
}

void
render_png_abandon(struct png_writer *pw)
{
	png_destroy_write_struct(&pw->png, &pw->info);
	buf_free(&pw->file);
	free(pw);
}
