package dev.scatter.chaos;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace joined to the host by a veth pair, for one runner that can be cut off from Redis and
 * joined again. Names start with {@code scf-} (namespace) and {@code scfh}/{@code scfn} (the host and
 * namespace ends of the link); addresses are a /30 of 10.77.0.0/16: the host end .1, the namespace end .2.
 *
 * <p>The cut takes the namespace end of the link down. The host end stays up without a carrier, so its route
 * stays and the host sends nothing for the namespace anywhere else; inside the namespace the runner's packets
 * go nowhere. Needs root and iproute2's {@code ip}.
 */
public final class Netns implements AutoCloseable {

    private final String name;
    private final String hostDev;
    private final String nsDev;
    private final String hostAddress;
    private final String nsAddress;

    private Netns(int k) {
        this.name = "scf-" + k;
        this.hostDev = "scfh" + k;
        this.nsDev = "scfn" + k;
        this.hostAddress = "10.77." + (k >> 6) + "." + (((k & 63) << 2) + 1);
        this.nsAddress = "10.77." + (k >> 6) + "." + (((k & 63) << 2) + 2);
    }

    /** Why a namespace cannot be made here, or empty when it can. */
    public static Optional<String> unavailable() {
        Shell.Result id = Shell.attempt("id", "-u");
        if (id.exit() != 0 || !id.output().strip().equals("0")) {
            return Optional.of("needs root to create a network namespace (running as uid " + id.output().strip() + ")");
        }
        Shell.Result ip = Shell.attempt("ip", "-V");
        if (ip.exit() != 0) {
            return Optional.of("needs iproute2's ip command: " + ip.output().strip());
        }
        return Optional.empty();
    }

    /** Creates a namespace with its link up; tries other numbers if one is taken. */
    public static Netns create() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Netns ns = new Netns(ThreadLocalRandom.current().nextInt(1, 16_384));
            try {
                ns.build();
                return ns;
            } catch (IllegalStateException e) {
                ns.close();
                last = e;
            }
        }
        throw last;
    }

    private void build() {
        Shell.run("ip", "netns", "add", name);
        Shell.run("ip", "link", "add", hostDev, "type", "veth", "peer", "name", nsDev, "netns", name);
        Shell.run("ip", "addr", "add", hostAddress + "/30", "dev", hostDev);
        Shell.run("ip", "link", "set", hostDev, "up");
        Shell.run("ip", "-n", name, "addr", "add", nsAddress + "/30", "dev", nsDev);
        Shell.run("ip", "-n", name, "link", "set", nsDev, "up");
        Shell.run("ip", "-n", name, "link", "set", "lo", "up");
    }

    public String name() {
        return name;
    }

    /** The host's address as seen from the namespace: where its runner reaches Redis. */
    public String hostAddress() {
        return hostAddress;
    }

    /** Wraps a command so that it runs in the namespace ({@code ip netns exec} execs it: same process). */
    public List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Cuts the link: from now on nothing passes either way. */
    public void cut() {
        Shell.run("ip", "-n", name, "link", "set", nsDev, "down");
    }

    /** Restores the link (its address and route come back with it). */
    public void heal() {
        Shell.run("ip", "-n", name, "link", "set", nsDev, "up");
    }

    @Override
    public void close() {
        Shell.attempt("ip", "link", "del", hostDev);
        Shell.attempt("ip", "netns", "del", name);
    }
}
