package dev.scatter.broker;

import java.util.concurrent.ThreadLocalRandom;

/** The random part of lease members: new for every claim call, so no two leases are ever the same member. */
final class ClaimTokens {

    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private ClaimTokens() {
    }

    /** 8 base-36 characters: 41 bits, so two claims of the same task at the same attempt never collide in practice. */
    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] token = new char[8];
        for (int i = 0; i < token.length; i++) {
            token[i] = DIGITS[random.nextInt(DIGITS.length)];
        }
        return new String(token);
    }
}
