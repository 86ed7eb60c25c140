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
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "render.h"
#include "util.h"

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* One chunk: length, type, data, CRC of type and data. */
static void
chunk(struct buf *out, const char type[4], const unsigned char *data,
    size_t len)
{
	unsigned char n[4];
	uLong crc;

	put32(n, (uint32_t)len);
	buf_add(out, n, 4);
	buf_add(out, type, 4);
	if (len > 0)
		buf_add(out, data, len);
	crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)type, 4);
	if (len > 0)
		crc = crc32(crc, data, (uInt)len);
	put32(n, (uint32_t)crc);
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

int
render_png_encode(const unsigned char *data, int w, int h, int stride,
    double scale, struct buf *out, char **err)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	unsigned char hdr[13], phys[9], *row, *z;
	size_t rowlen = 1 + 3 * (size_t)w, zcap;
	uint32_t ppm = (uint32_t)(72.0 / 0.0254 * scale + 0.5);
	z_stream zs;
	int y, zr = Z_OK;

	*err = NULL;
	memset(&zs, 0, sizeof(zs));
	/* level 3: levels 4 and up switch to lazy matching, which costs
	 * 60% more here for 13% smaller files.  memLevel 4 (zlib's default
	 * is 8): the ten English chart PNGs took 15% fewer instructions
	 * and came out 2% smaller (smaller hash table, shorter blocks). */
	if (deflateInit2(&zs, 3, Z_DEFLATED, 15, 4, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		*err = xasprintf("zlib: %s", zs.msg ? zs.msg : "cannot start");
		return -1;
	}
	zcap = deflateBound(&zs, (uLong)(rowlen * (size_t)h));
	z = xmalloc(zcap);
	row = xmalloc(rowlen);
	zs.next_out = z;
	zs.avail_out = (uInt)zcap;
	for (y = 0; y < h && zr == Z_OK; y++) {
		const unsigned char *p = data + (size_t)y * (size_t)stride;

		up_row(row, (const uint32_t *)(const void *)p, y == 0 ? NULL :
		    (const uint32_t *)(const void *)(p - stride), w);
		zs.next_in = row;
		zs.avail_in = (uInt)rowlen;
		zr = deflate(&zs, y + 1 == h ? Z_FINISH : Z_NO_FLUSH);
	}
	if (h == 0)
		zr = deflate(&zs, Z_FINISH);
	free(row);
	if (zr != Z_STREAM_END) {
		*err = xasprintf("zlib: %s", zs.msg ? zs.msg : "deflate failed");
		deflateEnd(&zs);
		free(z);
		return -1;
	}
	buf_add(out, sig, sizeof(sig));
	put32(hdr, (uint32_t)w);
	put32(hdr + 4, (uint32_t)h);
	hdr[8] = 8;		/* bits per channel */
	hdr[9] = 2;		/* truecolour */
	hdr[10] = hdr[11] = hdr[12] = 0;	/* deflate, filter 0, no interlace */
	chunk(out, "IHDR", hdr, sizeof(hdr));
	put32(phys, ppm);
	put32(phys + 4, ppm);
	phys[8] = 1;		/* the unit is the metre */
	chunk(out, "pHYs", phys, sizeof(phys));
	chunk(out, "IDAT", z, zs.total_out);
	chunk(out, "IEND", NULL, 0);
	deflateEnd(&zs);
	free(z);
	return 0;
}
