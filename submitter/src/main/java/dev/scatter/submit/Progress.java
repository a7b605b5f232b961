package dev.scatter.submit;

import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar while waiting for a job (tasks done/total, rate, ETA), on stderr and only where a person
 * watches: on a terminal, not with --json. SCATTER_PROGRESS=always or never overrides.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String label, long total, boolean json, Map<String, String> env) {
        String setting = env.getOrDefault("SCATTER_PROGRESS", "auto");
        boolean show = switch (setting) {
            case "always" -> true;
            case "never" -> false;
            default -> !json && System.console() != null;
        };
        if (!show) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setUnit(" tasks", 1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(200)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new Progress(bar);
    }

    void update(long done, long total) {
        if (bar != null) {
            if (bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
