package dev.churnops.core.features;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Customers by id, found straight from the id's bytes in a CSV row (open addressing), so a row's
 * customer is looked up without making a String; the id-ordered array is cached until a customer
 * is added.
 */
final class CustomerIndex {

    private FeatureState.Customer[] table = new FeatureState.Customer[1024];
    private int size;
    private FeatureState.Customer[] sorted;
    /** Free bucket arrays of this shard's customers. */
    private final BucketArrays arrays = new BucketArrays();

    BucketArrays arrays() {
        return arrays;
    }

    int size() {
        return size;
    }

    static int hash(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        // Ids like c1, c2, c3 hash to neighbours; spread them, or linear probing walks long runs.
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    /** The customer with id {@code b[from, to)}, whose {@link #hash} is {@code h}; made when new. */
    FeatureState.Customer getOrCreate(byte[] b, int from, int to, int h) {
        int mask = table.length - 1;
        int i = h & mask;
        while (true) {
            FeatureState.Customer c = table[i];
            if (c == null) {
                if (from == to) {
                    throw new IllegalArgumentException("customer_id is empty: expected an id");
                }
                byte[] id = Arrays.copyOfRange(b, from, to);
                FeatureState.Customer created = new FeatureState.Customer(id, h);
                insert(created);
                return created;
            }
            if (c.hash == h && same(c.idBytes, b, from, to)) {
                return c;
            }
            i = (i + 1) & mask;
        }
    }

    /** The customer in the home slot of {@code h}, if any (maybe another one): a load that brings it into the cache early. */
    FeatureState.Customer peek(int h) {
        return table[h & (table.length - 1)];
    }

    private static boolean same(byte[] id, byte[] b, int from, int to) {
        // Ids are short: a plain loop beats the vectorised mismatch's setup.
        if (id.length != to - from) {
            return false;
        }
        for (int i = 0; i < id.length; i++) {
            if (id[i] != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    FeatureState.Customer get(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        int h = hash(b, 0, b.length);
        int mask = table.length - 1;
        for (int i = h & mask; table[i] != null; i = (i + 1) & mask) {
            if (table[i].hash == h && Arrays.equals(table[i].idBytes, b)) {
                return table[i];
            }
        }
        return null;
    }

    void add(FeatureState.Customer c) {
        insert(c);
    }

    private void insert(FeatureState.Customer c) {
        if ((size + 1) * 2 > table.length) {
            FeatureState.Customer[] old = table;
            table = new FeatureState.Customer[old.length * 2];
            for (FeatureState.Customer o : old) {
                if (o != null) {
                    place(o);
                }
            }
        }
        place(c);
        size++;
        sorted = null;
    }

    private void place(FeatureState.Customer c) {
        int mask = table.length - 1;
        int i = c.hash & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = c;
    }

    /** The open-addressing table itself (empty slots null), for walks that load several customers ahead. */
    FeatureState.Customer[] table() {
        return table;
    }

    /** Every customer in id order (by UTF-8 bytes, unsigned), cached until one is added. */
    FeatureState.Customer[] sorted() {
        if (sorted == null) {
            FeatureState.Customer[] all = new FeatureState.Customer[size];
            int n = 0;
            for (FeatureState.Customer c : table) {
                if (c != null) {
                    all[n++] = c;
                }
            }
            Arrays.sort(all, Comparator.comparing((FeatureState.Customer c) -> c.idBytes, Arrays::compareUnsigned));
            sorted = all;
        }
        return sorted;
    }
}
