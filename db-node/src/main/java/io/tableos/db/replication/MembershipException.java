package io.tableos.db.replication;

/**
 * A membership change (add, remove or replace a peer) that was refused or did not finish.
 * {@link Reason} tells the caller which SQLSTATE to report; {@link #leaderSqlAddress()}
 * names the leader when this node is not it.
 */
public final class MembershipException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** This node does not lead; the change must be asked of the leader. */
        NOT_LEADER,
        /** The arguments are inconsistent (a duplicate id, an empty group, a bad address). */
        INVALID,
        /** A peer to remove or replace is not a member. */
        UNKNOWN_MEMBER,
        /** A peer to add is already a member. */
        ALREADY_MEMBER,
        /** Another change has not finished yet, or the configuration changed meanwhile. */
        IN_PROGRESS,
        /** Ratis could not complete the change (a new peer did not catch up in time, leadership lost...). */
        FAILED
    }

    private final Reason reason;
    private final String leaderSqlAddress;

    MembershipException(Reason reason, String message, String leaderSqlAddress, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.leaderSqlAddress = leaderSqlAddress;
    }

    MembershipException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The leader's SQL address when {@link Reason#NOT_LEADER} and one is known, else null. */
    public String leaderSqlAddress() {
        return leaderSqlAddress;
    }
}
