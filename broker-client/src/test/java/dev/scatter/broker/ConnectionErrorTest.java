package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.localredis.FreePort;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** A refused connection or a wrong password: a clear message naming host and port, never the password. */
@ExtendWith(RealRedis.class)
class ConnectionErrorTest {

    private static final String PASSWORD = "s3cret-Pa55word";

    @Test
    void aRefusedConnectionNamesHostAndPort() {
        int port = FreePort.pick();
        assertThatThrownBy(() -> Broker.connect("redis://:" + PASSWORD + "@127.0.0.1:" + port))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        String wrong = "wrong-" + PASSWORD;
        String uri = "redis://:" + wrong + "@" + redis.server().host() + ":" + redis.server().port();
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(BrokerAuthException.class)
                .hasMessageContaining(redis.server().host() + ":" + redis.server().port())
                .hasMessageContaining("refused the credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD));
    }

    @Test
    void aMissingPasswordIsExplained(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        String uri = "redis://" + redis.server().host() + ":" + redis.server().port();
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(BrokerAuthException.class)
                .hasMessageContaining("requires a password");
    }

    @Test
    void theRightPasswordConnects(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            assertThat(broker.serverVersion()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(broker.uri().toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void anUnparsableUriIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> Broker.connect("http://:" + PASSWORD + "@example:6379"))
                .isInstanceOf(InvalidRedisUriException.class)
                .hasMessageContaining("scheme must be redis or rediss")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void tlsToAPlainRedisSaysTheHandshakeFailedAtOnce(RedisFixture redis) {
        String uri = "rediss://:" + PASSWORD + "@" + redis.server().host() + ":" + redis.server().port();
        long started = System.nanoTime();
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(WrongServerException.class)
                .hasMessageContaining("TLS handshake with " + redis.server().host() + ":" + redis.server().port()
                        + " failed")
                .hasMessageContaining("use redis://");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServerThatIsNotRedisIsNamedAsSuch() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerLikeHttp(http));
            server.setDaemon(true);
            server.start();
            String address = "127.0.0.1:" + http.getLocalPort();
            assertThatThrownBy(() -> Broker.connect("redis://:" + PASSWORD + "@" + address))
                    .isInstanceOf(WrongServerException.class)
                    .hasMessageContaining("the server at " + address + " does not answer as Redis does")
                    .hasMessageContaining("'H'")
                    .satisfies(e -> assertThat(chain(e)).doesNotContain(PASSWORD));
            assertThatThrownBy(() -> Broker.connect("rediss://:" + PASSWORD + "@" + address))
                    .isInstanceOf(WrongServerException.class)
                    .hasMessageContaining("TLS handshake with " + address + " failed")
                    .satisfies(e -> assertThat(chain(e)).doesNotContain(PASSWORD));
        }
    }

    private static void answerLikeHttp(ServerSocket http) {
        while (!http.isClosed()) {
            try (Socket client = http.accept()) {
                client.getInputStream().read(new byte[4096]);
                client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
            } catch (IOException closed) {
                // the test is over, or the client hung up
            }
        }
    }

    /**
     * Redis' own error for a wrong password echoes nothing, but a cause that held the URI or the password (as
     * Jedis' messages may in other versions) must be scrubbed: the causes are copies with every message scrubbed.
     */
    @Test
    void causesKeepTheirTypesAndStackButNeverThePassword(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        String wrong = "wr/ong?#@%:" + PASSWORD;
        RedisUri uri = RedisUri.parse("redis://:" + java.net.URLEncoder.encode(wrong, StandardCharsets.UTF_8)
                + "@" + redis.server().host() + ":" + redis.server().port());
        assertThat(uri.password()).isEqualTo(wrong);
        RedisErrors errors = new RedisErrors(uri);
        RuntimeException echoing = new redis.clients.jedis.exceptions.JedisConnectionException(
                "could not send AUTH " + wrong, new IOException("peer said " + wrong));
        BrokerException translated = errors.translate(echoing, "connecting");
        assertThat(translated).isInstanceOf(BrokerUnavailableException.class);
        assertThat(translated.getCause()).isInstanceOf(RedactedCause.class)
                .hasToString("redis.clients.jedis.exceptions.JedisConnectionException: could not send AUTH ***");
        assertThat(translated.getCause().getCause()).hasToString("java.io.IOException: peer said ***");
        assertThat(translated.getCause().getStackTrace()).isEqualTo(echoing.getStackTrace());
        assertThat(chain(translated)).doesNotContain(wrong).doesNotContain(PASSWORD);

        assertThatThrownBy(() -> Broker.connect(uri, BrokerOptions.DEFAULTS))
                .isInstanceOf(BrokerAuthException.class)
                .satisfies(e -> assertThat(e.getCause()).isNotNull())
                .satisfies(e -> assertThat(chain(e)).doesNotContain(wrong).doesNotContain(PASSWORD));
    }

    /** An error Redis answers (here a script's) is not an outage: the caller must not wait for it to pass. */
    @Test
    void anErrorRedisAnswersIsNeitherAnOutageNorACredentialsProblem(RedisFixture redis) {
        RedisErrors errors = new RedisErrors(RedisUri.parse(redis.uri()));
        RuntimeException scriptError;
        try (Jedis jedis = new Jedis(redis.server().host(), redis.server().port())) {
            jedis.eval("return redis.call('INCR', KEYS[1])", 1, redis.queue() + ":not-a-number");
            jedis.set(redis.queue() + ":text", "abc");
            jedis.eval("return redis.call('INCR', KEYS[1])", 1, redis.queue() + ":text");
            throw new AssertionError("INCR of text succeeded");
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            scriptError = e;
        }
        BrokerException translated = errors.translate(scriptError, "running a script");
        assertThat(translated).isExactlyInstanceOf(BrokerException.class)
                .hasMessageContaining("answered an error while running a script");
    }

    /** What a log prints of an exception: every message of the chain, and the stack. */
    static String chain(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
