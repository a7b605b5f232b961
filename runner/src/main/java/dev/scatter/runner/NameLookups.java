package dev.scatter.runner;

import java.security.Security;

/**
 * How long the JVM trusts what a host name resolved to. Its defaults (30 s for an address, 10 s for an
 * unknown host) outlast what containers do to Redis: a Redis pod rescheduled, or a container recreated, comes
 * back at a new address under the same name, and a runner started before Redis first finds no such name. The
 * runner trusts an address for 5 s and an unknown host for 1 s, so that it follows Redis within seconds; the
 * system properties sun.net.inetaddr.ttl and sun.net.inetaddr.negative.ttl (in SCATTER_JAVA_OPTS) still win.
 */
final class NameLookups {

    static final String ADDRESS_SECONDS = "5";
    static final String UNKNOWN_HOST_SECONDS = "1";

    private NameLookups() {
    }

    /** Call before the first name lookup: the JVM reads these once. */
    static void followMovingHosts() {
        setUnlessGiven("networkaddress.cache.ttl", "sun.net.inetaddr.ttl", ADDRESS_SECONDS);
        setUnlessGiven("networkaddress.cache.negative.ttl", "sun.net.inetaddr.negative.ttl", UNKNOWN_HOST_SECONDS);
    }

    private static void setUnlessGiven(String securityProperty, String systemProperty, String seconds) {
        // The security property, once set, would hide the system property a user gave.
        if (System.getProperty(systemProperty) == null) {
            Security.setProperty(securityProperty, seconds);
        }
    }
}
