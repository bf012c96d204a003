package dev.churnops.core.registry;

/** Approval states, named as the SageMaker Model Registry names them. */
public enum ApprovalStatus {
    PendingManualApproval, Approved, Rejected;

    public static ApprovalStatus parse(String value) {
        for (ApprovalStatus s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("approval status '" + value
                + "' is not one of PendingManualApproval, Approved, Rejected");
    }
}
