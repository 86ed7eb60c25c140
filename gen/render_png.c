/*
 * render_png: a PNG encoder for Cairo's opaque RGB24 images.
 *
 * cairo_surface_write_to_png() lets libpng try all five row filters
 * and zlib's default level: in the default run that was 43% of all
 * cycles.  A chart is flat colour with anti-aliased edges; one fixed
 * filter (Up) and zlib level 3 write the ten English chart PNGs in 1.16
 * billion instructions instead of 4.45 (callgrind, whole run), for files
 * 13% larger.  The bytes depend only on the pixels and zlib's version:
 * the same image gives the same file.
 *
 * The file is 8-bit truecolour without alpha, with a pHYs chunk saying
 * how many pixels make an inch (72 at scale 1, 144 at scale 2), so slide
 * software places a @2x image at the size of the 1x one.
 *
 * Rows may come a band at a time (render_png_begin, _rows, _end), so
 * the caller never holds a whole @2x image; only the last row of a band
 * is kept, for the Up filter of the next.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "render.h"
#include "util.h"

/* One chunk: length, type, data, CRC of type and data. */
static void
chunk(struct buf *out, const char type[4], const unsigned char *data,
    size_t len)
{
	unsigned char n[4];
	uLong crc;

	be_put32(n, (uint32_t)len);
	buf_add(out, n, 4);
	buf_add(out, type, 4);
	if (len > 0)
		buf_add(out, data, len);
	crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)type, 4);
	if (len > 0)
		crc = crc32(crc, data, (uInt)len);
	be_put32(n, (uint32_t)crc);
	buf_add(out, n, 4);
}

/*
 * Row y as PNG filter type 2 ("Up"): every byte minus the byte above it.
 * Horizontal bars, gridlines and blank margins repeat from row to row,
 * so most of a chart filters to zeros.  RGB24 pixels are 0x00RRGGBB.
 */
static void
up_row(unsigned char *dst, const uint32_t *px, const uint32_t *above, int w)
{
	int x;

	*dst++ = 2;
	/* a row like the one above (margins, the inside of bars) is all
	 * zeros: memcmp checks it many bytes at a time */
	if (above != NULL && memcmp(px, above, (size_t)w * 4) == 0) {
		memset(dst, 0, (size_t)w * 3);
		return;
	}
	for (x = 0; x < w; x++) {
		uint32_t p = px[x], q = above != NULL ? above[x] : 0;

		*dst++ = (unsigned char)((p >> 16) - (q >> 16));
		*dst++ = (unsigned char)((p >> 8) - (q >> 8));
		*dst++ = (unsigned char)(p - q);
	}
}

/* A PNG being written, rows first (render.h). */
struct png_writer {
	z_stream	 zs;
	int		 w, h, y;	/* rows given so far */
	double		 scale;
	unsigned char	*row;		/* one filtered row */
	uint32_t	*above;		/* the last row given, for Up */
	unsigned char	*z;		/* the deflated rows */
	size_t		 zcap;
	int		 failed;
};

struct png_writer *
render_png_begin(int w, int h, double scale, char **err)
{
	struct png_writer *pw = xcalloc(1, sizeof(*pw));
	size_t rowlen = 1 + 3 * (size_t)w;

	*err = NULL;
	/* level 3: levels 4 and up switch to lazy matching, which costs
	 * 60% more here for 13% smaller files.  memLevel 4 (zlib's default
	 * is 8): the ten English chart PNGs took 15% fewer instructions
	 * and came out 2% smaller (smaller hash table, shorter blocks). */
	if (deflateInit2(&pw->zs, 3, Z_DEFLATED, 15, 4, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		*err = xasprintf("zlib: %s",
		    pw->zs.msg ? pw->zs.msg : "cannot start");
		free(pw);
		return NULL;
	}
	pw->w = w;
	pw->h = h;
	pw->scale = scale;
	pw->zcap = deflateBound(&pw->zs, (uLong)(rowlen * (size_t)h));
	pw->z = xmalloc(pw->zcap);
	pw->row = xmalloc(rowlen);
	pw->above = xcalloc((size_t)w + 1, sizeof(*pw->above));
	pw->zs.next_out = pw->z;
	pw->zs.avail_out = (uInt)pw->zcap;
	return pw;
}

void
render_png_rows(struct png_writer *pw, const unsigned char *data, int n,
    int stride)
{
	const uint32_t *px = NULL;
	int i, zr, last;

	for (i = 0; i < n && !pw->failed && pw->y < pw->h; i++, pw->y++) {
		px = (const uint32_t *)(const void *)
		    (data + (size_t)i * (size_t)stride);
		/* the row above is in this band, or kept from the last */
		up_row(pw->row, px, pw->y == 0 ? NULL : i == 0 ? pw->above :
		    (const uint32_t *)(const void *)((const unsigned char *)px -
		    stride), pw->w);
		pw->zs.next_in = pw->row;
		pw->zs.avail_in = (uInt)(1 + 3 * (size_t)pw->w);
		last = pw->y + 1 == pw->h;
		zr = deflate(&pw->zs, last ? Z_FINISH : Z_NO_FLUSH);
		if (zr != (last ? Z_STREAM_END : Z_OK))
			pw->failed = 1;
	}
	if (px != NULL)
		memcpy(pw->above, px, (size_t)pw->w * 4);
}

int
render_png_end(struct png_writer *pw, struct buf *out, char **err)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	unsigned char hdr[13], phys[9];
	uint32_t ppm = (uint32_t)(72.0 / 0.0254 * pw->scale + 0.5);
	int rc = 0;

	*err = NULL;
	if (pw->h == 0 && deflate(&pw->zs, Z_FINISH) != Z_STREAM_END)
		pw->failed = 1;
	if (pw->failed || pw->y != pw->h) {
		*err = xasprintf("zlib: %s", pw->zs.msg ? pw->zs.msg :
		    pw->failed ? "deflate failed" : "rows missing");
		rc = -1;
	} else {
		buf_add(out, sig, sizeof(sig));
		be_put32(hdr, (uint32_t)pw->w);
		be_put32(hdr + 4, (uint32_t)pw->h);
		hdr[8] = 8;		/* bits per channel */
		hdr[9] = 2;		/* truecolour */
		hdr[10] = hdr[11] = hdr[12] = 0; /* deflate, filter 0, no
						    interlace */
		chunk(out, "IHDR", hdr, sizeof(hdr));
		be_put32(phys, ppm);
		be_put32(phys + 4, ppm);
		phys[8] = 1;		/* the unit is the metre */
		chunk(out, "pHYs", phys, sizeof(phys));
		chunk(out, "IDAT", pw->z, pw->zs.total_out);
		chunk(out, "IEND", NULL, 0);
	}
	render_png_abandon(pw);
	return rc;
}

void
render_png_abandon(struct png_writer *pw)
{
	deflateEnd(&pw->zs);
	free(pw->z);
	free(pw->row);
	free(pw->above);
	free(pw);
}
