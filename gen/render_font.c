/*
 * render_font: small stand-ins for the fonts a PDF embeds.
 *
 * Big CFF fonts.  To embed a subset of a CFF font, Cairo 1.16 first
 * reads the font's whole CFF table into memory and parses every glyph's
 * entry: for Noto Sans CJK that is about 15 MB per face, read again for
 * every PDF.  A Chinese chart PDF took 86 ms and 83 MB where its SVG
 * took 27 ms and 27 MB; with the stand-ins below it takes 33-38 ms and
 * 32 MB.  So before a PDF is drawn, render_fonts_collect() gathers the
 * glyphs its texts use from each such font, and render_fonts_build() has
 * HarfBuzz cut each font down to those glyphs (hb-subset, which reads
 * only the parts it keeps).  Cairo then embeds its subset of the small
 * font, and the glyph numbers are translated.  The subset depends only
 * on the glyphs this PDF uses, so the same input gives the same bytes.
 *
 * Hinted TrueType fonts.  Noto Sans carries hinting: programs (fpgm,
 * prep, cvt) and instructions in every glyph that fit outlines to a
 * pixel grid at small sizes on screen.  Cairo embedded them in every
 * PDF, 38% of each glyph's bytes plus 4 KB of programs per face, all
 * through its subsetter and zlib, though poppler draws our pages pixel
 * for pixel the same without them (and PNGs are drawn from the full
 * font).  So the first PDF that uses such a face makes a copy without
 * hinting, glyph numbers unchanged (unhinted_copy(): under 1 ms a face), and
 * every PDF of the run embeds from it.  A chart PDF's two fonts take
 * 10 KB instead of 21, and a batch of 1,000 chart PDFs 22% less time.
 * The copies live as long as Pango's font map.
 *
 * Shaping is untouched either way: Pango laid the text out with the
 * full font and the outlines are the same.  A text that uses a
 * stand-in is drawn by a PangoRenderer of ours that does what Pango's
 * Cairo renderer does (text clusters, so the PDF keeps the text;
 * colours; underlines); every other text is drawn by Pango as before.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <fontconfig/fcfreetype.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include "render.h"
#include "util.h"

/* Fonts whose CFF table is at least this big get a stand-in. */
#define BIG_CFF		(1u << 20)

/* One font file (face) met in the texts of a PDF. */
struct face {
	hb_face_t		*hb;		/* Pango's; one reference */
	int			 big;		/* a CFF font worth cutting */
	PangoFont		*font;		/* big: one that uses it; a
						   reference */
	hb_set_t		*glyphs;	/* used, in the full font */
	hb_map_t		*to_new;	/* full -> small glyph ids; NULL:
						   the same (unhinted copy) */
	FT_Face			 ft;		/* the stand-in, or NULL */
	/* Cairo faces made on it, one per Pango face (options differ);
	   one reference each to from[i] and to[i] */
	cairo_font_face_t	**from, **to;
	size_t			 nfaces;
};

/* The faces of one PDF, or (unhinted copies) of one font map. */
struct render_fonts {
	struct face		*f;
	size_t			 n;
};

/* Where a font map keeps its unhinted copies (GObject data). */
#define UNHINTED_KEY	"regen-unhinted-fonts"

static FT_Library ft_lib;	/* once a process; FreeType faces need it
				   as long as Cairo keeps them */

struct render_fonts *
render_fonts_new(void)
{
	return xcalloc(1, sizeof(struct render_fonts));
}

static hb_face_t *
font_hb_face(PangoFont *font)
{
	hb_font_t *hf = font ? pango_font_get_hb_font(font) : NULL;

	return hf ? hb_font_get_face(hf) : NULL;
}

static struct face *
face_find(const struct render_fonts *fs, const hb_face_t *hb)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (fs->f[i].hb == hb)
			return &fs->f[i];
	return NULL;
}

static struct face *
face_add(struct render_fonts *fs, hb_face_t *hb)
{
	struct face *f;

	fs->f = xreallocarray(fs->f, fs->n + 1, sizeof(*fs->f));
	f = &fs->f[fs->n++];
	memset(f, 0, sizeof(*f));
	f->hb = hb_face_reference(hb);	/* the key must stay this face */
	return f;
}

static size_t
table_length(hb_face_t *hb, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(hb, tag);
	size_t len = hb_blob_get_length(b);

	hb_blob_destroy(b);
	return len;
}

/*
 * The FreeType face under font's Cairo font, locked: unlock it with
 * cairo_ft_scaled_font_unlock_face(*sf).  NULL (and *sf NULL) when font
 * is not drawn through FreeType.
 */
static FT_Face
lock_ft_face(PangoFont *font, cairo_scaled_font_t **sf)
{
	FT_Face ft = NULL;

	*sf = PANGO_IS_CAIRO_FONT(font) ?
	    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : NULL;
	if (*sf != NULL &&
	    cairo_scaled_font_get_type(*sf) == CAIRO_FONT_TYPE_FT)
		ft = cairo_ft_scaled_font_lock_face(*sf);
	if (ft == NULL)
		*sf = NULL;
	return ft;
}

/*
 * Whether hb is a hinted TrueType font whose hinting a PDF can do
 * without.  Not a variable font: the copy would be at its default
 * instance, where Cairo's face may be at another (only the system's
 * fonts, used when the bundled ones are missing, may be variable).  Not
 * a "tricky" font either (FreeType's word for old CJK fonts whose
 * instructions build the outlines).
 */
static int
is_hinted_truetype(hb_face_t *hb, PangoFont *font)
{
	cairo_scaled_font_t *sf;
	FT_Face ft;
	int tricky = 1;

	if (table_length(hb, HB_TAG('g', 'l', 'y', 'f')) == 0 ||
	    table_length(hb, HB_TAG('f', 'v', 'a', 'r')) > 0 ||
	    (table_length(hb, HB_TAG('f', 'p', 'g', 'm')) == 0 &&
	    table_length(hb, HB_TAG('p', 'r', 'e', 'p')) == 0))
		return 0;
	if ((ft = lock_ft_face(font, &sf)) != NULL) {
		tricky = FT_IS_TRICKY(ft);
		cairo_ft_scaled_font_unlock_face(sf);
	}
	return !tricky;
}

static void
free_unhinted(void *fs)
{
	render_fonts_free(fs);
}

/* The unhinted copies of font's font map; made when make is set. */
static struct render_fonts *
unhinted_fonts(PangoFont *font, int make)
{
	PangoFontMap *map = pango_font_get_font_map(font);
	struct render_fonts *fs;

	if (map == NULL)
		return NULL;
	fs = g_object_get_data(G_OBJECT(map), UNHINTED_KEY);
	if (fs == NULL && make) {
		fs = render_fonts_new();
		g_object_set_data_full(G_OBJECT(map), UNHINTED_KEY, fs,
		    free_unhinted);
	}
	return fs;
}

/* The record of hb (font's): this PDF's, or its font map's unhinted
 * copy; NULL when there is none yet. */
static struct face *
face_known(const struct render_fonts *fs, hb_face_t *hb, PangoFont *font)
{
	struct render_fonts *shared;
	struct face *f = face_find(fs, hb);

	if (f == NULL && (shared = unhinted_fonts(font, 0)) != NULL)
		f = face_find(shared, hb);
	return f;
}

static FT_Face memory_face(hb_blob_t *, unsigned);
static hb_blob_t *unhinted_copy(hb_face_t *);

/* The face record of hb (of font) for this PDF, made on first use. */
static struct face *
face_get(struct render_fonts *fs, hb_face_t *hb, PangoFont *font)
{
	struct render_fonts *shared;
	struct face *f;

	if ((f = face_known(fs, hb, font)) != NULL)
		return f;
	if (is_hinted_truetype(hb, font) &&
	    (shared = unhinted_fonts(font, 1)) != NULL) {
		/* once a font map; on failure the full font draws */
		f = face_add(shared, hb);
		f->ft = memory_face(unhinted_copy(hb),
		    hb_face_get_glyph_count(hb));
		return f;
	}
	f = face_add(fs, hb);
	f->big = table_length(hb, HB_TAG('C', 'F', 'F', ' ')) >= BIG_CFF;
	if (f->big) {
		f->glyphs = hb_set_create();
		f->font = g_object_ref(font);
	}
	return f;
}

static int
drawable(PangoGlyph g)
{
	return g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG);
}

/*
 * Call fn for each run of l, until it returns nonzero (returned).  The
 * lines' run lists, not a PangoLayoutIter: an iterator measures every
 * line when it is made.
 */
static int
each_run(PangoLayout *l, int (*fn)(PangoGlyphItem *, void *), void *arg)
{
	GSList *ln, *r;
	int rc;

	for (ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next)
		for (r = ((PangoLayoutLine *)ln->data)->runs; r; r = r->next)
			if ((rc = fn(r->data, arg)) != 0)
				return rc;
	return 0;
}

static int
collect_run(PangoGlyphItem *run, void *arg)
{
	struct render_fonts *fs = arg;
	hb_face_t *hb = font_hb_face(run->item->analysis.font);
	struct face *f;
	int i;

	if (hb == NULL ||
	    !(f = face_get(fs, hb, run->item->analysis.font))->big)
		return 0;
	for (i = 0; i < run->glyphs->num_glyphs; i++)
		if (drawable(run->glyphs->glyphs[i].glyph))
			hb_set_add(f->glyphs, run->glyphs->glyphs[i].glyph);
	return 0;
}

void
render_fonts_collect(struct render_fonts *fs, PangoLayout *l)
{
	each_run(l, collect_run, fs);
}

/* The tables only shaping reads: neither stand-in needs them, as Pango
 * shaped the text with the full font. */
static int
layout_table(hb_tag_t tag)
{
	return tag == HB_TAG('G', 'S', 'U', 'B') ||
	    tag == HB_TAG('G', 'P', 'O', 'S') ||
	    tag == HB_TAG('G', 'D', 'E', 'F') ||
	    tag == HB_TAG('B', 'A', 'S', 'E');
}

/* FreeType's finalizer of a small font: the bytes it was read from. */
static void
free_blob(void *face)
{
	hb_blob_destroy(((FT_Face)face)->generic.data);
}

/*
 * The tables of the full font that the cut is made from, less those it
 * does not need: the layout tables (the text is shaped already) and the
 * character map.  Given glyphs, hb-subset 6.0 first reads the whole
 * character map (44,000 entries in Noto Sans CJK), 4 ms each time.
 * Cairo takes a glyph's text for the PDF's ToUnicode map from the
 * cluster it is drawn in when that is one glyph for one character (all
 * of regen's Chinese); for any other glyph it looks in the font's
 * character map, finds nothing in the cut, and the text stays only in
 * the /ActualText Cairo writes around such clusters.
 */
static hb_blob_t *
source_table(hb_face_t *self, hb_tag_t tag, void *full)
{
	(void)self;
	if (tag == HB_TAG('c', 'm', 'a', 'p') || layout_table(tag))
		return hb_blob_get_empty();
	return hb_face_reference_table(full, tag);
}

static void
unref_face(void *hb)
{
	hb_face_destroy(hb);
}

/* A FreeType face read from blob, which it keeps and destroys with
 * itself; NULL (blob destroyed) on failure, when blob is NULL, or when
 * FreeType finds fewer than nglyphs glyphs in it. */
static FT_Face
memory_face(hb_blob_t *blob, unsigned nglyphs)
{
	FT_Face ft;

	if (blob == NULL)
		return NULL;
	if ((ft_lib == NULL && FT_Init_FreeType(&ft_lib) != 0) ||
	    FT_New_Memory_Face(ft_lib,
	    (const FT_Byte *)hb_blob_get_data(blob, NULL),
	    (FT_Long)hb_blob_get_length(blob), 0, &ft) != 0) {
		hb_blob_destroy(blob);
		return NULL;
	}
	ft->generic.data = blob;
	ft->generic.finalizer = free_blob;
	if (ft->num_glyphs < 0 || (unsigned)ft->num_glyphs < nglyphs) {
		FT_Done_Face(ft);	/* and its blob */
		return NULL;
	}
	return ft;
}

/*
 * The face to cut f from: the same font file read through FreeType's
 * mapping of it, where Cairo has already loaded the glyphs (Pango
 * measures each with Cairo), or else Pango's HarfBuzz face.  Read
 * through HarfBuzz's own mapping, the glyphs' pages of Noto Sans CJK
 * counted twice in memory: 15 MB more for the Chinese briefing.  *sf is
 * the Cairo font to unlock (cairo_ft_scaled_font_unlock_face) once the
 * face is no longer used, or NULL.
 */
static hb_face_t *
cut_source(struct face *f, cairo_scaled_font_t **sf)
{
	FT_Face ft = lock_ft_face(f->font, sf);
	hb_blob_t *file;
	hb_face_t *hb;

	/* a memory stream (mapped or read whole): all the file at base */
	if (ft == NULL || ft->stream == NULL || ft->stream->read != NULL ||
	    ft->stream->base == NULL) {
		if (ft != NULL)
			cairo_ft_scaled_font_unlock_face(*sf);
		*sf = NULL;
		return hb_face_reference(f->hb);
	}
	file = hb_blob_create((const char *)ft->stream->base,
	    (unsigned)ft->stream->size, HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb = hb_face_create(file, (unsigned)(ft->face_index & 0xFFFF));
	hb_blob_destroy(file);	/* the face holds it */
	return hb;
}

/* Cut f down to its glyphs; on failure f keeps drawing from the full
 * font (slower, same look). */
static void
face_cut(struct face *f)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan;
	cairo_scaled_font_t *locked;
	hb_face_t *src, *small;
	hb_blob_t *blob;

	if (in == NULL)
		return;
	hb_set_union(hb_subset_input_glyph_set(in), f->glyphs);
	src = hb_face_create_for_tables(source_table, cut_source(f, &locked),
	    unref_face);
	plan = hb_subset_plan_create_or_fail(src, in);
	hb_face_destroy(src);	/* the plan holds it */
	hb_subset_input_destroy(in);
	small = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
	blob = small ? hb_face_reference_blob(small) : NULL;
	hb_face_destroy(small);
	if (plan != NULL) {
		f->to_new = hb_map_copy(
		    hb_subset_plan_old_to_new_glyph_mapping(plan));
		/* every glyph the map names must be in the font FreeType
		 * reads */
		f->ft = memory_face(blob, hb_map_get_population(f->to_new));
	}
	hb_subset_plan_destroy(plan);	/* the last use of the source */
	if (locked != NULL)
		cairo_ft_scaled_font_unlock_face(locked);
}

/* ---- TrueType fonts without hinting ---- */

/* Component flags of a composite glyph (OpenType, glyf table). */
#define ARG_1_AND_2_ARE_WORDS	0x0001
#define WE_HAVE_A_SCALE		0x0008
#define MORE_COMPONENTS		0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE 0x0040
#define WE_HAVE_A_TWO_BY_TWO	0x0080
#define WE_HAVE_INSTRUCTIONS	0x0100

static size_t
component_size(unsigned flags)
{
	return 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2) +
	    (flags & WE_HAVE_A_SCALE ? 2 : flags & WE_HAVE_AN_X_AND_Y_SCALE ?
	    4 : flags & WE_HAVE_A_TWO_BY_TWO ? 8 : 0);
}

/* Flags of a simple glyph's points (OpenType, glyf table). */
#define X_SHORT_VECTOR		0x02
#define Y_SHORT_VECTOR		0x04
#define REPEAT_FLAG		0x08
#define X_IS_SAME_OR_POSITIVE	0x10
#define Y_IS_SAME_OR_POSITIVE	0x20

/*
 * Where the points of a simple glyph end (p, len bytes; its flags start
 * at at): the glyph's own bytes, without the padding after them, or 0
 * when they run past len.
 */
static size_t
simple_glyph_end(const unsigned char *p, size_t len, size_t at)
{
	size_t contours = be_get16(p), points, i = 0, coords = 0, rep;
	unsigned f;

	points = contours ?
	    (size_t)be_get16(p + 10 + 2 * (contours - 1)) + 1 : 0;
	while (i < points) {
		if (at >= len)
			return 0;
		f = p[at++];
		rep = 1;
		if (f & REPEAT_FLAG) {
			if (at >= len)
				return 0;
			rep += p[at++];
		}
		coords += rep * ((f & X_SHORT_VECTOR ? 1 :
		    f & X_IS_SAME_OR_POSITIVE ? 0 : 2) + (f & Y_SHORT_VECTOR ?
		    1 : f & Y_IS_SAME_OR_POSITIVE ? 0 : 2));
		i += rep;
	}
	return at + coords <= len ? at + coords : 0;
}

/*
 * Write the glyph at p (len bytes) to out without its instructions,
 * padded to 4 bytes; out has room for len + 3.  A simple glyph keeps its
 * contours with an empty list of instructions; a composite keeps its
 * components, none of them saying instructions follow.  Returns the
 * bytes written, or -1 when the glyph is malformed.
 */
static long
strip_glyph(const unsigned char *p, size_t len, unsigned char *out)
{
	size_t end, il, pts;
	unsigned flags;

	if (len == 0)
		return 0;
	if (len < 10)
		return -1;
	if (be_get16(p) < 0x8000) {	/* simple: 0 or more contours */
		end = 10 + 2 * (size_t)be_get16(p);
		if (end + 2 > len || end + 2 + (il = be_get16(p + end)) > len ||
		    (pts = simple_glyph_end(p, len, end + 2 + il)) == 0)
			return -1;
		memcpy(out, p, end);
		be_put16(out + end, 0);
		memcpy(out + end + 2, p + end + 2 + il, pts - end - 2 - il);
		len = pts - il;
	} else {
		for (end = 10;; end += component_size(flags)) {
			if (end + 4 > len ||
			    end + component_size(be_get16(p + end)) > len)
				return -1;
			flags = be_get16(p + end);
			if (!(flags & MORE_COMPONENTS))
				break;
		}
		len = end + component_size(flags);
		memcpy(out, p, len);
		for (end = 10; end < len; end += component_size(flags)) {
			flags = be_get16(out + end);
			be_put16(out + end, flags & ~WE_HAVE_INSTRUCTIONS);
		}
	}
	memset(out + len, 0, (4 - len % 4) % 4);
	return (long)((len + 3) & ~(size_t)3);
}

/* hb's table tag when it is at least min bytes long, or NULL. */
static hb_blob_t *
table_at_least(hb_face_t *hb, hb_tag_t tag, size_t min)
{
	hb_blob_t *b = hb_face_reference_table(hb, tag);

	if (hb_blob_get_length(b) >= min)
		return b;
	hb_blob_destroy(b);
	return NULL;
}

/*
 * New glyf and loca tables (loca in the long format, 4 (n + 1) bytes)
 * for the n glyphs of glyf as located by loca, without instructions.
 * Returns the new glyf's length, or -1 when an entry is out of bounds
 * or malformed.  The caller frees *glyf and *loca either way.
 */
static long
strip_glyphs(hb_blob_t *glyf_b, hb_blob_t *loca_b, int long_loca,
    unsigned n, unsigned char **glyf, unsigned char **loca)
{
	const unsigned char *g = (const unsigned char *)
	    hb_blob_get_data(glyf_b, NULL);
	const unsigned char *l = (const unsigned char *)
	    hb_blob_get_data(loca_b, NULL);
	size_t glen = hb_blob_get_length(glyf_b), o0, o1, at = 0;
	unsigned i;
	long w;

	*glyf = xmalloc(glen + 3 * (size_t)n + 4);
	*loca = xmalloc(4 * ((size_t)n + 1));
	if (hb_blob_get_length(loca_b) < ((size_t)n + 1) * (long_loca ? 4 : 2))
		return -1;
	for (i = 0; i < n; i++) {
		o0 = long_loca ? be_get32(l + 4 * i) :
		    2 * (size_t)be_get16(l + 2 * i);
		o1 = long_loca ? be_get32(l + 4 * i + 4) :
		    2 * (size_t)be_get16(l + 2 * i + 2);
		be_put32(*loca + 4 * i, (uint32_t)at);
		if (o0 > o1 || o1 > glen ||
		    (w = strip_glyph(g + o0, o1 - o0, *glyf + at)) < 0)
			return -1;
		at += (size_t)w;
	}
	be_put32(*loca + 4 * (size_t)n, (uint32_t)at);
	return (long)at;
}

/* Tables a copy without hinting leaves out: the hinting programs and
 * hinted device metrics; the layout tables; the signature, void once
 * the font changes. */
static int
dropped_table(hb_tag_t tag)
{
	switch (tag) {
	case HB_TAG('f', 'p', 'g', 'm'):
	case HB_TAG('p', 'r', 'e', 'p'):
	case HB_TAG('c', 'v', 't', ' '):
	case HB_TAG('c', 'v', 'a', 'r'):
	case HB_TAG('h', 'd', 'm', 'x'):
	case HB_TAG('L', 'T', 'S', 'H'):
	case HB_TAG('V', 'D', 'M', 'X'):
	case HB_TAG('D', 'S', 'I', 'G'):
		return 1;
	}
	return layout_table(tag);
}

/* One table of the copy: its bytes are Pango's (blob) or ours. */
struct table {
	hb_tag_t		 tag;
	hb_blob_t		*blob;
	const unsigned char	*data;
	size_t			 len;
};

static int
by_tag(const void *a, const void *b)
{
	hb_tag_t x = ((const struct table *)a)->tag;
	hb_tag_t y = ((const struct table *)b)->tag;

	return x < y ? -1 : x > y;
}

/* The sum of p's big-endian 32-bit words, the last one padded. */
static uint32_t
checksum(const unsigned char *p, size_t len)
{
	unsigned char last[4] = { 0 };
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += be_get32(p + i);
	if (i < len)
		memcpy(last, p + i, len - i);
	return sum + be_get32(last);
}

/*
 * An sfnt file of the n tables t, sorted by tag, each 4-byte aligned,
 * with the checksums the format asks for; head must be one of them,
 * with its checkSumAdjustment 0.
 */
static hb_blob_t *
write_sfnt(struct table *t, unsigned n)
{
	unsigned i, pow2 = 1, log2 = 0;
	size_t dir = 12 + 16 * (size_t)n, off = dir, head = 0;
	uint32_t sum, file_sum = 0;
	unsigned char *f, *rec;

	qsort(t, n, sizeof(*t), by_tag);
	while (pow2 * 2 <= n) {
		pow2 *= 2;
		log2++;
	}
	for (i = 0; i < n; i++)
		off += (t[i].len + 3) & ~(size_t)3;
	f = xcalloc(1, off);	/* zeros: the padding */
	be_put32(f, 0x00010000);
	be_put32(f + 4, n << 16 | (pow2 * 16));
	be_put32(f + 8, log2 << 16 | (n * 16 - pow2 * 16));
	for (i = 0, off = dir; i < n; i++) {
		sum = checksum(t[i].data, t[i].len);
		file_sum += sum;
		rec = f + 12 + 16 * (size_t)i;
		be_put32(rec, t[i].tag);
		be_put32(rec + 4, sum);
		be_put32(rec + 8, (uint32_t)off);
		be_put32(rec + 12, (uint32_t)t[i].len);
		memcpy(f + off, t[i].data, t[i].len);
		if (t[i].tag == HB_TAG('h', 'e', 'a', 'd'))
			head = off;
		off += (t[i].len + 3) & ~(size_t)3;
	}
	/* the whole file's sum: the directory's and the tables' */
	file_sum += checksum(f, dir);
	be_put32(f + head + 8, 0xB1B0AFBA - file_sum);
	return hb_blob_create((const char *)f, (unsigned)off,
	    HB_MEMORY_MODE_WRITABLE, f, free);
}

/* Table tag of hb for the copy, as it is (a reference into t), unless
 * the copy drops it, rewrites it (head, maxp, glyf, loca) or it is
 * empty.  Returns whether it was taken. */
static int
kept_table(hb_face_t *hb, hb_tag_t tag, struct table *t)
{
	if (dropped_table(tag) || tag == HB_TAG('h', 'e', 'a', 'd') ||
	    tag == HB_TAG('m', 'a', 'x', 'p') ||
	    tag == HB_TAG('g', 'l', 'y', 'f') ||
	    tag == HB_TAG('l', 'o', 'c', 'a'))
		return 0;
	t->tag = tag;
	t->blob = hb_face_reference_table(hb, tag);
	t->data = (const unsigned char *)hb_blob_get_data(t->blob, NULL);
	t->len = hb_blob_get_length(t->blob);
	if (t->len == 0) {
		hb_blob_destroy(t->blob);
		return 0;
	}
	return 1;
}

/*
 * A copy of the TrueType face hb without hinting, its glyphs numbered
 * as in hb (see the top of this file), or NULL when hb is not a
 * TrueType font we can read.  The caller owns the blob.
 */
static hb_blob_t *
unhinted_copy(hb_face_t *hb)
{
	hb_blob_t *head = table_at_least(hb, HB_TAG('h', 'e', 'a', 'd'), 54);
	hb_blob_t *maxp = table_at_least(hb, HB_TAG('m', 'a', 'x', 'p'), 32);
	hb_blob_t *glyf = table_at_least(hb, HB_TAG('g', 'l', 'y', 'f'), 1);
	hb_blob_t *loca = table_at_least(hb, HB_TAG('l', 'o', 'c', 'a'), 1);
	unsigned char h[54], m[32], *g = NULL, *l = NULL;
	struct table *t = NULL;
	hb_tag_t *tags = NULL;
	unsigned ntags = 0, n = 4, i;
	hb_blob_t *font = NULL;
	long glen;

	if (head == NULL || maxp == NULL || glyf == NULL || loca == NULL)
		goto done;
	memcpy(h, hb_blob_get_data(head, NULL), sizeof(h));
	memcpy(m, hb_blob_get_data(maxp, NULL), sizeof(m));
	if (be_get32(m) != 0x00010000 || (glen = strip_glyphs(glyf, loca,
	    be_get16(h + 50) == 1, be_get16(m + 4), &g, &l)) < 0)
		goto done;
	be_put32(h + 8, 0);	/* checkSumAdjustment: write_sfnt's */
	be_put16(h + 50, 1);	/* indexToLocFormat: long */
	/* maxZones 1; no twilight points, storage, function or
	 * instruction definitions, stack or instructions */
	be_put16(m + 14, 1);
	memset(m + 16, 0, 12);
	/* ours first, then the others as they are */
	ntags = hb_face_get_table_tags(hb, 0, NULL, NULL);
	tags = xcalloc(ntags + 1, sizeof(*tags));
	t = xcalloc(ntags + 4, sizeof(*t));
	t[0] = (struct table){ HB_TAG('h', 'e', 'a', 'd'), NULL, h, 54 };
	t[1] = (struct table){ HB_TAG('m', 'a', 'x', 'p'), NULL, m, 32 };
	t[2] = (struct table){ HB_TAG('g', 'l', 'y', 'f'), NULL, g,
	    (size_t)glen };
	t[3] = (struct table){ HB_TAG('l', 'o', 'c', 'a'), NULL, l,
	    4 * ((size_t)be_get16(m + 4) + 1) };
	hb_face_get_table_tags(hb, 0, &ntags, tags);
	for (i = 0; i < ntags; i++)
		n += kept_table(hb, tags[i], &t[n]);
	font = write_sfnt(t, n);
	for (i = 0; i < n; i++)
		hb_blob_destroy(t[i].blob);
done:
	free(tags);
	free(t);
	free(g);
	free(l);
	hb_blob_destroy(head);
	hb_blob_destroy(maxp);
	hb_blob_destroy(glyf);
	hb_blob_destroy(loca);
	return font;
}

void
render_fonts_build(struct render_fonts *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (fs->f[i].big && !hb_set_is_empty(fs->f[i].glyphs))
			face_cut(&fs->f[i]);
}

static const cairo_user_data_key_t ft_key;

static void
done_face(void *ft)
{
	FT_Done_Face(ft);
}

/*
 * The Cairo face on f's small font standing in for font's own: made
 * from font's fontconfig pattern (so Cairo applies the same options and
 * any synthetic bold; a synthetic slant is in the font matrix, which
 * small_scaled_font() copies) with the small font in place of the file.
 * The Cairo face holds a reference to the FreeType face.
 */
static cairo_font_face_t *
stand_in(struct face *f, PangoFont *font, cairo_font_face_t *own)
{
	FcPattern *pat;
	cairo_font_face_t *cf;
	size_t i;

	for (i = 0; i < f->nfaces; i++)
		if (f->from[i] == own)
			return f->to[i];
	if (!PANGO_IS_FC_FONT(font))
		return NULL;
	pat = FcPatternDuplicate(pango_fc_font_get_pattern(PANGO_FC_FONT(font)));
	FcPatternDel(pat, FC_FT_FACE);
	FcPatternAddFTFace(pat, FC_FT_FACE, f->ft);
	cf = cairo_ft_font_face_create_for_pattern(pat);
	FcPatternDestroy(pat);
	FT_Reference_Face(f->ft);
	if (cairo_font_face_set_user_data(cf, &ft_key, f->ft, done_face) !=
	    CAIRO_STATUS_SUCCESS) {
		FT_Done_Face(f->ft);
		cairo_font_face_destroy(cf);
		return NULL;
	}
	f->from = xreallocarray(f->from, f->nfaces + 1, sizeof(*f->from));
	f->to = xreallocarray(f->to, f->nfaces + 1, sizeof(*f->to));
	f->from[f->nfaces] = cairo_font_face_reference(own);
	f->to[f->nfaces++] = cf;
	return cf;
}

/* The stand-in's face for font, or NULL when font has none. */
static struct face *
cut_face(const struct render_fonts *fs, PangoFont *font)
{
	struct face *f;
	hb_face_t *hb;

	if (fs == NULL || (hb = font_hb_face(font)) == NULL)
		return NULL;
	f = face_known(fs, hb, font);
	return f != NULL && f->ft != NULL ? f : NULL;
}

void
render_fonts_free(struct render_fonts *fs)
{
	size_t i, j;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++) {
		struct face *f = &fs->f[i];

		for (j = 0; j < f->nfaces; j++) {
			cairo_font_face_destroy(f->from[j]);
			cairo_font_face_destroy(f->to[j]);
		}
		free(f->from);
		free(f->to);
		if (f->ft != NULL)
			FT_Done_Face(f->ft);
		hb_map_destroy(f->to_new);
		hb_set_destroy(f->glyphs);
		if (f->font != NULL)
			g_object_unref(f->font);
		hb_face_destroy(f->hb);
	}
	free(fs->f);
	free(fs);
}

/* ---- drawing ---- */

/*
 * A PangoRenderer drawing on a Cairo context at an origin.  It draws
 * glyph runs and rectangles (link underlines), all that text.c's
 * attributes make; error underlines and shapes are not drawn.  A run
 * with a glyph no font has goes to Pango with its full font, box and
 * all: correct, but that PDF embeds from the whole CJK face again.
 */
struct text_renderer {
	PangoRenderer		 parent;
	cairo_t			*cr;
	double			 x0, y0;
	struct render_fonts	*fonts;
};

static void
set_part_colour(PangoRenderer *pr, cairo_t *cr, PangoRenderPart part)
{
	PangoColor *c = pango_renderer_get_color(pr, part);
	guint16 a = pango_renderer_get_alpha(pr, part);

	/* no colour of its own: the one the scene item set */
	if (c != NULL)
		cairo_set_source_rgba(cr, c->red / 65535.0,
		    c->green / 65535.0, c->blue / 65535.0,
		    a ? a / 65535.0 : 1.0);
}

/*
 * The clusters of a run for cairo_show_text_glyphs, as Pango's Cairo
 * renderer makes them: glyphs that are not drawn do not count.
 * Returns how many; cl has room for one per glyph.
 */
static int
run_clusters(const char *text, PangoGlyphItem *gi, cairo_text_cluster_t *cl)
{
	PangoGlyphItemIter it;
	const PangoGlyphInfo *g = gi->glyphs->glyphs;
	int backward = gi->item->analysis.level & 1, n = 0, i;

	if (!pango_glyph_item_iter_init_start(&it, gi, text))
		return 0;
	do {
		int ng = backward ? it.start_glyph - it.end_glyph :
		    it.end_glyph - it.start_glyph;

		for (i = MIN(it.start_glyph, it.end_glyph + 1);
		    i < MAX(it.start_glyph + 1, it.end_glyph); i++)
			if (!drawable(g[i].glyph))
				ng--;
		cl[n].num_bytes = it.end_index - it.start_index;
		cl[n].num_glyphs = ng;
		n++;
	} while (pango_glyph_item_iter_next_cluster(&it));
	return n;
}

/* The glyphs of a run placed at (bx, by), numbered in f's small font
 * when f is given.  Returns how many, or -1 when one cannot be drawn
 * that way (no glyph in the font, or not in the small font). */
static int
run_glyphs(PangoGlyphItem *gi, const struct face *f, double bx, double by,
    cairo_glyph_t *out)
{
	const PangoGlyphString *gs = gi->glyphs;
	int i, n = 0, x = 0;

	for (i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];

		if (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return -1;
		if (g->glyph != PANGO_GLYPH_EMPTY) {
			unsigned id = g->glyph;

			if (f != NULL && f->to_new != NULL &&
			    (id = hb_map_get(f->to_new, g->glyph)) ==
			    HB_MAP_VALUE_INVALID)
				return -1;
			out[n].index = id;
			out[n].x = bx + (x + g->geometry.x_offset) /
			    (double)PANGO_SCALE;
			out[n].y = by + g->geometry.y_offset /
			    (double)PANGO_SCALE;
			n++;
		}
		x += g->geometry.width;
	}
	return n;
}

static cairo_scaled_font_t *
small_scaled_font(struct face *f, PangoFont *font, cairo_scaled_font_t *own)
{
	cairo_font_face_t *cf = stand_in(f, font,
	    cairo_scaled_font_get_font_face(own));
	cairo_font_options_t *fo;
	cairo_matrix_t fm, ctm;
	cairo_scaled_font_t *sf;

	if (cf == NULL)
		return NULL;
	fo = cairo_font_options_create();
	cairo_scaled_font_get_font_matrix(own, &fm);
	cairo_scaled_font_get_ctm(own, &ctm);
	cairo_scaled_font_get_font_options(own, fo);
	sf = cairo_scaled_font_create(cf, &fm, &ctm, fo);
	cairo_font_options_destroy(fo);
	/* never NULL, but maybe in error (FreeType refused the cut): that
	 * would put the whole PDF in error, where the full font draws */
	if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_scaled_font_destroy(sf);
		return NULL;
	}
	return sf;
}

static void
draw_glyph_item(PangoRenderer *pr, const char *text, PangoGlyphItem *gi,
    int x, int y)
{
	struct text_renderer *r = (struct text_renderer *)pr;
	PangoFont *font = gi->item->analysis.font;
	struct face *f = cut_face(r->fonts, font);
	cairo_scaled_font_t *own, *sf = NULL;
	cairo_text_cluster_t *cl;
	cairo_glyph_t *g;
	double bx = r->x0 + x / (double)PANGO_SCALE;
	double by = r->y0 + y / (double)PANGO_SCALE;
	int n = 0, nc;

	own = PANGO_IS_CAIRO_FONT(font) ?
	    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : NULL;
	g = xcalloc((size_t)gi->glyphs->num_glyphs + 1, sizeof(*g));
	cl = xcalloc((size_t)gi->glyphs->num_glyphs + 1, sizeof(*cl));
	if (own != NULL && f != NULL &&
	    (n = run_glyphs(gi, f, bx, by, g)) >= 0)
		sf = small_scaled_font(f, font, own);
	if (sf == NULL && own != NULL && (n = run_glyphs(gi, NULL, bx, by,
	    g)) >= 0)
		sf = cairo_scaled_font_reference(own);
	cairo_save(r->cr);
	set_part_colour(pr, r->cr, PANGO_RENDER_PART_FOREGROUND);
	if (sf != NULL) {
		nc = run_clusters(text, gi, cl);
		cairo_set_scaled_font(r->cr, sf);
		cairo_show_text_glyphs(r->cr, text + gi->item->offset,
		    gi->item->length, g, n, cl, nc,
		    (gi->item->analysis.level & 1) ?
		    CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
		cairo_scaled_font_destroy(sf);
	} else {
		/* a glyph missing from every font: Pango draws its box */
		cairo_move_to(r->cr, bx, by);
		pango_cairo_show_glyph_item(r->cr, text, gi);
	}
	cairo_restore(r->cr);
	free(g);
	free(cl);
}

/* Underlines (of links) */
static void
draw_rectangle(PangoRenderer *pr, PangoRenderPart part, int x, int y,
    int w, int h)
{
	struct text_renderer *r = (struct text_renderer *)pr;

	cairo_save(r->cr);
	set_part_colour(pr, r->cr, part);
	cairo_rectangle(r->cr, r->x0 + x / (double)PANGO_SCALE,
	    r->y0 + y / (double)PANGO_SCALE, w / (double)PANGO_SCALE,
	    h / (double)PANGO_SCALE);
	cairo_fill(r->cr);
	cairo_restore(r->cr);
}

static void
text_renderer_class_init(void *klass, void *data)
{
	PangoRendererClass *c = klass;

	(void)data;
	c->draw_glyph_item = draw_glyph_item;
	c->draw_rectangle = draw_rectangle;
}

static GType
text_renderer_type(void)
{
	static gsize t;

	if (g_once_init_enter(&t))
		g_once_init_leave(&t, g_type_register_static_simple(
		    PANGO_TYPE_RENDERER, "RegenTextRenderer",
		    sizeof(PangoRendererClass), text_renderer_class_init,
		    sizeof(struct text_renderer), NULL, 0));
	return (GType)t;
}

static int
run_uses_cut_font(PangoGlyphItem *run, void *fs)
{
	return cut_face(fs, run->item->analysis.font) != NULL;
}

/* Whether l sets any text in a font that has a small stand-in. */
static int
uses_cut_font(struct render_fonts *fs, PangoLayout *l)
{
	return fs != NULL && each_run(l, run_uses_cut_font, fs);
}

void
render_text(cairo_t *cr, PangoLayout *l, double x, double y,
    struct render_fonts *fs)
{
	struct text_renderer *r;

	if (!uses_cut_font(fs, l)) {
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, l);
		return;
	}
	r = g_object_new(text_renderer_type(), NULL);
	r->cr = cr;
	r->fonts = fs;
	/* the origin as Pango's renderer takes it: through Cairo's current
	 * point, which keeps 1/256 of a unit */
	cairo_move_to(cr, x, y);
	cairo_get_current_point(cr, &r->x0, &r->y0);
	pango_renderer_draw_layout(&r->parent, l, 0, 0);
	g_object_unref(r);
}
