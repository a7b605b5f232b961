package dev.scatter.broker.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.scatter.localredis.FreePort;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Testcontainers container, for machines with a Docker engine. The host port is fixed at creation
 * (a free one), so that stopping and starting the container keeps the address clients reconnect to.
 */
final class ContainerBackend implements RedisBackend {

    private final GenericContainer<?> container;
    private final int hostPort;
    private final String password;
    private final String image;

    ContainerBackend(String image, boolean appendOnly, String password) {
        this.image = image;
        this.password = password;
        this.hostPort = FreePort.pick();
        List<String> command = new ArrayList<>(List.of("redis-server", "--save", "", "--appendonly",
                appendOnly ? "yes" : "no", "--appendfsync", "always"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(6379)
                .withCommand(command.toArray(String[]::new))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), ExposedPort.tcp(6379))));
        container.start();
    }

    @Override
    public String uri() {
        return password == null ? "redis://127.0.0.1:" + hostPort
                : "redis://:" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20") + "@127.0.0.1:" + hostPort;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return hostPort;
    }

    @Override
    public void stop() {
        docker().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
    }

    @Override
    public void kill() {
        docker().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start() {
        docker().startContainerCmd(container.getContainerId()).exec();
        Ping.await(host(), hostPort);
    }

    @Override
    public String describe() {
        return "container: " + image;
    }

    @Override
    public void close() {
        container.stop();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
