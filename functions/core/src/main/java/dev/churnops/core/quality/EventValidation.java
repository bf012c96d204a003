package dev.churnops.core.quality;

import dev.churnops.core.validation.Quarantine;
import dev.churnops.core.validation.RejectedRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking one raw event file: the rows kept, as CSV bytes under the file's header
 * (each row byte for byte as it arrived, ended with LF), the quarantined rows with every reason, the
 * rows per reason kind, and the file-level problems that made the whole file unusable. Every row in
 * is kept or quarantined (checked here).
 *
 * @param sourceName         the name under {@code raw/}, such as {@code orders}
 * @param fileName           the raw file's name, for messages
 * @param headerLine         the file's header line as it arrived (without a byte order mark or terminator)
 * @param rowsIn             records after the header, broken ones included
 * @param rowsValid          records kept
 * @param validCsv           the header line and every kept record, each ended with LF; empty when unusable
 * @param rejected           quarantined records in file order, each with its line number and reasons
 * @param rejectionsByReason quarantined rows per {@link EventRule#key()}, every kind listed (zeros included)
 * @param problems           one sentence per reason the whole file is unusable; empty when usable
 */
public record EventValidation(String sourceName, String fileName, String headerLine, int rowsIn, int rowsValid,
                              byte[] validCsv, List<RejectedRecord> rejected, Map<String, Integer> rejectionsByReason,
                              List<String> problems) {

    public EventValidation {
        rejected = List.copyOf(rejected);
        problems = List.copyOf(problems);
        rejectionsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionsByReason));
        if (rowsIn != rowsValid + rejected.size()) {
            throw new IllegalArgumentException("EventValidation of " + fileName + " has rows_in " + rowsIn + " but "
                    + rowsValid + " valid + " + rejected.size() + " quarantined: every row must be one or the other.");
        }
        if (!problems.isEmpty() && rowsValid != 0) {
            throw new IllegalArgumentException("EventValidation of " + fileName + " keeps " + rowsValid
                    + " rows of an unusable file: an unusable file keeps none.");
        }
    }

    /** False when the file as a whole could not be checked as its source; {@link #problems()} says why. */
    public boolean usable() {
        return problems.isEmpty();
    }

    public int rowsQuarantined() {
        return rejected.size();
    }

    /** The quarantined records under the original header, ready to fix and drop back under {@code raw/}. */
    public byte[] rejectedCsv() {
        return Quarantine.rejectedCsv(headerLine, rejected);
    }

    /** {@code line_number,reason} for the person fixing the file. */
    public byte[] reasonsCsv() {
        return Quarantine.reasonsCsv(rejected);
    }
}
