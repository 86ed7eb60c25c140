/*
 * render_pdf: what Cairo 1.16 cannot write into a PDF, added afterwards
 * as an incremental update (new versions of a few objects and a new
 * cross-reference section appended; no byte Cairo wrote is changed):
 *
 *  - /Lang and /MarkInfo << /Marked true >> in the catalog, so the
 *    structure tags make a tagged PDF;
 *  - /Alt on every Figure structure element (the chart's summary);
 *  - the "D:" prefix Cairo 1.16 leaves off /CreationDate and /ModDate.
 *
 * It reads Cairo's output the way Cairo 1.16 writes it: a classic
 * cross-reference table and trailer, each object "\nN 0 obj\n<< ...
 * >>\nendobj", the structure elements uncompressed with "/S /Figure\n"
 * in the order the Figures were drawn.  That layout is Cairo's own and
 * may change in any release, so no PDF is ever left untagged in silence:
 *
 *  - the patch runs only with the Cairo series it was written for, at
 *    build time and at run time (render_pdf_cairo_check: on another,
 *    regen writes no PDF and says how to go on);
 *  - anything it looks for and does not find is an error naming it
 *    (exit 70, no file written), never a PDF passed on unpatched;
 *  - tests/unit/test_pdf.c patches a PDF Cairo 1.16 wrote
 *    (tests/data/cairo-1.16-tagged.pdf) and damaged copies of it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"

/* Offset of needle in hay[from..n), or (size_t)-1. */
static size_t
find(const char *hay, size_t n, const char *needle, size_t from)
{
	size_t k = strlen(needle), i;
	const char *p;

	for (i = from; k <= n && i + k <= n; i++) {
		/* memchr skips to the next candidate many bytes at a time */
		if ((p = memchr(hay + i, needle[0], n - k + 1 - i)) == NULL)
			break;
		i = (size_t)(p - hay);
		if (memcmp(p, needle, k) == 0)
			return i;
	}
	return (size_t)-1;
}

/* The last occurrence of needle, or (size_t)-1. */
static size_t
rfind(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (memcmp(hay + i, needle, k) == 0)
			return i;
	return (size_t)-1;
}

/* The dictionary text of object num ("<< ... >>"), copied; or NULL. */
static char *
object_dict(const struct buf *pdf, long num)
{
	char head[32];
	size_t at, end, close;

	snprintf(head, sizeof(head), "\n%ld 0 obj\n", num);
	if ((at = find(pdf->data, pdf->len, head, 0)) == (size_t)-1)
		return NULL;
	at += strlen(head);
	if (strncmp(pdf->data + at, "<<", 2) != 0)
		return NULL;
	if ((end = find(pdf->data, pdf->len, "\nendobj", at)) == (size_t)-1)
		return NULL;
	if ((close = rfind(pdf->data + at, end - at, ">>")) == (size_t)-1)
		return NULL;
	return xasprintf("%.*s", (int)(close + 2), pdf->data + at);
}

/* The number of the object the byte at off belongs to, or -1. */
static long
object_at(const struct buf *pdf, size_t off)
{
	size_t i = off;

	while (i > 0) {
		i--;
		if (pdf->data[i] == '\n' && i + 1 < off &&
		    find(pdf->data + i + 1, off - i - 1, " 0 obj\n", 0) !=
		    (size_t)-1)
			return strtol(pdf->data + i + 1, NULL, 10);
	}
	return -1;
}

/* d without its final ">>", then extra, then ">>"; caller frees. */
static char *
dict_add(const char *d, const char *extra)
{
	size_t n = strlen(d);

	return xasprintf("%.*s%s\n>>", (int)(n - 2), d, extra);
}

/* A PDF text string in UTF-16BE hex, as the standard wants for any
 * text beyond ASCII.  Caller frees. */
static char *
pdf_text(const char *s)
{
	struct buf b;
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;

	buf_init(&b);
	buf_adds(&b, "<FEFF");
	while (*u) {
		if (*u < 0x80)
			cp = *u++;
		else if ((*u & 0xE0) == 0xC0 && u[1])
			cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu), u += 2;
		else if ((*u & 0xF0) == 0xE0 && u[1] && u[2])
			cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
			    (u[2] & 0x3Fu), u += 3;
		else if ((*u & 0xF8) == 0xF0 && u[1] && u[2] && u[3])
			cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
			    ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu), u += 4;
		else {
			cp = 0xFFFD;
			u++;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_printf(&b, "%04X%04X", 0xD800 + (cp >> 10),
			    0xDC00 + (cp & 0x3FF));
		} else
			buf_printf(&b, "%04X", cp);
	}
	buf_adds(&b, ">");
	return buf_release(&b);
}

/* "(2026...)" -> "(D:2026...)" for one date key of an Info dictionary
 * (*d is replaced).  Returns 0, also when the key is absent or already
 * has its D:, or -1 when the value is not such a string. */
static int
fix_date(char **d, const char *key)
{
	char *at = strstr(*d, key), *r;
	size_t off;

	if (at == NULL)
		return 0;
	off = (size_t)(at - *d) + strlen(key);
	if (strncmp(*d + off, " (D:", 4) == 0)
		return 0;
	if (strncmp(*d + off, " (", 2) != 0 || (*d)[off + 2] < '0' ||
	    (*d)[off + 2] > '9')
		return -1;
	r = xasprintf("%.*s (D:%s", (int)off, *d, *d + off + 2);
	free(*d);
	*d = r;
	return 0;
}

/* The Cairo series whose PDF layout the patch is written for, and checked
 * against (tests/unit/test_pdf.c patches a PDF Cairo 1.16 wrote): from
 * 1.16.0 up to, not including, 1.17.0. */
#define PATCH_CAIRO_FROM	CAIRO_VERSION_ENCODE(1, 16, 0)
#define PATCH_CAIRO_UNTIL	CAIRO_VERSION_ENCODE(1, 17, 0)

static int
patch_series(int v)
{
	return v >= PATCH_CAIRO_FROM && v < PATCH_CAIRO_UNTIL;
}

/* "1.16.0" for CAIRO_VERSION_ENCODE(1, 16, 0); caller frees. */
static char *
version_name(int v)
{
	return xasprintf("%d.%d.%d", v / 10000, v / 100 % 100, v % 100);
}

/*
 * On another Cairo the patch refuses: a Cairo that lays its PDF out
 * otherwise would have it fail on every file, or worse, find look-alike
 * bytes; and writing the PDF untagged with a warning would let a CI job,
 * which reads exit codes and not stderr, ship briefings without their
 * language or alt text.  The message says how to go on.
 */
int
render_pdf_cairo_check(int built, int running, char **err)
{
	char *b, *r;

	if (patch_series(built) && patch_series(running))
		return 0;
	b = version_name(built);
	r = version_name(running);
	*err = xasprintf("regen's PDF tagging (gen/render_pdf.c) is written "
	    "for Cairo 1.16, and this regen %s Cairo %s%s%s%s; no PDF is "
	    "written rather than one without /Lang, /MarkInfo and alt text: "
	    "leave pdf out of --format (formats= in a manifest), or port "
	    "gen/render_pdf.c to this Cairo (tests/unit/test_pdf.c)",
	    patch_series(built) ? "runs with" : "was built with",
	    patch_series(built) ? r : b,
	    patch_series(built) ? " (built with " : "",
	    patch_series(built) ? b : "", patch_series(built) ? ")" : "");
	free(b);
	free(r);
	return -1;
}

/* Sets *err to say that what was not found, and returns -1. */
static int
not_found(char **err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
not_found(char **err, const char *fmt, ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	*err = xasprintf("Cairo's PDF is not laid out as the tagging in "
	    "gen/render_pdf.c expects (%s), so it cannot have /Lang, "
	    "/MarkInfo and alt text and is not written", what);
	free(what);
	return -1;
}

/* What the last trailer says, and where it and startxref are. */
struct trailer {
	size_t	 at;	/* offset of "\ntrailer\n" */
	long	 size;	/* /Size */
	long	 root;	/* /Root: the catalog */
	long	 info;	/* /Info */
	long	 prev;	/* startxref: the offset of the xref section */
};

/* The number after key in the trailer at t, or -1. */
static long
trailer_key(const struct buf *pdf, size_t t, const char *key)
{
	size_t at = find(pdf->data + t, pdf->len - t, key, 0);

	return at == (size_t)-1 ? -1 :
	    strtol(pdf->data + t + at + strlen(key), NULL, 10);
}

static int
read_trailer(const struct buf *pdf, struct trailer *tr, char **err)
{
	size_t sx;

	if ((tr->at = rfind(pdf->data, pdf->len, "\ntrailer\n")) ==
	    (size_t)-1)
		return not_found(err, "no \"trailer\"");
	if ((sx = rfind(pdf->data, pdf->len, "\nstartxref\n")) ==
	    (size_t)-1 || sx < tr->at)
		return not_found(err, "no \"startxref\" after the trailer");
	tr->size = trailer_key(pdf, tr->at, "/Size ");
	tr->root = trailer_key(pdf, tr->at, "/Root ");
	tr->info = trailer_key(pdf, tr->at, "/Info ");
	tr->prev = strtol(pdf->data + sx + 11, NULL, 10);
	if (tr->size <= 0 || tr->root <= 0 || tr->info <= 0)
		return not_found(err, "no /Size, /Root or /Info in the "
		    "trailer");
	if (tr->prev <= 0 || (size_t)tr->prev >= tr->at ||
	    strncmp(pdf->data + tr->prev, "xref\n", 5) != 0)
		return not_found(err, "startxref does not point at an xref "
		    "table");
	return 0;
}

/* New versions of objects, appended as the update. */
struct update {
	struct {
		long	 num;
		char	*dict;
	}	*obj;
	size_t	 n;
};

static void
update_add(struct update *u, long num, char *dict)
{
	u->obj = xreallocarray(u->obj, u->n + 1, sizeof(*u->obj));
	u->obj[u->n].num = num;
	u->obj[u->n++].dict = dict;
}

/* The catalog with the language and, for tagged pages, "this is a tagged
 * PDF". */
static int
patch_catalog(const struct buf *pdf, const struct trailer *tr,
    const char *lang, int tagged, struct update *u, char **err)
{
	char *d, *extra;
	int marked;

	if ((d = object_dict(pdf, tr->root)) == NULL ||
	    strstr(d, "/Type /Catalog") == NULL) {
		free(d);
		return not_found(err, "no catalog, object %ld", tr->root);
	}
	marked = strstr(d, "/StructTreeRoot ") != NULL;
	if (tagged && !marked) {
		free(d);
		return not_found(err, "no /StructTreeRoot in the catalog of "
		    "tagged pages");
	}
	extra = xasprintf("\n   /Lang (%s)%s", lang, marked ?
	    "\n   /MarkInfo << /Marked true >>" : "");
	update_add(u, tr->root, dict_add(d, extra));
	free(extra);
	free(d);
	return 0;
}

/* The Info dictionary with its dates' D: prefix. */
static int
patch_info(const struct buf *pdf, const struct trailer *tr,
    struct update *u, char **err)
{
	char *d;

	if ((d = object_dict(pdf, tr->info)) == NULL ||
	    strstr(d, "/Producer (cairo ") == NULL) {
		free(d);
		return not_found(err, "no Info dictionary, object %ld",
		    tr->info);
	}
	if (fix_date(&d, "/CreationDate") == -1 ||
	    fix_date(&d, "/ModDate") == -1) {
		free(d);
		return not_found(err, "a date in the Info dictionary is not "
		    "\"(YYYYMMDD...)\"");
	}
	update_add(u, tr->info, d);
	return 0;
}

/* How Cairo 1.16 writes the type of a Figure structure element. */
#define FIGURE	"/S /Figure\n"

/* The number of Figure structure elements before the trailer. */
static size_t
count_figures(const struct buf *pdf, const struct trailer *tr)
{
	size_t at, from, n = 0;

	for (from = 0; (at = find(pdf->data, tr->at, FIGURE,
	    from)) != (size_t)-1; from = at + 1)
		n++;
	return n;
}

/* The structure element around the Figure tag at at, with /Alt alt. */
static int
patch_figure(const struct buf *pdf, size_t at, const char *alt,
    struct update *u)
{
	long num = object_at(pdf, at);
	char *d, *t, *extra;

	if (num <= 0 || alt == NULL || (d = object_dict(pdf, num)) == NULL)
		return -1;
	if (strstr(d, "/Type /StructElem") == NULL) {
		free(d);
		return -1;
	}
	t = pdf_text(alt);
	extra = xasprintf("\n   /Alt %s", t);
	update_add(u, num, dict_add(d, extra));
	free(extra);
	free(t);
	free(d);
	return 0;
}

/* Every Figure with its alt text: alts[i] for the i-th Figure in the
 * file, which is the order they were drawn. */
static int
patch_figures(const struct buf *pdf, const struct trailer *tr,
    const char *const *alts, size_t nalts, struct update *u, char **err)
{
	size_t at, from, k, n = count_figures(pdf, tr);

	if (n != nalts)
		return not_found(err, "Figure structure elements: %zu, "
		    "charts drawn: %zu", n, nalts);
	for (from = 0, k = 0; k < n; from = at + 1, k++) {
		at = find(pdf->data, tr->at, FIGURE, from);
		if (patch_figure(pdf, at, alts[k], u) == -1)
			return not_found(err, "Figure %zu of %zu is not a "
			    "structure element with alt text", k + 1, n);
	}
	return 0;
}

/* Append the new versions, their cross-reference section and a trailer
 * pointing back at Cairo's. */
static void
append_update(struct buf *pdf, const struct trailer *tr,
    const struct update *u)
{
	size_t *offs = xcalloc(u->n + 1, sizeof(*offs)), i, xref;

	for (i = 0; i < u->n; i++) {
		offs[i] = pdf->len;
		buf_printf(pdf, "%ld 0 obj\n%s\nendobj\n", u->obj[i].num,
		    u->obj[i].dict);
	}
	xref = pdf->len;
	buf_adds(pdf, "xref\n");
	for (i = 0; i < u->n; i++)
		buf_printf(pdf, "%ld 1\n%010zu 00000 n \n", u->obj[i].num,
		    offs[i]);
	free(offs);
	buf_printf(pdf, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n"
	    "   /Info %ld 0 R\n   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n",
	    tr->size, tr->root, tr->info, tr->prev, xref);
}

int
render_pdf_patch(struct buf *pdf, const char *lang, int tagged,
    const char *const *alts, size_t nalts, char **err)
{
	struct update u = { NULL, 0 };
	struct trailer tr = { 0 };
	size_t i;
	int rc = -1;

	*err = NULL;
	if (read_trailer(pdf, &tr, err) == -1 ||
	    patch_catalog(pdf, &tr, lang, tagged, &u, err) == -1 ||
	    patch_info(pdf, &tr, &u, err) == -1 ||
	    patch_figures(pdf, &tr, alts, nalts, &u, err) == -1)
		goto out;
	append_update(pdf, &tr, &u);
	rc = 0;
out:
	for (i = 0; i < u.n; i++)
		free(u.obj[i].dict);
	free(u.obj);
	return rc;
}
