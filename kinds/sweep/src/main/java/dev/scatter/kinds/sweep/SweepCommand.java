package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.cli.CountConverter;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.JobRequest;
import dev.scatter.task.KindCommand;
import dev.scatter.task.SubmitContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code submit sweep}: cross-validates a model over a grid of hyperparameters, one task per (cell, fold). Reads
 * and checks the data and the grid here, stores the data in Redis once (or leaves it where runners can read it),
 * and submits; see docs/sweeps.md.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cross-validates a support-vector classifier over a grid of hyperparameters: one task per grid"
                + " cell and fold, the cells ranked by mean score as scikit-learn's GridSearchCV ranks them.",
            "Grid values: 0.1,1,10  rbf,poly  logspace(-3,1,9)  linspace(0,1,5)  range(2,6); with --random also"
                + " uniform(a,b) loguniform(a,b) randint(a,b) choice(x,y).",
            "Example:", "  submit sweep --data demo:rgba --param kernel=rbf,poly --param C=logspace(-3,1,5)"})
final class SweepCommand implements KindCommand {

    private static final SecureRandom SEEDS = new SecureRandom();

    @Option(names = "--data", required = true, paramLabel = "FILE|URL|demo:rgba",
            description = "CSV with a header row, numeric features and a label column; an http(s) URL; or the built-in"
                    + " demo:rgba (demo:rgba:ROWS for another size than " + RgbaDemo.DEFAULT_ROWS + ").")
    private String data;

    @Option(names = "--label", paramLabel = "COLUMN", defaultValue = "label",
            description = "The label column. Default: ${DEFAULT-VALUE}.")
    private String label;

    @Option(names = "--features", paramLabel = "COLUMN", split = ",",
            description = "Feature columns. Default: every column but the label (and fold) column.")
    private List<String> features;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = SvcParams.MODEL,
            description = "The model: svc (a support-vector classifier on LIBSVM). Default: ${DEFAULT-VALUE}.")
    private String model;

    @Option(names = "--param", paramLabel = "NAME=VALUES",
            description = "A parameter and its values, repeatable: svc takes " + "C, kernel, gamma, degree, coef0.")
    private List<String> params = new ArrayList<>();

    @Option(names = "--grid", paramLabel = "FILE", description = "A sweep file (YAML or JSON) holding the grid.")
    private Path gridFile;

    @Option(names = "--random", paramLabel = "N", converter = CountConverter.IntCount.class,
            description = "Random search: draw N cells from the grid's lists and distributions.")
    private Integer random;

    @Option(names = "--folds", paramLabel = "K", converter = CountConverter.IntCount.class,
            description = "Stratified folds of cross-validation. Default: 5.")
    private Integer folds;

    @Option(names = "--fold-column", paramLabel = "COLUMN",
            description = "Take the folds from this column (whole numbers; negative: never tested) instead.")
    private String foldColumn;

    @Option(names = "--seed", paramLabel = "N", converter = CountConverter.class,
            description = "Seed of the fold shuffle and of random search. Default: chosen at random, and reported.")
    private Long seed;

    @Option(names = "--scale", description = "Standardize the features (fitted on each training fold).")
    private boolean scale;

    @Option(names = "--scoring", paramLabel = "NAME", defaultValue = "accuracy",
            description = "accuracy, balanced_accuracy or f1_macro. Default: ${DEFAULT-VALUE}.")
    private String scoring;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the cells to this CSV file.")
    private Path csv;

    @Option(names = "--data-shared",
            description = "Runners read --data from its path or URL (which they must all reach) instead of from"
                    + " Redis: for data over the limit for Redis (64 MiB).")
    private boolean dataShared;

    @Override
    public JobRequest request(SubmitContext context) {
        if (folds != null && foldColumn != null) {
            throw usage("--folds and --fold-column exclude each other: the fold column sets the folds");
        }
        if (csv != null && !context.waits()) {
            throw usage("--csv needs the result: it cannot go with --no-wait");
        }
        if (csv != null) {
            Path dir = csv.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw usage("--csv " + csv + ": cannot write there (no such directory, or not writable)");
            }
        }
        if (random != null && random < 1) {
            throw usage("--random must be at least 1, not " + random);
        }
        long sweepSeed = seed != null ? seed : SEEDS.nextLong() & Long.MAX_VALUE;
        List<ObjectNode> cells = cells(sweepSeed);

        DatasetLoader.Raw raw = DatasetLoader.read(data);
        DataRef ref = dataRef(raw, context.maxBlobBytes());
        Dataset dataset = DatasetLoader.parse(raw, label, features, foldColumn);
        int k = foldColumn != null ? Folds.distinctFolds(dataset.foldIds()).length : folds == null ? 5 : folds;
        if (foldColumn != null && k < 2) {
            throw usage("the fold column '" + foldColumn + "' of " + raw.name() + " has " + k + " fold value"
                    + (k == 1 ? "" : "s") + ": cross-validation needs two or more");
        }
        ObjectNode job = params(ref, dataset, k, sweepSeed, cells);
        // The kind's own checks (model, folds, scoring), before the folds are drawn from the data.
        SweepParams.of(job);
        if (foldColumn == null) {
            try {
                Folds.checkStratifiable(dataset, k);
            } catch (InvalidParametersException e) {
                throw usage("--folds " + k + " for " + raw.name() + ": " + e.getMessage());
            }
        }
        if ((long) cells.size() * k > context.maxTasks()) {
            throw usage(cells.size() + " cells × " + k + " folds is more tasks than a job may have ("
                    + context.maxTasks() + ")");
        }
        if (random != null && cells.size() < random) {
            context.say("--random " + random + ", but the grid has only " + cells.size() + " cells: all of them");
        }
        boolean inRedis = ref.path() == null && ref.url() == null;
        JobRequest request = JobRequest.of(cells.size() * k, job)
                .withNote("sweep of " + cells.size() + " cell" + (cells.size() == 1 ? "" : "s") + " × " + k
                        + " folds on " + raw.name() + " (" + dataset.rows() + " rows, " + dataset.features().size()
                        + " features, " + dataset.classes().size() + " classes; " + (ref.path() != null
                        ? "runners read " + ref.path() : ref.url() != null ? "runners read " + raw.name()
                        : "stored in Redis") + ")")
                .onResult(result -> {
                    if (csv != null) {
                        SweepCsv.write(result, csv);
                    }
                });
        return inRedis ? request.withBlob(raw.bytes()) : request;
    }

    /** The job's parameters (see SweepParams). */
    private ObjectNode params(DataRef ref, Dataset dataset, int k, long sweepSeed, List<ObjectNode> cells) {
        ObjectNode job = JsonNodeFactory.instance.objectNode().put("model", model);
        ref.toJson(job.putObject("data"));
        job.put("label", label);
        var featureArray = job.putArray("features");
        dataset.features().forEach(featureArray::add);
        job.put("scale", scale).put("folds", k);
        if (foldColumn != null) {
            job.put("foldColumn", foldColumn);
        } else {
            job.put("seed", sweepSeed);
        }
        job.put("scoring", scoring);
        job.putArray("grid").addAll(cells);
        return job;
    }

    /** The grid's cells: from --param or the sweep file, in full or drawn at random. */
    private List<ObjectNode> cells(long sweepSeed) {
        if (!params.isEmpty() && gridFile != null) {
            throw usage("give the grid with --param or with --grid FILE, not both");
        }
        List<Map<String, ParamSpace>> grids = new ArrayList<>();
        Integer draws = random;
        if (gridFile != null) {
            SweepFile.Contents file = SweepFile.read(gridFile);
            if (file.model() != null && !file.model().equals(model)) {
                throw usage("the sweep file " + gridFile + " is for model '" + file.model() + "': the models are "
                        + SvcParams.MODEL);
            }
            grids.addAll(file.grids());
            draws = random != null ? random : file.random();
        } else {
            if (params.isEmpty()) {
                throw usage("the grid is empty: give parameters with --param NAME=VALUES (say --param C=0.1,1,10)"
                        + " or a sweep file with --grid FILE");
            }
            Map<String, ParamSpace> grid = new LinkedHashMap<>();
            for (String param : params) {
                Map.Entry<String, ParamSpace> entry;
                try {
                    entry = GridParser.param(param);
                } catch (IllegalArgumentException e) {
                    throw usage("--param " + param + ": " + e.getMessage());
                }
                if (grid.put(entry.getKey(), entry.getValue()) != null) {
                    throw usage("--param " + entry.getKey() + " is given twice: list its values in one --param");
                }
            }
            grids.add(grid);
        }
        for (Map<String, ParamSpace> grid : grids) {
            for (Map.Entry<String, ParamSpace> e : grid.entrySet()) {
                check(e.getKey(), e.getValue());
            }
        }
        try {
            List<ObjectNode> cells = draws == null ? SweepGrid.full(grids) : SweepGrid.random(grids, draws, sweepSeed);
            if (cells.isEmpty()) {
                throw usage("the grid is empty: it has no cells");
            }
            return cells;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Refuses a parameter the model does not have, or a value it cannot take, naming it. */
    private static void check(String name, ParamSpace space) {
        if (!SvcParams.NAMES.contains(name)) {
            throw usage("the " + SvcParams.MODEL + " model has no parameter '" + name + "': its parameters are "
                    + String.join(", ", SvcParams.NAMES));
        }
        if (space instanceof ParamSpace.Values values) {
            if (values.values().isEmpty()) {
                throw usage("the grid is empty: " + name + " has no values");
            }
            for (JsonNode value : values.values()) {
                try {
                    SvcParams.check(name, value);
                } catch (InvalidParametersException e) {
                    throw usage(e.getMessage());
                }
            }
        }
    }

    /** Where runners find the data: Redis when it fits (and --data-shared is not given), else its path or URL. */
    private DataRef dataRef(DatasetLoader.Raw raw, long limit) {
        long size = raw.bytes().length;
        boolean shared = dataShared || size > limit;
        if (!shared) {
            return new DataRef(raw.sha256(), raw.name(), size, null, null);
        }
        if (raw.url() != null) {
            return new DataRef(raw.sha256(), raw.name(), size, null, raw.url());
        }
        if (raw.path() == null) {
            throw usage("--data-shared needs a file or URL that runners can read, not " + raw.name());
        }
        if (!dataShared) {
            throw usage(String.format(Locale.ROOT, "the data file %s is %.1f MiB, over the %d MiB limit for"
                    + " data stored in Redis: put it where every runner can read it at the same path and add"
                    + " --data-shared, or give an http(s) URL", raw.name(), size / 1048576.0, limit >> 20));
        }
        return new DataRef(raw.sha256(), raw.name(), size, raw.path().toString(), null);
    }

    private static InvalidParametersException usage(String message) {
        return new InvalidParametersException(message);
    }
}
