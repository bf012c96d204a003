package dev.churnops.cdk.constructs;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one principal may do in the lake: read objects under some prefixes, write objects under
 * others, and delete objects under a few. Listing is granted on the bucket as a whole (see
 * {@link DataLake#grant}). Deletes are accepted only under a {@link LakePrefix#deletable()} prefix:
 * everything else in the lake is an append-only record.
 *
 * @param reads prefixes whose objects it reads
 * @param writes prefixes under which it writes objects
 * @param deletes prefixes under which it deletes objects
 */
public record LakeAccess(Set<LakePrefix> reads, Set<LakePrefix> writes, Set<LakePrefix> deletes) {

    /** No access. */
    public static final LakeAccess NONE = new LakeAccess(Set.of(), Set.of(), Set.of());

    public LakeAccess {
        reads = copy(reads);
        writes = copy(writes);
        deletes = copy(deletes);
        Set<LakePrefix> refused = new TreeSet<>();
        deletes.stream().filter(p -> !p.deletable()).forEach(refused::add);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("LakeAccess.deletes holds " + refused.stream().map(LakePrefix::prefix).toList()
                    + " but deletes may only be granted under " + EnumSet.allOf(LakePrefix.class).stream()
                    .filter(LakePrefix::deletable).map(LakePrefix::prefix).toList()
                    + ": the rest of the lake is append-only (mark the prefix deletable in LakePrefix if that changes).");
        }
    }

    /** Reads under {@code prefixes}. */
    public static LakeAccess reads(LakePrefix... prefixes) {
        return new LakeAccess(Set.of(prefixes), Set.of(), Set.of());
    }

    /** This access, plus writes under {@code prefixes}. */
    public LakeAccess andWrites(LakePrefix... prefixes) {
        return new LakeAccess(reads, union(writes, prefixes), deletes);
    }

    /** This access, plus deletes under {@code prefixes} (each must be {@link LakePrefix#deletable()}). */
    public LakeAccess andDeletes(LakePrefix... prefixes) {
        return new LakeAccess(reads, writes, union(deletes, prefixes));
    }

    public boolean isEmpty() {
        return reads.isEmpty() && writes.isEmpty() && deletes.isEmpty();
    }

    private static Set<LakePrefix> copy(Set<LakePrefix> prefixes) {
        return prefixes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(prefixes));
    }

    private static Set<LakePrefix> union(Set<LakePrefix> some, LakePrefix... more) {
        Set<LakePrefix> all = EnumSet.noneOf(LakePrefix.class);
        all.addAll(some);
        all.addAll(Set.of(more));
        return all;
    }
}
