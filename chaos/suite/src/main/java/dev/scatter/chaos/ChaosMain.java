package dev.scatter.chaos;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos}: the fault campaign. Runs each case a number of times and prints one table row per case. */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs Scatter's fault cases against real Redis servers and runner processes it starts, and"
                + " prints, per fault: repetitions, how many ended with the exact result, attempts charged, time to"
                + " recover.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run of every case kept the invariant", "1:some run broke it (the violations are"
                + " printed)", "2:bad command line"})
public final class ChaosMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Runs of each case. Default: ${DEFAULT-VALUE}.")
    private int repeat;

    @Option(names = "--case", split = ",", paramLabel = "NAME",
            description = "Cases to run (repeat or separate with commas). Default: all. --list names them.")
    private List<String> cases;

    @Option(names = "--fast", description = "The fast sizes, as ./mvnw verify runs them, instead of the campaign's.")
    private boolean fast;

    @Option(names = "--keep-logs", description = "Keeps each run's directory (runner logs) under the temporary"
            + " directory.")
    private boolean keepLogs;

    @Option(names = "--list", description = "Lists the cases and exits.")
    private boolean list;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ChaosMain());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("chaos: " + e.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Campaign.Entry> entries = Campaign.entries();
        if (list) {
            entries.forEach(e -> out.printf("%-18s %s%n", e.key(), e.campaign().name()));
            return 0;
        }
        if (repeat < 1) {
            err.println("chaos: --repeat must be at least 1");
            return 2;
        }
        List<Campaign.Entry> chosen = new ArrayList<>();
        for (Campaign.Entry e : entries) {
            if (cases == null || cases.contains(e.key())) {
                chosen.add(e);
            }
        }
        if (cases != null) {
            for (String c : cases) {
                if (entries.stream().noneMatch(e -> e.key().equals(c))) {
                    err.println("chaos: no case '" + c + "' (chaos --list names them)");
                    return 2;
                }
            }
        }
        if (keepLogs) {
            System.setProperty("scatter.chaos.keepLogs", "true");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean allPassed = true;
        for (Campaign.Entry entry : chosen) {
            FaultCase c = fast ? entry.fast() : entry.campaign();
            Optional<String> missing = c.unavailable();
            if (missing.isPresent()) {
                err.println("chaos: skipped " + entry.key() + ": " + missing.get());
                rows.put(entry.key(), Row.skipped(c.name(), missing.get()));
                continue;
            }
            Row row = new Row(c.name());
            for (int i = 1; i <= repeat; i++) {
                err.printf("chaos: %s, run %d of %d...%n", entry.key(), i, repeat);
                err.flush();
                CaseResult r = c.run();
                row.add(r);
                err.printf("chaos: %s, run %d: %s in %d s (%s)%n", entry.key(), i,
                        r.passed() ? "kept the invariant" : "BROKE IT: " + String.join("; ", r.violations()),
                        r.took().toSeconds(), r.details());
                err.flush();
                allPassed &= r.passed();
            }
            rows.put(entry.key(), row);
        }
        out.print(Row.table(rows.values()));
        out.flush();
        return allPassed ? 0 : 1;
    }

    /** One case's runs, summed up for the table. */
    static final class Row {
        final String fault;
        final List<CaseResult> runs = new ArrayList<>();
        String skipped;

        Row(String fault) {
            this.fault = fault;
        }

        static Row skipped(String fault, String why) {
            Row row = new Row(fault);
            row.skipped = why;
            return row;
        }

        void add(CaseResult r) {
            runs.add(r);
        }

        List<String> cells() {
            if (skipped != null) {
                return List.of(fault, "0", "-", "-", "-", "skipped: " + skipped);
            }
            long exact = runs.stream().filter(CaseResult::exact).count();
            long charged = runs.stream().mapToLong(CaseResult::attemptsCharged).sum();
            List<Duration> recoveries = runs.stream().map(CaseResult::recovery).filter(d -> d != null).sorted().toList();
            String recover = recoveries.isEmpty() ? "-"
                    : recoveries.size() == 1 ? secs(recoveries.get(0))
                    : secs(recoveries.get(recoveries.size() / 2)) + " (max " + secs(recoveries.get(recoveries.size() - 1)) + ")";
            long passed = runs.stream().filter(CaseResult::passed).count();
            String verdict = passed == runs.size() ? "kept"
                    : (runs.size() - passed) + " broke: " + runs.stream().filter(r -> !r.passed())
                    .findFirst().map(r -> r.violations().get(0)).orElse("");
            return List.of(fault, Integer.toString(runs.size()), exact + "/" + runs.size(), Long.toString(charged),
                    recover, verdict);
        }

        static String table(java.util.Collection<Row> rows) {
            List<String> header = List.of("fault", "runs", "result exact", "attempts charged", "time to recover",
                    "invariant");
            List<List<String>> lines = new ArrayList<>();
            lines.add(header);
            rows.forEach(r -> lines.add(r.cells()));
            int[] width = new int[header.size()];
            for (List<String> line : lines) {
                for (int i = 0; i < line.size(); i++) {
                    width[i] = Math.max(width[i], Math.min(line.get(i).length(), 60));
                }
            }
            StringBuilder text = new StringBuilder();
            for (int n = 0; n < lines.size(); n++) {
                List<String> line = lines.get(n);
                text.append('|');
                for (int i = 0; i < line.size(); i++) {
                    String cell = line.get(i).length() > 60 ? line.get(i).substring(0, 57) + "..." : line.get(i);
                    text.append(' ').append(String.format(Locale.ROOT, "%-" + width[i] + "s", cell)).append(" |");
                }
                text.append('\n');
                if (n == 0) {
                    text.append('|');
                    for (int w : width) {
                        text.append("-".repeat(w + 2)).append('|');
                    }
                    text.append('\n');
                }
            }
            return text.toString();
        }

        private static String secs(Duration d) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }
}
