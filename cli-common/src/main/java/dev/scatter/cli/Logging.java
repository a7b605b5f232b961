package dev.scatter.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging to stderr: one readable line per event, or one JSON object per line for containers; either
 * way with the command's secrets scrubbed from every line (see {@link Secrets}).
 */
public final class Logging {

    public enum Format { TEXT, JSON }

    private Logging() {
    }

    public static void configure(Format format, Level rootLevel) {
        configure(format, rootLevel, Secrets.NONE);
    }

    public static void configure(Format format, Level rootLevel, Secrets secrets) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (format == Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            // One "message" a log reader can search, rather than a pattern and its arguments apart.
            json.setWithMessage(false);
            json.setWithFormattedMessage(true);
            json.setWithMDC(false);
            json.setWithKVPList(false);
            encoder = json;
        } else {
            PatternLayoutEncoder pattern = new PatternLayoutEncoder();
            pattern.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
            encoder = pattern;
        }
        encoder.setContext(context);
        RedactingEncoder redacting = new RedactingEncoder(encoder, secrets);
        redacting.setContext(context);
        redacting.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(redacting);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel);
        root.addAppender(appender);
        // Jedis and the pool log connection churn at INFO during outages; the runner reports outages itself.
        context.getLogger("redis.clients").setLevel(Level.WARN);
        // Jedis's sentinel and cluster providers log each node they cannot reach with a stack trace; Scatter says
        // the same in one line when it matters (the connection fails, or an outage starts and ends).
        context.getLogger("redis.clients.jedis.providers").setLevel(Level.OFF);
        context.getLogger("redis.clients.jedis.executors").setLevel(Level.OFF);
        context.getLogger("org.apache.commons.pool2").setLevel(Level.WARN);
    }
}
