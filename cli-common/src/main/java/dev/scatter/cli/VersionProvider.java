package dev.scatter.cli;

import picocli.CommandLine;

/** Prints Scatter's version for --version. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"Scatter " + Version.current() + " (Java " + Runtime.version() + ")"};
    }
}
