package dev.churnops.handlers.scoring;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A small JSON object of a request body as {@link ScoringJson} read it: its members in the order
 * the body gave them, in one array, looked up by scanning. Read-only. A valid body's objects are
 * small (a customer has two members, its features one per model column), and for those one
 * array costs a fifth of a {@code LinkedHashMap}, which allocates an entry per member and a table
 * besides; that was a quarter of what a 100-customer request allocated. Objects with more than
 * {@link #MAX_MEMBERS} members are read into a {@code LinkedHashMap} instead, so no lookup scans far.
 */
final class JsonObject extends AbstractMap<String, Object> {

    /** The most members an object read into this form has. */
    static final int MAX_MEMBERS = 32;

    /** Names at even indexes, each followed by its value; names are distinct. */
    private final Object[] members;

    /** {@code members} as described on the field; the array is kept, not copied. */
    JsonObject(Object[] members) {
        this.members = members;
    }

    @Override
    public int size() {
        return members.length / 2;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : members[i + 1];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < members.length; i += 2) {
            if (members[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Members<>() {
                    @Override
                    String at(int i) {
                        return (String) members[i];
                    }
                };
            }

            @Override
            public int size() {
                return JsonObject.this.size();
            }
        };
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Members<>() {
                    @Override
                    Entry<String, Object> at(int i) {
                        return new SimpleImmutableEntry<>((String) members[i], members[i + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return JsonObject.this.size();
            }
        };
    }

    /** Walks the members in order; {@link #at} makes what is returned for the member at index {@code i}. */
    private abstract class Members<T> implements Iterator<T> {
        private int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < members.length;
        }

        @Override
        public T next() {
            if (next >= members.length) {
                throw new NoSuchElementException();
            }
            T t = at(next);
            next += 2;
            return t;
        }
    }
}
