package dev.scatter.runner;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, for presence and default runner names. */
final class Host {

    private Host() {
    }

    static String name() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
