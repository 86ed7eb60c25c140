/*
 * render_font: small stand-ins for the large CFF fonts a PDF embeds.
 *
 * To embed a subset of a CFF font, Cairo 1.16 first reads the font's
 * whole CFF table into memory and parses every glyph's entry: for Noto
 * Sans CJK that is about 15 MB per face, read again for every PDF.  A
 * Chinese chart PDF took 86 ms and 83 MB where its SVG took 27 ms and
 * 27 MB; with the stand-ins below it takes 33-38 ms and 36 MB.
 *
 * So before a PDF is drawn, render_fonts_collect() gathers the glyphs
 * its texts use from each such font, and render_fonts_build() has
 * HarfBuzz cut each font down to those glyphs (hb-subset, which reads
 * only the parts it keeps).  Cairo then embeds its subset of the small
 * font.  Shaping is untouched: Pango laid the text out with the full
 * font and only the glyph numbers are translated.  The outlines are the
 * same, and the subset depends only on the glyphs this PDF uses, so the
 * same input still gives the same bytes.
 *
 * A text that uses such a font is drawn by a PangoRenderer of ours that
 * does what Pango's Cairo renderer does (text clusters, so the PDF
 * keeps the text; colours; underlines) with the small font's glyphs.
 * Every other text is drawn by Pango as before.
 */
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
	hb_set_t		*glyphs;	/* used, in the full font */
	hb_map_t		*to_new;	/* full -> small glyph ids */
	FT_Face			 ft;		/* the small font */
	/* Cairo faces made on it, one per Pango face (options differ);
	   one reference each to from[i] and to[i] */
	cairo_font_face_t	**from, **to;
	size_t			 nfaces;
};

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

static struct face *
face_get(struct render_fonts *fs, hb_face_t *hb)
{
	struct face *f = face_find(fs, hb);
	hb_blob_t *cff;

	if (f != NULL)
		return f;
	fs->f = xreallocarray(fs->f, fs->n + 1, sizeof(*fs->f));
	f = &fs->f[fs->n++];
	memset(f, 0, sizeof(*f));
	f->hb = hb_face_reference(hb);	/* the key must stay this face */
	cff = hb_face_reference_table(hb, HB_TAG('C', 'F', 'F', ' '));
	f->big = hb_blob_get_length(cff) >= BIG_CFF;
	hb_blob_destroy(cff);
	if (f->big)
		f->glyphs = hb_set_create();
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

	if (hb == NULL || !(f = face_get(fs, hb))->big)
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
	switch (tag) {
	case HB_TAG('c', 'm', 'a', 'p'):
	case HB_TAG('G', 'S', 'U', 'B'):
	case HB_TAG('G', 'P', 'O', 'S'):
	case HB_TAG('G', 'D', 'E', 'F'):
	case HB_TAG('B', 'A', 'S', 'E'):
		return hb_blob_get_empty();
	default:
		return hb_face_reference_table(full, tag);
	}
}

static void
unref_face(void *hb)
{
	hb_face_destroy(hb);
}

/* Cut f down to its glyphs; on failure f keeps drawing from the full
 * font (slower, same look). */
static void
face_cut(struct face *f)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan;
	hb_face_t *src, *small;
	hb_blob_t *blob;

	if (in == NULL)
		return;
	hb_set_union(hb_subset_input_glyph_set(in), f->glyphs);
	src = hb_face_create_for_tables(source_table, hb_face_reference(f->hb),
	    unref_face);
	plan = hb_subset_plan_create_or_fail(src, in);
	hb_face_destroy(src);	/* the plan holds it */
	hb_subset_input_destroy(in);
	if (plan == NULL)
		return;
	small = hb_subset_plan_execute_or_fail(plan);
	blob = small ? hb_face_reference_blob(small) : NULL;
	hb_face_destroy(small);
	if (blob == NULL || (ft_lib == NULL && FT_Init_FreeType(&ft_lib) != 0) ||
	    FT_New_Memory_Face(ft_lib,
	    (const FT_Byte *)hb_blob_get_data(blob, NULL),
	    (FT_Long)hb_blob_get_length(blob), 0, &f->ft) != 0) {
		f->ft = NULL;
		hb_blob_destroy(blob);
		hb_subset_plan_destroy(plan);
		return;
	}
	f->ft->generic.data = blob;
	f->ft->generic.finalizer = free_blob;
	f->to_new = hb_map_copy(hb_subset_plan_old_to_new_glyph_mapping(plan));
	hb_subset_plan_destroy(plan);
	/* every glyph the map names must be in the font FreeType read */
	if ((unsigned)f->ft->num_glyphs < hb_map_get_population(f->to_new)) {
		FT_Done_Face(f->ft);	/* and its blob */
		f->ft = NULL;
	}
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

/* The small font's face for font, or NULL when font has none. */
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

			if (f != NULL &&
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
	return fs != NULL && fs->n > 0 && each_run(l, run_uses_cut_font, fs);
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
