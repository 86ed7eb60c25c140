/*
 * text: the font map, the Pango context, measuring and fitting text.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "diag.h"
#include "stamp.h"
#include "text.h"
#include "util.h"

/* The faces regen sets text in; Debian's fonts-noto-core and -cjk. */
static const char *const font_files[] = {
	"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-BoldItalic.ttf",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
	NULL
};

#define FAMILIES "Noto Sans, Noto Sans CJK SC"

/*
 * A measured text: the key is the text with its style, wrap and spans.
 * Its laid-out PangoLayout is kept too, so the lines the layout stage
 * asks for and the drawing of every backend reuse one shaping (shaping
 * and line breaking were a third of the default run's instructions).
 */
struct measured {
	char		*key;		/* NULL: free slot */
	size_t		 keylen;
	uint64_t	 hash;
	struct text_extent e;
	PangoLayout	*layout;	/* one reference; NULL after trim */
	int		 used;		/* since the last trim */
};

struct text_ctx {
	struct buf	 key;		/* the key of the last lookup */
	struct measured	*memo;		/* open addressing, power of 2 */
	size_t		 memo_cap;
	size_t		 memo_n;
	PangoFontMap	*map;
	PangoContext	*pango;
	PangoFontDescription *families;	/* parsed once: FAMILIES */
	PangoLanguage	*lang_en;
	PangoLanguage	*lang_zh;
	int		 missing;
};

/*
 * A fontconfig configuration holding only our faces, or NULL.  It reads
 * the font folders through the system's font caches (built by the font
 * packages): scanning the CJK collection afresh costs ~300 million
 * instructions, most of a short run.  Every other face is rejected, so
 * other installed fonts never change the output.
 */
static FcConfig *
private_config(void)
{
	static const char head[] =
	    "<?xml version=\"1.0\"?>\n<fontconfig>\n"
	    "<dir>/usr/share/fonts/truetype/noto</dir>\n"
	    "<dir>/usr/share/fonts/opentype/noto</dir>\n"
	    "<cachedir>/var/cache/fontconfig</cachedir>\n"
	    "<selectfont><acceptfont>\n";
	/*
	 * Files by glob, then faces by family: of each CJK collection only
	 * the Simplified Chinese face (each holds ten: JP, KR, TC, HK,
	 * Mono...).  Pango 1.50 merges the coverage of every accepted face
	 * for each new font size or weight: with all twenty CJK faces that
	 * was a fifth of a one-chart run.  The empty pattern rejects every
	 * face the families do not name.
	 */
	static const char tail[] =
	    "<pattern><patelt name=\"family\"><string>Noto Sans</string>"
	    "</patelt></pattern>\n"
	    "<pattern><patelt name=\"family\"><string>Noto Sans CJK SC"
	    "</string></patelt></pattern>\n"
	    "</acceptfont><rejectfont><glob>*</glob><pattern></pattern>"
	    "</rejectfont></selectfont>\n</fontconfig>\n";
	FcConfig *cfg;
	FcFontSet *fs;
	struct buf xml;
	size_t i;
	int nfound = 0, j;

	for (i = 0; font_files[i] != NULL; i++)
		if (access(font_files[i], R_OK) != 0) {
			diag_warnx("font %s not found (install fonts-noto-core "
			    "and fonts-noto-cjk); using the system's fonts, "
			    "so output may differ between machines",
			    font_files[i]);
			return NULL;
		}
	buf_init(&xml);
	buf_adds(&xml, head);
	for (i = 0; font_files[i] != NULL; i++)
		buf_printf(&xml, "<glob>%s</glob>\n", font_files[i]);
	buf_adds(&xml, tail);
	if ((cfg = FcConfigCreate()) == NULL) {
		buf_free(&xml);
		return NULL;
	}
	if (!FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)xml.data,
	    FcFalse) || !FcConfigBuildFonts(cfg)) {
		buf_free(&xml);
		FcConfigDestroy(cfg);
		return NULL;
	}
	buf_free(&xml);
	/* every face we name must be there, from cache or scan */
	fs = FcConfigGetFonts(cfg, FcSetSystem);
	for (i = 0; font_files[i] != NULL; i++)
		for (j = 0; fs != NULL && j < fs->nfont; j++) {
			FcChar8 *file;

			if (FcPatternGetString(fs->fonts[j], FC_FILE, 0,
			    &file) == FcResultMatch &&
			    strcmp((const char *)file, font_files[i]) == 0) {
				nfound++;
				break;
			}
		}
	if (nfound != (int)i) {
		FcConfigDestroy(cfg);
		return NULL;
	}
	return cfg;
}

struct text_ctx *
text_ctx_new(void)
{
	struct text_ctx *t = xcalloc(1, sizeof(*t));
	cairo_font_options_t *fo;
	FcConfig *cfg;

	/* Our configuration becomes fontconfig's current one before Pango
	 * starts, so Pango never loads the system's; fontconfig keeps it
	 * reachable until exit (Pango 1.50 would leak a configuration given
	 * to pango_fc_font_map_set_config). */
	if ((cfg = private_config()) != NULL) {
		FcConfigSetCurrent(cfg);
		FcConfigDestroy(cfg);
	}
	t->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	t->pango = pango_font_map_create_context(t->map);
	pango_cairo_context_set_resolution(t->pango, 72);
	/* Vector output wants unhinted metrics and unrounded positions,
	 * and the same measurements must serve PNG too. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(t->pango, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(t->pango, FALSE);
	t->families = pango_font_description_from_string(FAMILIES);
	t->lang_en = pango_language_from_string("en");
	t->lang_zh = pango_language_from_string("zh-cn");
	return t;
}

static void drop_layouts(struct text_ctx *, int);

void
text_ctx_free(struct text_ctx *t)
{
	if (t == NULL)
		return;
	drop_layouts(t, 1);
	for (size_t i = 0; i < t->memo_cap; i++)
		free(t->memo[i].key);
	free(t->memo);
	buf_free(&t->key);
	pango_font_description_free(t->families);
	g_object_unref(t->pango);
	/* drop Pango's caches so the font map, and with it our private
	 * fontconfig configuration, is really freed */
	pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(t->map));
	g_object_unref(t->map);
	free(t);
}

static void
add_span_attrs(PangoAttrList *attrs, const struct text_span *sp)
{
	PangoAttribute *a;

	if (sp->flags & SPAN_BOLD) {
		a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->start_index = (guint)sp->start;
		a->end_index = (guint)sp->end;
		pango_attr_list_insert(attrs, a);
	}
	if (sp->flags & SPAN_ITALIC) {
		a = pango_attr_style_new(PANGO_STYLE_ITALIC);
		a->start_index = (guint)sp->start;
		a->end_index = (guint)sp->end;
		pango_attr_list_insert(attrs, a);
	}
	if (sp->flags & SPAN_LINK) {
		a = pango_attr_foreground_new(
		    ((TEXT_RGB_LINK >> 16) & 0xFF) * 257,
		    ((TEXT_RGB_LINK >> 8) & 0xFF) * 257,
		    (TEXT_RGB_LINK & 0xFF) * 257);
		a->start_index = (guint)sp->start;
		a->end_index = (guint)sp->end;
		pango_attr_list_insert(attrs, a);
		a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
		a->start_index = (guint)sp->start;
		a->end_index = (guint)sp->end;
		pango_attr_list_insert(attrs, a);
	}
}

/* A new layout of s; caller unrefs. */
static PangoLayout *
new_layout(struct text_ctx *t, const char *s, const struct text_span *spans,
    size_t nspans, const struct text_style *st, double wrap)
{
	PangoLayout *l = pango_layout_new(t->pango);
	PangoFontDescription *fd;
	PangoAttrList *attrs;
	size_t i;

	fd = pango_font_description_copy_static(t->families);
	pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
	pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_language_new(
	    st->lang == LANG_ZH ? t->lang_zh : t->lang_en));
	for (i = 0; i < nspans; i++)
		add_span_attrs(attrs, &spans[i]);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	if (st->spacing > 0)
		pango_layout_set_spacing(l, (int)(st->spacing * PANGO_SCALE));
	if (wrap > 0) {
		pango_layout_set_width(l, (int)(wrap * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		if (st->align_right)
			pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	}
	/* plain text, never markup: "&" or "<" in data must show as is */
	pango_layout_set_text(l, s, -1);
	return l;
}

/* The bytes that decide a measurement, into b (emptied first): one
 * buffer for every lookup, copied only when a new text is kept. */
static void
memo_key(struct buf *b, const char *s, const struct text_span *spans,
    size_t nspans, const struct text_style *st, double wrap)
{
	size_t i;

	b->len = 0;
	buf_add(b, &st->size, sizeof(st->size));
	buf_add(b, &st->bold, sizeof(st->bold));
	buf_add(b, &st->lang, sizeof(st->lang));
	buf_add(b, &st->spacing, sizeof(st->spacing));
	buf_add(b, &st->align_right, sizeof(st->align_right));
	buf_add(b, &wrap, sizeof(wrap));
	for (i = 0; i < nspans; i++) {
		buf_add(b, &spans[i].start, sizeof(spans[i].start));
		buf_add(b, &spans[i].end, sizeof(spans[i].end));
		buf_add(b, &spans[i].flags, sizeof(spans[i].flags));
	}
	buf_adds(b, s);
}

static void
memo_grow(struct text_ctx *t)
{
	struct measured *old = t->memo;
	size_t oldcap = t->memo_cap, i, j;

	t->memo_cap = oldcap ? oldcap * 2 : 1024;
	t->memo = xcalloc(t->memo_cap, sizeof(*t->memo));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		for (j = old[i].hash & (t->memo_cap - 1); t->memo[j].key;
		    j = (j + 1) & (t->memo_cap - 1))
			;
		t->memo[j] = old[i];
	}
	free(old);
}

/*
 * The memo entry of s, made on first use: every distinct text, style and
 * wrap is shaped once per run (charts and pages measure the same labels
 * again and again, and every backend draws them).
 */
static struct measured *
memo_get(struct text_ctx *t, const char *s, const struct text_span *spans,
    size_t nspans, const struct text_style *st, double wrap)
{
	struct measured *m;
	PangoRectangle log;
	size_t len, j;
	const char *key;
	uint64_t h;

	memo_key(&t->key, s, spans, nspans, st, wrap);
	key = t->key.data;
	len = t->key.len;
	h = util_hash(UTIL_HASH_SEED, key, len);
	if (t->memo_n * 10 >= t->memo_cap * 7)
		memo_grow(t);
	for (j = h & (t->memo_cap - 1); t->memo[j].key != NULL;
	    j = (j + 1) & (t->memo_cap - 1)) {
		m = &t->memo[j];
		if (m->hash == h && m->keylen == len &&
		    memcmp(m->key, key, len) == 0) {
			if (m->layout == NULL)	/* trimmed: lay out again */
				m->layout = new_layout(t, s, spans, nspans, st,
				    wrap);
			m->used = 1;
			return m;
		}
	}
	m = &t->memo[j];
	m->used = 1;
	m->layout = new_layout(t, s, spans, nspans, st, wrap);
	pango_layout_get_extents(m->layout, NULL, &log);
	m->e.w = (double)log.width / PANGO_SCALE;
	m->e.h = (double)log.height / PANGO_SCALE;
	m->e.baseline = (double)pango_layout_get_baseline(m->layout) /
	    PANGO_SCALE;
	t->missing += pango_layout_get_unknown_glyphs_count(m->layout);
	m->key = xmalloc(len);
	memcpy(m->key, key, len);
	m->keylen = len;
	m->hash = h;
	t->memo_n++;
	return m;
}

struct text_extent
text_measure_spans(struct text_ctx *t, const char *s,
    const struct text_span *spans, size_t nspans, const struct text_style *st,
    double wrap)
{
	return memo_get(t, s, spans, nspans, st, wrap)->e;
}

PangoLayout *
text_layout_spans(struct text_ctx *t, const char *s,
    const struct text_span *spans, size_t nspans, const struct text_style *st,
    double wrap)
{
	return g_object_ref(memo_get(t, s, spans, nspans, st, wrap)->layout);
}

/* Unref the kept layouts: all, or those not used since the last trim. */
static void
drop_layouts(struct text_ctx *t, int all)
{
	size_t i;

	for (i = 0; i < t->memo_cap; i++) {
		if (t->memo[i].layout != NULL && (all || !t->memo[i].used)) {
			g_object_unref(t->memo[i].layout);
			t->memo[i].layout = NULL;
		}
		t->memo[i].used = 0;
	}
}

void
text_ctx_trim(struct text_ctx *t)
{
	/* what this run used stays for the next (a build's charts share
	 * titles, axis labels and notes); the rest goes */
	drop_layouts(t, 0);
}

void
text_lines(struct text_ctx *t, const char *s, const struct text_span *spans,
    size_t nspans, const struct text_style *st, double wrap,
    struct text_lines *out)
{
	PangoLayout *l = memo_get(t, s, spans, nspans, st, wrap)->layout;
	PangoLayoutIter *it;
	PangoRectangle r;
	int n = pango_layout_get_line_count(l), i = 0;

	out->start = xcalloc((size_t)n, sizeof(*out->start));
	out->bottom = xcalloc((size_t)n, sizeof(*out->bottom));
	out->baseline = xcalloc((size_t)n, sizeof(*out->baseline));
	it = pango_layout_get_iter(l);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &r);
		out->start[i] = (size_t)pango_layout_iter_get_index(it);
		out->bottom[i] = (double)(r.y + r.height) / PANGO_SCALE;
		out->baseline[i] = (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		i++;
	} while (i < n && pango_layout_iter_next_line(it));
	out->n = (size_t)i;
	pango_layout_iter_free(it);
}

void
text_lines_free(struct text_lines *tl)
{
	free(tl->start);
	free(tl->bottom);
	free(tl->baseline);
	memset(tl, 0, sizeof(*tl));
}

struct text_span *
text_spans_dup(const struct text_span *sp, size_t n)
{
	struct text_span *d;
	size_t i;

	if (n == 0)
		return NULL;
	d = xcalloc(n, sizeof(*d));
	for (i = 0; i < n; i++) {
		d[i] = sp[i];
		d[i].href = xstrdup(sp[i].href);
	}
	return d;
}

void
text_spans_free(struct text_span *sp, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(sp[i].href);
	free(sp);
}

struct text_extent
text_measure(struct text_ctx *t, const char *s, const struct text_style *st,
    double wrap)
{
	return text_measure_spans(t, s, NULL, 0, st, wrap);
}

char *
text_fit(struct text_ctx *t, const char *s, const struct text_style *st,
    double maxw)
{
	long lo = 0, hi, mid, nchars;
	char *try = NULL, *best;
	size_t nb;

	if (text_measure(t, s, st, 0).w <= maxw)
		return xstrdup(s);
	nchars = g_utf8_strlen(s, -1);
	best = xstrdup("\xe2\x80\xa6");		/* just the ellipsis */
	hi = nchars - 1;
	/* longest prefix that fits with the ellipsis: binary search */
	while (lo <= hi) {
		mid = (lo + hi) / 2;
		nb = (size_t)(g_utf8_offset_to_pointer(s, mid) - s);
		free(try);
		try = xasprintf("%.*s\xe2\x80\xa6", (int)nb, s);
		if (text_measure(t, try, st, 0).w <= maxw) {
			free(best);
			best = try;
			try = NULL;
			lo = mid + 1;
		} else
			hi = mid - 1;
	}
	free(try);
	return best;
}

int
text_missing_glyphs(const struct text_ctx *t)
{
	return t->missing;
}

void
text_cleanup(void)
{
	/* Nothing: FcFini() asserts when Pango still holds cached fonts,
	 * and the configuration we made current stays reachable from
	 * fontconfig until exit, so it is not a leak. */
}

uint64_t
text_fonts_key(uint64_t h)
{
	/* once a process: a build asks for every job */
	static uint64_t fonts;
	static int known;
	size_t i;

	if (!known) {
		fonts = UTIL_HASH_SEED;
		for (i = 0; font_files[i] != NULL; i++)
			fonts = stamp_hash_identity(fonts, font_files[i]);
		known = 1;
	}
	return util_hash(h, &fonts, sizeof(fonts));
}
