package dev.scatter.cli;

/** The version of Scatter this command is, from the jar's manifest. */
public final class Version {

    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
