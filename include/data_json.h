/*
 * data_json: the JSON layer under the dataset stage (data.h).
 *
 * cJSON keeps no positions and lets through duplicate keys, invalid
 * UTF-8, NUL bytes and trailing garbage.  This layer checks the raw text
 * first (UTF-8, NUL, nesting depth), parses with cJSON, and checks the
 * tree for duplicate keys.  Where every value and key starts, so errors
 * can name line:col, is found by walking the text and the tree together
 * when the first position is asked for.
 */
#ifndef DATA_JSON_H
#define DATA_JSON_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "diag.h"

struct jloc {
	const cJSON	*node;
	size_t		 off;	/* byte offset of the value */
	size_t		 key;	/* byte offset of its key, or of the value */
};

struct jdoc {
	const char	*file;	/* borrowed, for messages */
	const char	*text;	/* borrowed, NUL-terminated */
	size_t		 len;
	cJSON		*root;	/* owned */
	struct jloc	*locs;	/* sorted by node address; owned */
	size_t		 nlocs;
	int		 located;	/* locs made */
};

/* Returns 0 and fills doc, or -1 with errors added to d.  Free with
 * jdoc_free() in both cases. */
int		jdoc_parse(struct jdoc *, const char *file, const char *text,
		    size_t len, struct diags *d);
void		jdoc_free(struct jdoc *);
/* Where a value (its key) starts; the first call indexes the file. */
struct pos	jdoc_pos(struct jdoc *, const cJSON *);
struct pos	jdoc_key_pos(struct jdoc *, const cJSON *);
struct pos	jdoc_offset_pos(const struct jdoc *, size_t off);

#endif
