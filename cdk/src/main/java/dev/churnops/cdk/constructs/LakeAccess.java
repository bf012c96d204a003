package dev.churnops.cdk.constructs;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one principal may do in the lake: read objects under some prefixes, write objects under
 * others. Listing is granted on the bucket as a whole (see {@link DataLake#grant}).
 *
 * @param reads prefixes whose objects it reads
 * @param writes prefixes under which it writes objects
 */
public record LakeAccess(Set<LakePrefix> reads, Set<LakePrefix> writes) {

    /** No access. */
    public static final LakeAccess NONE = new LakeAccess(Set.of(), Set.of());

    public LakeAccess {
        reads = reads.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reads));
        writes = writes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(writes));
    }

    /** Reads under {@code prefixes}. */
    public static LakeAccess reads(LakePrefix... prefixes) {
        return new LakeAccess(Set.of(prefixes), Set.of());
    }

    /** This access, plus writes under {@code prefixes}. */
    public LakeAccess andWrites(LakePrefix... prefixes) {
        Set<LakePrefix> all = EnumSet.noneOf(LakePrefix.class);
        all.addAll(writes);
        all.addAll(Set.of(prefixes));
        return new LakeAccess(reads, all);
    }

    public boolean isEmpty() {
        return reads.isEmpty() && writes.isEmpty();
    }
}
