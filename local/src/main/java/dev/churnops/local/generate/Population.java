package dev.churnops.local.generate;

import java.util.Arrays;

/**
 * Every customer's profile and latent state, one primitive array per attribute indexed by the
 * customer's number minus one: a million customers cost tens of megabytes, and nothing here grows
 * with the number of events. Arrays grow (by doubling) only between days, never while shards run.
 */
final class Population {

    static final byte ACTIVE = 0;
    /** Engagement decaying towards the day the customer stops. */
    static final byte LEAVING = 1;
    /** No more orders or sessions; e-mails still arrive, a closure may still come. */
    static final byte GONE = 2;
    /** Closed the account: nothing more happens. */
    static final byte CLOSED = 3;
    /** A break (holiday, budget) after which the customer comes back. */
    static final byte PAUSED = 4;

    int size;

    long[] signupSecond;
    byte[] country;
    byte[] channel;
    byte[] membership;
    byte[] status;
    /** Three preferred categories per customer, most preferred first. */
    byte[] categories;
    boolean[] optedIn;

    /** Sessions a day at full engagement. */
    float[] sessionRate;
    /** Orders per session at full engagement. */
    float[] conversion;
    float[] openPropensity;
    float[] appPreference;
    float[] priceSensitivity;
    /** The customer's leaving hazard from profile alone (membership, channel). */
    float[] baseHazard;
    /** 1 while engaged; decays while leaving. */
    float[] engagement;
    float[] decayPerDay;
    /** Recent ticket satisfaction (moving average, 1-5). */
    float[] satisfaction;
    /** Recent discount received (moving average, 0-1). */
    float[] recentDiscount;

    /** Leaving: the day activity stops; paused: the day it resumes. */
    int[] untilDay;
    int[] closureDay;
    /** The day the open ticket resolves, -1 when none is pending. */
    int[] resolveDay;
    byte[] pendingCategory;
    /** Tickets that will never be resolved. */
    byte[] unresolved;

    int[] orderSeq;
    int[] sessionSeq;
    int[] emailSeq;
    int[] ticketSeq;

    Population(int capacity) {
        allocate(Math.max(16, capacity));
    }

    private void allocate(int n) {
        signupSecond = new long[n];
        country = new byte[n];
        channel = new byte[n];
        membership = new byte[n];
        status = new byte[n];
        categories = new byte[n * 3];
        optedIn = new boolean[n];
        sessionRate = new float[n];
        conversion = new float[n];
        openPropensity = new float[n];
        appPreference = new float[n];
        priceSensitivity = new float[n];
        baseHazard = new float[n];
        engagement = new float[n];
        decayPerDay = new float[n];
        satisfaction = new float[n];
        recentDiscount = new float[n];
        untilDay = new int[n];
        closureDay = new int[n];
        resolveDay = new int[n];
        pendingCategory = new byte[n];
        unresolved = new byte[n];
        orderSeq = new int[n];
        sessionSeq = new int[n];
        emailSeq = new int[n];
        ticketSeq = new int[n];
    }

    /** Room for {@code more} customers; call only between days. */
    void reserve(int more) {
        int need = size + more;
        if (need <= signupSecond.length) {
            return;
        }
        int n = Math.max(need, signupSecond.length * 2);
        signupSecond = Arrays.copyOf(signupSecond, n);
        country = Arrays.copyOf(country, n);
        channel = Arrays.copyOf(channel, n);
        membership = Arrays.copyOf(membership, n);
        status = Arrays.copyOf(status, n);
        categories = Arrays.copyOf(categories, n * 3);
        optedIn = Arrays.copyOf(optedIn, n);
        sessionRate = Arrays.copyOf(sessionRate, n);
        conversion = Arrays.copyOf(conversion, n);
        openPropensity = Arrays.copyOf(openPropensity, n);
        appPreference = Arrays.copyOf(appPreference, n);
        priceSensitivity = Arrays.copyOf(priceSensitivity, n);
        baseHazard = Arrays.copyOf(baseHazard, n);
        engagement = Arrays.copyOf(engagement, n);
        decayPerDay = Arrays.copyOf(decayPerDay, n);
        satisfaction = Arrays.copyOf(satisfaction, n);
        recentDiscount = Arrays.copyOf(recentDiscount, n);
        untilDay = Arrays.copyOf(untilDay, n);
        closureDay = Arrays.copyOf(closureDay, n);
        resolveDay = Arrays.copyOf(resolveDay, n);
        pendingCategory = Arrays.copyOf(pendingCategory, n);
        unresolved = Arrays.copyOf(unresolved, n);
        orderSeq = Arrays.copyOf(orderSeq, n);
        sessionSeq = Arrays.copyOf(sessionSeq, n);
        emailSeq = Arrays.copyOf(emailSeq, n);
        ticketSeq = Arrays.copyOf(ticketSeq, n);
    }

    int count(byte state) {
        int n = 0;
        for (int c = 0; c < size; c++) {
            if (status[c] == state) {
                n++;
            }
        }
        return n;
    }
}
