package dev.churnops.featurestore;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One customer's feature values as an unmodifiable map in schema order, over a value array and
 * the view's shared name index: a lookup answers with one small array instead of a hash map of
 * its own, which keeps the garbage of many lookups down. Equal to any map with the same entries.
 */
final class FeatureRow extends AbstractMap<String, Object> {

    /** The view's feature names in schema order, and each name's position. */
    record Names(String[] names, Map<String, Integer> index) {
    }

    private final Names names;
    private final Object[] values;

    FeatureRow(Names names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return names.index().containsKey(key);
    }

    @Override
    public Object get(Object key) {
        Integer i = names.index().get(key);
        return i == null ? null : values[i];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return values.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names.names()[i], values[i]);
                    }
                };
            }
        };
    }
}
