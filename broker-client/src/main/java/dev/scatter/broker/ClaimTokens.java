package dev.scatter.broker;

import java.util.concurrent.ThreadLocalRandom;

/** The random part of lease members: new for every claim call, so no two leases are ever the same member. */
final class ClaimTokens {

    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private ClaimTokens() {
    }

    /**
     * A first character that is not "s": claim-7 marks a suspect's lease by a token starting with "s", so a plain
     * claim's token must never start with one (one claim in 36 would otherwise be taken for a suspect's: run alone,
     * and handed back among the suspects).
     */
    private static final char[] FIRST = "0123456789abcdefghijklmnopqrtuvwxyz".toCharArray();

    /** 8 base-36 characters, the first not "s": 41 bits, so two claims of a task at one attempt never collide. */
    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] token = new char[8];
        token[0] = FIRST[random.nextInt(FIRST.length)];
        for (int i = 1; i < token.length; i++) {
            token[i] = DIGITS[random.nextInt(DIGITS.length)];
        }
        return new String(token);
    }
}
