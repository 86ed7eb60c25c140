/*
 * Unit tests of util: util_hash is xxHash's XXH3 (its published values),
 * spreads keys that differ only in their
 * last bytes over the low bits (the text memo's slots), and the inline
 * buf_add keeps the buffer NUL-terminated as it grows.
 */
#include <stdio.h>

#include "harness.h"

/* The text of key k of kind: a year, a percentage, a tonnage. */
static int
label(char *out, size_t cap, int kind, int k)
{
	switch (kind) {
	case 0:
		return snprintf(out, cap, "%d", 1900 + k);
	case 1:
		return snprintf(out, cap, "%d.%d%%", 190 + k / 10, k % 10);
	default:
		return snprintf(out, cap, "%d.%d Mt", 190 + k / 10, k % 10);
	}
}

/* Distinct slots of a 1024-slot table that 200 keys of kind fall in,
 * each key a 36-byte prefix (as the text memo's style) and a label. */
static int
slots(int kind)
{
	static unsigned char used[1024];
	char key[64];
	int k, distinct = 0;

	memset(used, 0, sizeof(used));
	for (k = 0; k < 200; k++) {
		size_t len;
		uint64_t h;

		memset(key, 'S', 36);
		len = 36 + (size_t)label(key + 36, sizeof(key) - 36, kind, k);
		h = util_hash(UTIL_HASH_SEED, key, len);
		if (!used[h & 1023]) {
			used[h & 1023] = 1;
			distinct++;
		}
	}
	return distinct;
}

/* 200 keys in 1,024 slots fill about 181 at random; a hash whose low
 * bits miss the last bytes filled a few dozen. */
static void
test_hash_low_bits(void **state)
{
	int kind;

	(void)state;
	for (kind = 0; kind < 3; kind++)
		assert_true(slots(kind) >= 160);
}

static void
test_hash_stable(void **state)
{
	static const char a[] = "Rare-earth reserves by country, 2024";
	uint64_t h1 = util_hash(UTIL_HASH_SEED, a, sizeof(a) - 1);

	(void)state;
	assert_true(h1 == util_hash(UTIL_HASH_SEED, a, sizeof(a) - 1));
	assert_true(h1 != util_hash(UTIL_HASH_SEED, a, sizeof(a) - 2));
	assert_true(h1 != util_hash(UTIL_HASH_SEED + 1, a, sizeof(a) - 1));
	assert_true(util_hash(UTIL_HASH_SEED, "", 0) !=
	    util_hash(UTIL_HASH_SEED, "\0", 1));
}

/* XXH3's published 64-bit values, seed 0: util_hash is the real XXH3
 * and not a hash of our own. */
static void
test_hash_is_xxh3(void **state)
{
	(void)state;
	assert_true(UTIL_HASH_SEED == 0);
	assert_true(util_hash(0, "", 0) == 0x2D06800538D394C2ULL);
	assert_true(util_hash(0, "abc", 3) == 0x78AF5F94892F3950ULL);
}

/* Many small adds, across several growths, and adds of nothing. */
static void
test_buf_add(void **state)
{
	struct buf b;
	char want[4000];
	int i;

	(void)state;
	buf_init(&b);
	buf_add(&b, NULL, 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	for (i = 0; i < 1000; i++) {
		buf_add(&b, "abc", 3);
		buf_add(&b, "d", 1);
		buf_add(&b, "", 0);
		memcpy(want + 4 * i, "abcd", 4);
	}
	assert_int_equal(b.len, 4000);
	assert_memory_equal(b.data, want, 4000);
	assert_int_equal(b.data[b.len], '\0');
	assert_true(b.cap > b.len);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_low_bits),
		cmocka_unit_test(test_hash_stable),
		cmocka_unit_test(test_hash_is_xxh3),
		cmocka_unit_test(test_buf_add),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
