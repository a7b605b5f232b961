package dev.scatter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.scatter.broker.testing.HardPasswords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsTest {

    @Test
    void scrubsTheUrisAndPasswordsOfACommandLine() {
        for (String password : HardPasswords.ALL) {
            String typo = "user:" + password + "@h";
            String valid = "redis://:" + HardPasswords.encoded(password) + "@h:1";
            Secrets secrets = Secrets.of(new String[] {"--redsi", typo, "--redis=" + valid, "jobs"},
                    Map.of("REDIS_URL", "redis:/:" + password + "@h"));
            String message = "Unknown options: '--redsi', '" + typo + "'; also " + valid + " and " + password
                    + " and " + HardPasswords.encoded(password) + " from REDIS_URL";
            String clean = secrets.scrub(message);
            assertThat(HardPasswords.leaks(clean)).as(clean).isFalse();
            assertThat(clean).contains("'***@h'").contains("redis://***@h:1");
        }
    }

    @Test
    void scrubsTheSentinelsPasswordToo() {
        for (String password : HardPasswords.ALL) {
            String sentinel = "redis-sentinel://s1:26379?sentinelPassword=" + HardPasswords.encoded(password) + "#m";
            String both = "redis-sentinel://:" + HardPasswords.encoded(password) + "x@s1?sentinelPassword=y"
                    + HardPasswords.encoded(password) + "#m";
            Secrets secrets = Secrets.of(new String[] {"--redis", sentinel, "jobs"}, Map.of("REDIS_URL", both));
            String message = "asked " + password + " and y" + password + " and x" + HardPasswords.encoded(password);
            String scrubbed = secrets.scrub(message);
            assertThat(scrubbed).as(password).doesNotContain(HardPasswords.LEFT).doesNotContain(HardPasswords.RIGHT);
        }
    }

    @Test
    void leavesOtherArgumentsAlone() {
        Secrets secrets = Secrets.of(new String[] {"cmd", "--", "mail", "someone@example.com", "git@github.com:x/y"},
                Map.of());
        assertThat(secrets.scrub("cannot run mail someone@example.com")).isEqualTo("cannot run mail someone@example.com");
        assertThat(Secrets.NONE.scrub("x")).isEqualTo("x");
    }

    /** Whatever a class logs, with or without a cause, in text or JSON: the log holds no piece of the password. */
    @Test
    void theLogIsScrubbedInTextAndJson() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (Logging.Format format : Logging.Format.values()) {
                String password = HardPasswords.EVERY;
                String uri = "redis://:" + password + "@h:1";
                Logging.configure(format, Level.INFO, Secrets.ofUris(java.util.Arrays.asList(uri, null)));
                LoggerFactory.getLogger("test").warn("connecting to {} with {}", uri, password,
                        new IllegalStateException("failed: " + uri, new RuntimeException("\"" + password + "\"")));
            }
        } finally {
            System.setErr(realErr);
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("connecting to redis://***@h:1").contains("\"level\"").contains("IllegalStateException");
        assertThat(HardPasswords.leaks(log)).as(log).isFalse();
    }
}
