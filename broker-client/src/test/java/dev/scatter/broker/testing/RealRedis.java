package dev.scatter.broker.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;

/**
 * Provides a real Redis server to JUnit 5 tests, as a {@link RedisFixture} parameter.
 *
 * <p>Where a Docker engine answers, the server is a Testcontainers container of a pinned image; otherwise a
 * redis-server process on a free port (from PATH, or the binary the embedded-redis artifact ships). Set
 * {@code SCATTER_TEST_REDIS=process} or {@code container} to choose. The system property
 * {@code scatter.redis.server=embedded} selects Redis 6.2 (the bundled binary, or the redis:6.2 image).
 *
 * <p>All tests share one server, each with its own queue name; a parameter annotated {@link DedicatedRedis}
 * gets a server of its own, with the append-only file on, which the test may stop, kill and restart.
 */
public final class RealRedis implements ParameterResolver {

    static final String REDIS_7_IMAGE = "redis:7.2.5";
    static final String REDIS_6_IMAGE = "redis:6.2.14";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealRedis.class);
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static volatile Boolean dockerAvailable;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String queue = queueName(context);
        DedicatedRedis dedicated = parameter.findAnnotation(DedicatedRedis.class).orElse(null);
        try {
            if (dedicated != null) {
                String password = dedicated.password().isEmpty() ? null : dedicated.password();
                RedisBackend own = create(true, password);
                // Closed when the test ends.
                context.getStore(NAMESPACE).put("dedicated-" + parameter.getIndex(), own);
                return new RedisFixture(own, queue);
            }
            RedisBackend shared = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent("shared", key -> announce(create(false, null)), RedisBackend.class);
            return new RedisFixture(shared, queue);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start a Redis server for the test: " + e.getMessage(), e);
        }
    }

    /** A Redis server outside any test, e.g. for a benchmark or a helper process. */
    public static RedisBackend create(boolean appendOnly, String password) {
        String mode = System.getProperty("scatter.test.redis", System.getenv().getOrDefault("SCATTER_TEST_REDIS", "auto"));
        boolean container = mode.equals("container") || (mode.equals("auto") && dockerAvailable());
        if (container) {
            boolean old = "embedded".equals(System.getProperty("scatter.redis.server"));
            return new ContainerBackend(old ? REDIS_6_IMAGE : REDIS_7_IMAGE, appendOnly, password);
        }
        return new ProcessBackend(appendOnly, password);
    }

    private static RedisBackend announce(RedisBackend backend) {
        System.err.println("Redis for the tests: " + backend.describe() + " at " + backend.host() + ":" + backend.port());
        return backend;
    }

    private static boolean dockerAvailable() {
        if (dockerAvailable == null) {
            boolean available;
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                available = false;
            }
            dockerAvailable = available;
        }
        return dockerAvailable;
    }

    private static String queueName(ExtensionContext context) {
        String method = context.getTestMethod().map(m -> m.getName()).orElse("test");
        String safe = method.replaceAll("[^A-Za-z0-9_.-]", "");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        return "t" + QUEUES.incrementAndGet() + "-" + safe;
    }
}
