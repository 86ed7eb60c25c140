/*
 * render_font: small stand-ins for the fonts a PDF embeds.
 *
 * Before a PDF is drawn, render_fonts_collect() gathers the glyphs its
 * texts use from each font, and render_fonts_build() has HarfBuzz's
 * hb-subset cut each font down to those glyphs, without hinting and
 * with its CFF charstrings flattened (no subroutines).  Cairo then
 * embeds its own subset of that small font, and the glyph numbers are
 * translated.  A cut depends only on the font and the glyphs this PDF
 * uses, so the same input gives the same bytes.  One path for both
 * kinds of font regen sets text in:
 *
 * Noto Sans CJK (CFF).  To embed part of a CFF font, Cairo 1.16 first
 * reads the font's whole CFF table into memory and parses every glyph's
 * entry: about 15 MB per face, read again for every PDF.  A Chinese
 * chart PDF took 86 ms and 83 MB where its SVG took 27 ms and 27 MB;
 * from the cut it takes 33-38 ms and 32 MB.
 *
 * Noto Sans (hinted TrueType).  Its hinting (the fpgm, prep and cvt
 * programs, and instructions in every glyph) fits outlines to a pixel
 * grid at small sizes on screen; embedded, it was 38% of each glyph's
 * bytes plus 4 KB of programs per face, through Cairo's subsetter and
 * zlib, though poppler draws our pages pixel for pixel the same
 * without it (PNGs are drawn from the full font).
 *
 * No subroutines: Cairo 1.16's CFF subsetter decides which subroutines
 * the glyphs it embeds call and turns every other one into a bare
 * "return".  On a cut that kept Noto Sans CJK's subroutines it judged
 * one that the glyph of U+5982 (如) calls unused, and poppler drew that
 * character blank in the Chinese briefing.  A flattened font gives it
 * nothing to get wrong.
 *
 * Shaping is untouched: Pango laid the text out with the full font and
 * the outlines are the same.  A text that uses a stand-in is drawn by a
 * PangoRenderer of ours that does what Pango's Cairo renderer does
 * (text clusters, so the PDF keeps the text; colours; underlines);
 * every other text is drawn by Pango as before.
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

/* One font file (face) met in the texts of a PDF. */
struct face {
	hb_face_t		*hb;		/* Pango's; one reference */
	PangoFont		*font;		/* one that uses it, a reference;
						   NULL: not cut */
	hb_set_t		*glyphs;	/* used, in the full font */
	hb_map_t		*to_new;	/* full -> small glyph ids */
	FT_Face			 ft;		/* the stand-in, or NULL */
	/* Cairo faces made on it, one per Pango face (options differ);
	   one reference each to from[i] and to[i] */
	cairo_font_face_t	**from, **to;
	size_t			 nfaces;
};

/* The faces of one PDF, or the cuts a font map keeps. */
struct render_fonts {
	struct face		*f;
	size_t			 n;
};

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

static int
has_table(hb_face_t *hb, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(hb, tag);
	unsigned len = hb_blob_get_length(b);

	hb_blob_destroy(b);
	return len > 0;
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
 * Whether hb (font's) can be cut: a TrueType or CFF font drawn through
 * FreeType.  Not a variable font: the cut would be at its default
 * instance, where Cairo's face may be at another (only the system's
 * fonts, used when the bundled ones are missing, may be variable).  Not
 * a "tricky" font either (FreeType's word for old CJK fonts whose
 * hinting instructions build the outlines).
 */
static int
cuttable(hb_face_t *hb, PangoFont *font)
{
	cairo_scaled_font_t *sf;
	FT_Face ft;
	int tricky;

	if ((!has_table(hb, HB_TAG('g', 'l', 'y', 'f')) &&
	    !has_table(hb, HB_TAG('C', 'F', 'F', ' '))) ||
	    has_table(hb, HB_TAG('f', 'v', 'a', 'r')) ||
	    (ft = lock_ft_face(font, &sf)) == NULL)
		return 0;
	tricky = FT_IS_TRICKY(ft);
	cairo_ft_scaled_font_unlock_face(sf);
	return !tricky;
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

/* The face record of hb (of font) for this PDF, made on first use. */
static struct face *
face_get(struct render_fonts *fs, hb_face_t *hb, PangoFont *font)
{
	struct face *f;

	if ((f = face_find(fs, hb)) != NULL)
		return f;
	f = face_add(fs, hb);
	if (cuttable(hb, font)) {
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
	    (f = face_get(fs, hb, run->item->analysis.font))->font == NULL)
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

/* FreeType's finalizer of a small font: the bytes it was read from. */
static void
free_blob(void *face)
{
	hb_blob_destroy(((FT_Face)face)->generic.data);
}

/*
 * The tables of the full font that the cut is made from, less those it
 * does not need: the layout tables (Pango shaped the text with the
 * full font) and the character map.  Given glyphs, hb-subset 6.0 first
 * reads the whole character map (44,000 entries in Noto Sans CJK), 4 ms
 * each time.  Cairo takes a glyph's text for the PDF's ToUnicode map
 * from the cluster it is drawn in when that is one glyph (all of
 * regen's Chinese, and Latin ligatures); for any other glyph it looks
 * in the font's character map, finds nothing in the cut, and the text
 * stays only in the /ActualText Cairo writes around such clusters.
 */
static hb_blob_t *
source_table(hb_face_t *self, hb_tag_t tag, void *full)
{
	(void)self;
	switch (tag) {
	case HB_TAG('c', 'm', 'a', 'p'):
	case HB_TAG('G', 'S', 'U', 'B'):
	case HB_TAG('G', 'P', 'O', 'S'):
	case HB_TAG('G', 'D', 'E', 'F'):
	case HB_TAG('B', 'A', 'S', 'E'):
		return hb_blob_get_empty();
	}
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

/* Cut f down to its glyphs (see the top of this file); on failure f
 * keeps drawing from the full font (same look, bigger PDF). */
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
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    HB_SUBSET_FLAGS_DESUBROUTINIZE);
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

/* Where a font map keeps cuts of its faces (GObject data). */
#define CUTS_KEY	"regen-font-cuts"

static void
free_cuts(void *fs)
{
	render_fonts_free(fs);
}

/* The cuts kept of the faces of font's font map, made on first
 * use; NULL when font has no font map. */
static struct render_fonts *
kept_cuts(PangoFont *font)
{
	PangoFontMap *map = pango_font_get_font_map(font);
	struct render_fonts *fs;

	if (map == NULL)
		return NULL;
	if ((fs = g_object_get_data(G_OBJECT(map), CUTS_KEY)) == NULL) {
		fs = render_fonts_new();
		g_object_set_data_full(G_OBJECT(map), CUTS_KEY, fs, free_cuts);
	}
	return fs;
}

/* Cuts a font map keeps of each face: a batch's PDFs alternate
 * between a few sets of glyphs (a digit more or less). */
#define KEPT_CUTS	4

/* Give to (a face with no cut yet) a new reference to each part of the
 * cut from. */
static void
share_cut(struct face *to, const struct face *from)
{
	to->to_new = hb_map_reference(from->to_new);
	FT_Reference_Face(to->ft = from->ft);
	if (to->glyphs == NULL)
		to->glyphs = hb_set_copy(from->glyphs);
}

/* The kept cut of f's face made of f's glyphs, or NULL. */
static const struct face *
kept_cut(const struct render_fonts *cuts, const struct face *f)
{
	size_t i;

	for (i = 0; i < cuts->n; i++)
		if (cuts->f[i].hb == f->hb &&
		    hb_set_is_equal(cuts->f[i].glyphs, f->glyphs))
			return &cuts->f[i];
	return NULL;
}

/* Keep f's new cut, in place of the oldest of its face's when there
 * are KEPT_CUTS of them. */
static void
keep_cut(struct render_fonts *cuts, const struct face *f)
{
	size_t i, n = 0, oldest = 0;

	for (i = cuts->n; i-- > 0; )
		if (cuts->f[i].hb == f->hb) {
			oldest = i;
			n++;
		}
	if (n >= KEPT_CUTS) {
		struct face *o = &cuts->f[oldest];

		hb_face_destroy(o->hb);
		hb_set_destroy(o->glyphs);
		hb_map_destroy(o->to_new);
		FT_Done_Face(o->ft);
		memmove(o, o + 1, (cuts->n - oldest - 1) * sizeof(*o));
		cuts->n--;
	}
	share_cut(face_add(cuts, f->hb), f);
}

/*
 * Cut each face of this PDF, or take a cut its font map kept from an
 * earlier PDF made of the same glyphs: a cut depends only on the face
 * and the glyphs, so the bytes are the same either way.  1,000 chart
 * PDFs in one build (the batch of make bench), 5 runs each in one
 * sitting: 0.96-1.53 s with the hand-written unhinted copies this
 * replaced, 1.42-2.66 s cutting each face for each PDF (+40-75%), and
 * 0.98-1.47 s with the cuts kept.
 */
void
render_fonts_build(struct render_fonts *fs)
{
	struct render_fonts *cuts;
	const struct face *c;
	struct face *f;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		f = &fs->f[i];
		if (f->font == NULL || hb_set_is_empty(f->glyphs))
			continue;
		cuts = kept_cuts(f->font);
		if (cuts != NULL && (c = kept_cut(cuts, f)) != NULL) {
			share_cut(f, c);
			continue;
		}
		face_cut(f);
		if (cuts != NULL && f->ft != NULL)
			keep_cut(cuts, f);
	}
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
	f = face_find(fs, hb);
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

			if (f != NULL && (id = hb_map_get(f->to_new,
			    g->glyph)) == HB_MAP_VALUE_INVALID)
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
