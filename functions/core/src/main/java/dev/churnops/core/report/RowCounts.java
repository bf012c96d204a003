package dev.churnops.core.report;

/**
 * How many input rows a run read and where each ended up. Every row is either valid or
 * quarantined, never silently dropped, so the two must add up to the input.
 *
 * @param input rows read
 * @param valid rows that passed validation
 * @param quarantined rows set aside with reasons
 */
public record RowCounts(long input, long valid, long quarantined) {

    public RowCounts {
        if (input < 0 || valid < 0 || quarantined < 0) {
            throw new IllegalArgumentException("RowCounts are input=" + input + ", valid=" + valid
                    + ", quarantined=" + quarantined + " but every count must be >= 0.");
        }
        if (valid + quarantined != input) {
            throw new IllegalArgumentException("RowCounts.valid (" + valid + ") + quarantined (" + quarantined
                    + ") is " + (valid + quarantined) + " but must equal input (" + input
                    + "): every row ends up valid or quarantined.");
        }
    }
}
