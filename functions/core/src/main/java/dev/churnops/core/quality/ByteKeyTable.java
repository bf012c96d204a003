package dev.churnops.core.quality;

import java.util.Arrays;

/**
 * A hash table from keys that are byte ranges of one file (one range per key part) to a long, for
 * the per-row lookups of {@link EventValidator}: no string is made for a key, and a key's bytes are
 * compared where they lie in the file. Open addressing with linear probing; grows at half full.
 */
final class ByteKeyTable {

    private final byte[] raw;
    private final int parts;
    /** Pairs of (entry + 1, hash), 0 = empty: a probe reads the hash beside the entry, in the same cache line. */
    private int[] slots = new int[2048];
    private int[] hashes = new int[256];
    private int[] ranges;
    private long[] values = new long[256];
    private int size;

    ByteKeyTable(byte[] raw, int parts) {
        this.raw = raw;
        this.parts = parts;
        this.ranges = new int[256 * parts * 2];
    }

    /** The hash of a key whose part {@code p} is {@code raw[from[p], to[p])}. */
    int hash(int[] from, int[] to) {
        int h = 1;
        for (int p = 0; p < parts; p++) {
            for (int i = from[p]; i < to[p]; i++) {
                h = 31 * h + raw[i];
            }
            h = 31 * h + 0x1F;
        }
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    /** The entry of the key, or -1 when absent. */
    int find(int hash, int[] from, int[] to) {
        int mask = (slots.length >> 1) - 1;
        for (int s = hash & mask; ; s = (s + 1) & mask) {
            int entry = slots[2 * s] - 1;
            if (entry < 0) {
                return -1;
            }
            if (slots[2 * s + 1] == hash && sameKey(entry, from, to)) {
                return entry;
            }
        }
    }

    long value(int entry) {
        return values[entry];
    }

    /** Adds a key known to be absent. */
    void add(int hash, int[] from, int[] to, long value) {
        if (size == hashes.length) {
            int capacity = size * 2;
            hashes = Arrays.copyOf(hashes, capacity);
            values = Arrays.copyOf(values, capacity);
            ranges = Arrays.copyOf(ranges, capacity * parts * 2);
        }
        if ((size + 1) * 4 > slots.length) {
            rehash(slots.length * 2);
        }
        int entry = size++;
        hashes[entry] = hash;
        values[entry] = value;
        for (int p = 0; p < parts; p++) {
            ranges[(entry * parts + p) * 2] = from[p];
            ranges[(entry * parts + p) * 2 + 1] = to[p];
        }
        place(entry);
    }

    private void place(int entry) {
        int mask = (slots.length >> 1) - 1;
        int s = hashes[entry] & mask;
        while (slots[2 * s] != 0) {
            s = (s + 1) & mask;
        }
        slots[2 * s] = entry + 1;
        slots[2 * s + 1] = hashes[entry];
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int entry = 0; entry < size; entry++) {
            place(entry);
        }
    }

    private boolean sameKey(int entry, int[] from, int[] to) {
        for (int p = 0; p < parts; p++) {
            int start = ranges[(entry * parts + p) * 2];
            int end = ranges[(entry * parts + p) * 2 + 1];
            // Keys are short ids: a plain loop beats the set-up of a vectorised comparison.
            if (end - start != to[p] - from[p]) {
                return false;
            }
            for (int i = start, j = from[p]; i < end; i++, j++) {
                if (raw[i] != raw[j]) {
                    return false;
                }
            }
        }
        return true;
    }
}
