package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.QueueKeys;
import io.kubernetes.client.custom.Quantity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every kustomization under k8s/ (the base and each overlay) rendered with kubectl kustomize, each object
 * validated against the Kubernetes API schema (KEDA's CRD schema for the ScaledObject), and the rendered
 * objects checked against each other and against the runner they deploy: what a cluster would only tell us at
 * apply time, or never (a Secret in the wrong namespace, a KEDA trigger on a list the runners do not use).
 */
class KubernetesManifestsTest {

    private static final String NAMESPACE = "scatter";
    private static final String RUNNER = "scatter-runner";
    private static final String REDIS = "scatter-redis";
    private static final String DASHBOARD = "scatter-dashboard";
    /** The Secret holding the Redis password; an overlay may generate it, or leave it to be created (README). */
    private static final String REDIS_SECRET = "scatter-redis";
    /** How much longer than the drain deadline the grace period must be: JVM exit and the hand-back. */
    private static final Duration GRACE_MARGIN = Duration.ofSeconds(10);

    static Stream<String> kustomizations() throws IOException {
        try (Stream<Path> overlays = Files.list(Repo.file("k8s/overlays"))) {
            List<String> names = new ArrayList<>(List.of("base"));
            overlays.filter(Files::isDirectory).map(p -> "overlays/" + p.getFileName()).sorted().forEach(names::add);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyObjectIsValidAgainstTheApiSchema(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        assertThat(rendered.objects()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (JsonNode object : rendered.objects()) {
            problems.addAll(KubernetesSchema.problems(object));
        }
        assertThat(problems).as(kustomization).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everythingIsInOneNamespaceThatEnforcesTheRestrictedStandard(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        JsonNode namespace = rendered.get("Namespace", NAMESPACE);
        assertThat(namespace.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
                .isEqualTo("restricted");
        for (JsonNode object : rendered.objects()) {
            if (!object.path("kind").asText().equals("Namespace")) {
                assertThat(object.path("metadata").path("namespace").asText())
                        .as(object.path("kind").asText() + " " + object.path("metadata").path("name").asText())
                        .isEqualTo(NAMESPACE);
            }
        }
    }

    /** The restricted Pod Security Standard, plus what the runner needs: requests, limits, a writable /tmp. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyPodIsRestrictedAndBounded(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        assertThat(rendered.podTemplates()).isNotEmpty();
        rendered.podTemplates().forEach((owner, template) -> {
            JsonNode pod = template.path("spec");
            for (String hostAccess : List.of("hostNetwork", "hostPID", "hostIPC")) {
                assertThat(pod.path(hostAccess).asBoolean(false)).as(owner + " " + hostAccess).isFalse();
            }
            pod.path("volumes").forEach(v -> assertThat(v.has("hostPath")).as(owner + " hostPath volume").isFalse());
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                    .as(owner + ": Scatter's pods do not call the Kubernetes API").isFalse();
            for (JsonNode container : Rendered.containers(template)) {
                String what = owner + " container " + container.path("name").asText();
                JsonNode context = container.path("securityContext");
                assertThat(effective(pod, container, "runAsNonRoot").asBoolean(false)).as(what + " runAsNonRoot").isTrue();
                assertThat(effective(pod, container, "runAsUser").asInt(0)).as(what + " runAsUser").isPositive();
                assertThat(effective(pod, container, "seccompProfile").path("type").asText())
                        .as(what + " seccompProfile").isIn("RuntimeDefault", "Localhost");
                assertThat(context.path("allowPrivilegeEscalation").asBoolean(true)).as(what + " allowPrivilegeEscalation")
                        .isFalse();
                assertThat(context.path("privileged").asBoolean(false)).as(what + " privileged").isFalse();
                assertThat(context.path("readOnlyRootFilesystem").asBoolean(false)).as(what + " readOnlyRootFilesystem")
                        .isTrue();
                assertThat(texts(context.path("capabilities").path("drop"))).as(what + " drops").contains("ALL");
                assertThat(context.path("capabilities").path("add").size()).as(what + " adds capabilities").isZero();
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(container.path("resources").path(bound).path(resource).asText())
                                .as(what + " resources." + bound + "." + resource).isNotEmpty();
                    }
                }
                if (isScatterImage(container)) {
                    assertThat(mountsEmptyDirAt(pod, container, "/tmp"))
                            .as(what + ": the JVM writes to /tmp, and the root filesystem is read-only").isTrue();
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void imagesArePinned(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        rendered.podTemplates().forEach((owner, template) -> {
            for (JsonNode container : Rendered.containers(template)) {
                String image = container.path("image").asText();
                String what = owner + " container " + container.path("name").asText() + " image " + image;
                String tag = tagOf(image);
                assertThat(tag).as(what + ": a tag").isNotEmpty().isNotEqualTo("latest");
                if (!isScatterImage(container)) {
                    assertThat(image).as(what + ": third-party images are pinned by digest").contains("@sha256:");
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void referencesResolve(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        Set<String> secrets = names(rendered, "Secret");
        Set<String> configMaps = names(rendered, "ConfigMap");
        rendered.podTemplates().forEach((owner, template) -> {
            for (JsonNode container : Rendered.containers(template)) {
                for (JsonNode env : container.path("env")) {
                    JsonNode secretRef = env.path("valueFrom").path("secretKeyRef");
                    if (!secretRef.isMissingNode()) {
                        String name = secretRef.path("name").asText();
                        assertThat(secrets.contains(name) || (name.equals(REDIS_SECRET) && secrets.isEmpty()))
                                .as(owner + " env " + env.path("name").asText() + " reads Secret " + name
                                        + ": rendered here, or the documented one created beforehand")
                                .isTrue();
                    }
                }
            }
            for (JsonNode volume : template.path("spec").path("volumes")) {
                if (volume.has("configMap")) {
                    assertThat(configMaps).as(owner + " volume " + volume.path("name").asText())
                            .contains(volume.path("configMap").path("name").asText());
                }
            }
        });
        for (JsonNode service : rendered.kind("Service")) {
            assertThat(matchingTemplates(rendered, service.path("spec").path("selector")))
                    .as("Service " + service.path("metadata").path("name").asText() + " selects pods").isNotEmpty();
        }
        for (JsonNode budget : rendered.kind("PodDisruptionBudget")) {
            assertThat(matchingTemplates(rendered, budget.path("spec").path("selector").path("matchLabels")))
                    .as("PodDisruptionBudget " + budget.path("metadata").path("name").asText())
                    .containsExactly("Deployment " + RUNNER);
        }
        // Overlays for a Redis outside the kustomization (Sentinel, a managed Cluster) have no StatefulSet.
        rendered.find("StatefulSet", REDIS).ifPresent(redis -> {
            JsonNode headless = rendered.get("Service", redis.path("spec").path("serviceName").asText());
            assertThat(headless.path("spec").path("clusterIP").asText()).as("the StatefulSet's Service is headless")
                    .isEqualTo("None");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void runnersDrainWithinTheirGracePeriodAndAreProbedOnTheirOwnPort(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        JsonNode template = rendered.podTemplate("Deployment", RUNNER);
        JsonNode container = container(template, "runner");
        List<String> args = texts(container.path("args"));
        assertThat(args).as("the image's entry point takes the command first").first().isEqualTo("runner");
        CommandSpec runner = Clis.runner(args.subList(1, args.size()));

        Duration grace = Duration.ofSeconds(template.path("spec").path("terminationGracePeriodSeconds").asLong(30));
        assertThat(grace).as("terminationGracePeriodSeconds against the runner's drain deadline")
                .isGreaterThanOrEqualTo(Clis.drain(runner).plus(GRACE_MARGIN));

        Integer port = Clis.httpPort(runner);
        assertThat(port).as("--http-port").isNotNull();
        JsonNode http = port(container, "http");
        assertThat(http.path("containerPort").asInt()).isEqualTo(port);
        assertThat(probe(container, "livenessProbe")).isEqualTo("/healthz on http");
        assertThat(probe(container, "readinessProbe")).isEqualTo("/readyz on http");
        assertThat(probe(container, "startupProbe")).isEqualTo("/healthz on http");
    }

    /**
     * The dashboard: arguments submit accepts, read-only or with a token (it listens on the pod's address), its
     * port probed (alive on /livez, ready while Redis answers on /healthz) and reached through a ClusterIP Service.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theDashboardIsProbedAndReachedThroughAClusterIpService(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        JsonNode template = rendered.podTemplate("Deployment", DASHBOARD);
        JsonNode container = container(template, "dashboard");
        List<String> args = texts(container.path("args"));
        assertThat(args).first().isEqualTo("submit");
        Map<String, String> env = new java.util.HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("valueFrom") ? "a-value-from-a-secret-or-field" : e.path("value").asText()));
        CommandSpec dashboard = Clis.dashboard(args.subList(1, args.size()), env);
        int port = dashboard.findOption("--port").getValue();
        assertThat(port(container, "http").path("containerPort").asInt()).isEqualTo(port);
        assertThat(probe(container, "livenessProbe")).isEqualTo("/livez on http");
        assertThat(probe(container, "startupProbe")).isEqualTo("/livez on http");
        assertThat(probe(container, "readinessProbe")).isEqualTo("/healthz on http");
        JsonNode service = rendered.get("Service", DASHBOARD);
        assertThat(service.path("spec").path("type").asText("ClusterIP")).isEqualTo("ClusterIP");
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        assertThat(matchingTemplates(rendered, service.path("spec").path("selector"))).containsExactly("Deployment " + DASHBOARD);
    }

    /**
     * The password reaches Redis, the runners and the Job only from the Secret: REDIS_URL refers to it as
     * $(REDIS_PASSWORD), which Kubernetes expands only from a variable defined before it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theRedisPasswordComesOnlyFromTheSecret(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        Pattern userInfo = Pattern.compile("rediss?://([^@/]*)@");
        rendered.podTemplates().forEach((owner, template) -> {
            for (JsonNode container : Rendered.containers(template)) {
                List<String> defined = new ArrayList<>();
                for (JsonNode env : container.path("env")) {
                    String name = env.path("name").asText();
                    String value = env.path("value").asText("");
                    Matcher m = userInfo.matcher(value);
                    if (m.find()) {
                        assertThat(m.group(1)).as(owner + " " + name + ": the password is a reference")
                                .isEqualTo(":$(REDIS_PASSWORD)");
                        assertThat(defined).as(owner + " " + name + ": REDIS_PASSWORD is defined before it")
                                .contains("REDIS_PASSWORD");
                    }
                    if (name.equals("REDIS_PASSWORD") || name.equals("REDISCLI_AUTH")) {
                        assertThat(env.path("valueFrom").path("secretKeyRef").path("key").asText())
                                .as(owner + " " + name).isEqualTo("password");
                    }
                    defined.add(name);
                }
                List<String> commandLine = new ArrayList<>(texts(container.path("command")));
                commandLine.addAll(texts(container.path("args")));
                for (String word : commandLine) {
                    assertThat(word).as(owner + ": no password on a command line, where `ps` shows it")
                            .doesNotContain("--requirepass").doesNotContain("redis-cli -a").doesNotContain("AUTH ");
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void redisKeepsEveryAcknowledgedWriteOnItsVolume(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        org.junit.jupiter.api.Assumptions.assumeTrue(rendered.find("StatefulSet", REDIS).isPresent(),
                "Redis runs outside this kustomization (RedisHighAvailabilityOverlaysTest checks it)");
        JsonNode statefulSet = rendered.get("StatefulSet", REDIS);
        JsonNode template = statefulSet.path("spec").path("template");
        JsonNode redis = container(template, "redis");
        Map<String, String> config = redisConfig(rendered, template, redis);
        assertThat(config).containsEntry("appendonly", "yes").containsEntry("maxmemory-policy", "noeviction")
                .containsEntry("include", "/run/redis/auth.conf");
        String dataDir = config.get("dir");
        JsonNode claim = statefulSet.path("spec").path("volumeClaimTemplates").path(0);
        assertThat(mountPath(redis, claim.path("metadata").path("name").asText()))
                .as("the persistent volume holds the data directory").isEqualTo(dataDir);
        long maxmemory = redisBytes(config.get("maxmemory"));
        long limit = new Quantity(redis.path("resources").path("limits").path("memory").asText()).getNumber().longValue();
        assertThat(limit).as("memory limit: room above maxmemory for the fork of an AOF rewrite")
                .isGreaterThanOrEqualTo(maxmemory * 3 / 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void oneAutoscalerAtMostAndItOwnsTheReplicaCount(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        List<String> targets = new ArrayList<>();
        rendered.kind("ScaledObject").forEach(o -> targets.add(o.path("spec").path("scaleTargetRef").path("name").asText()));
        rendered.kind("HorizontalPodAutoscaler")
                .forEach(o -> targets.add(o.path("spec").path("scaleTargetRef").path("name").asText()));
        assertThat(targets).doesNotHaveDuplicates();
        for (String target : targets) {
            JsonNode deployment = rendered.get("Deployment", target);
            assertThat(deployment.path("spec").has("replicas"))
                    .as(target + ": a fixed replica count would be reset by every apply under an autoscaler").isFalse();
        }
        if (targets.isEmpty()) {
            assertThat(rendered.get("Deployment", RUNNER).path("spec").path("replicas").asInt(0))
                    .as("without an autoscaler, the overlay sets the runner count").isPositive();
        }
    }

    /**
     * The KEDA triggers read what the runners really use: the ready list of each queue they serve (by the key
     * layout of broker-client) on the Redis they connect to, and the runners' /backlog through their Service.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void kedaWatchesTheRunnersQueuesAndTheirBacklog(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        for (JsonNode scaledObject : rendered.kind("ScaledObject")) {
            JsonNode spec = scaledObject.path("spec");
            JsonNode deployment = rendered.get("Deployment", spec.path("scaleTargetRef").path("name").asText());
            JsonNode runnerContainer = container(deployment.path("spec").path("template"), "runner");
            List<String> args = texts(runnerContainer.path("args"));
            CommandSpec runner = Clis.runner(args.subList(1, args.size()));
            String namespace = scaledObject.path("metadata").path("namespace").asText();

            Set<String> expectedLists = new HashSet<>();
            Clis.queues(runner).forEach(q -> expectedLists.add(new QueueKeys(q).ready()));
            Set<String> watchedLists = new HashSet<>();
            boolean backlog = false;
            for (JsonNode trigger : spec.path("triggers")) {
                JsonNode metadata = trigger.path("metadata");
                switch (trigger.path("type").asText()) {
                    case "redis" -> {
                        watchedLists.add(metadata.path("listName").asText());
                        JsonNode redisService = rendered.get("Service", REDIS);
                        assertThat(metadata.path("address").asText()).isEqualTo(REDIS + "." + namespace
                                + ".svc.cluster.local:" + redisService.path("spec").path("ports").path(0).path("port").asInt());
                        String passwordEnv = metadata.path("passwordFromEnv").asText();
                        assertThat(env(runnerContainer, passwordEnv).path("valueFrom").path("secretKeyRef").path("key")
                                .asText()).as("passwordFromEnv names the runner's password variable").isEqualTo("password");
                    }
                    case "redis-sentinel", "redis-cluster" -> {
                        // A Redis outside the kustomization: RedisHighAvailabilityOverlaysTest checks the address.
                        watchedLists.add(metadata.path("listName").asText());
                        String passwordEnv = metadata.path("passwordFromEnv").asText();
                        assertThat(env(runnerContainer, passwordEnv).path("valueFrom").path("secretKeyRef").path("key")
                                .asText()).as("passwordFromEnv names the runner's password variable").isEqualTo("password");
                    }
                    case "metrics-api" -> {
                        backlog = true;
                        URI url = URI.create(metadata.path("url").asText());
                        JsonNode service = rendered.get("Service", RUNNER);
                        JsonNode servicePort = service.path("spec").path("ports").path(0);
                        assertThat(url.getHost()).isEqualTo(RUNNER + "." + namespace + ".svc.cluster.local");
                        assertThat(url.getPort()).isEqualTo(servicePort.path("port").asInt());
                        assertThat(servicePort.path("targetPort").asText()).isEqualTo("http");
                        assertThat(url.getPath()).isEqualTo("/backlog");
                        assertThat(metadata.path("valueLocation").asText())
                                .as("ready + delayed + in flight, so busy runners are not scaled away")
                                .isEqualTo("outstanding");
                    }
                    default -> throw new AssertionError("unexpected trigger " + trigger);
                }
            }
            assertThat(watchedLists).as("redis triggers: one per queue served, for scaling from zero")
                    .isEqualTo(expectedLists);
            assertThat(backlog).as("a trigger on the backlog with in-flight tasks").isTrue();
            assertThat(spec.path("minReplicaCount").asInt(0)).isLessThanOrEqualTo(spec.path("maxReplicaCount").asInt(100));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theSweepJobSubmitsOnceWithArgumentsSubmitAccepts(String kustomization) {
        Rendered rendered = Rendered.of(kustomization);
        JsonNode job = rendered.get("Job", "scatter-sweep");
        assertThat(job.path("spec").path("backoffLimit").asInt(6)).as("never submit twice").isZero();
        JsonNode template = job.path("spec").path("template");
        assertThat(template.path("spec").path("restartPolicy").asText()).isEqualTo("Never");
        List<String> args = texts(container(template, "submit").path("args"));
        assertThat(args).first().isEqualTo("submit");
        assertThat(args).element(1).isEqualTo("sweep");
        Clis.parseSubmit(args.subList(1, args.size()));
    }

    // ---- helpers ----

    static JsonNode container(JsonNode podTemplate, String name) {
        for (JsonNode c : Rendered.containers(podTemplate)) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode effective(JsonNode pod, JsonNode container, String field) {
        JsonNode own = container.path("securityContext").path(field);
        return own.isMissingNode() ? pod.path("securityContext").path(field) : own;
    }

    private static boolean isScatterImage(JsonNode container) {
        String image = container.path("image").asText();
        return image.equals("scatter") || image.startsWith("scatter:") || image.contains("/scatter:");
    }

    private static boolean mountsEmptyDirAt(JsonNode pod, JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String tagOf(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(colon + 1) : "";
    }

    private static Set<String> names(Rendered rendered, String kind) {
        Set<String> names = new HashSet<>();
        rendered.kind(kind).forEach(o -> names.add(o.path("metadata").path("name").asText()));
        return names;
    }

    private static List<String> matchingTemplates(Rendered rendered, JsonNode selector) {
        List<String> owners = new ArrayList<>();
        rendered.podTemplates().forEach((owner, template) -> {
            JsonNode labels = template.path("metadata").path("labels");
            boolean all = selector.size() > 0;
            for (var entry : selector.properties()) {
                all &= labels.path(entry.getKey()).asText().equals(entry.getValue().asText());
            }
            if (all) {
                owners.add(owner);
            }
        });
        return owners;
    }

    private static JsonNode port(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port;
            }
        }
        throw new AssertionError("no port " + name + " on container " + container.path("name").asText());
    }

    private static String probe(JsonNode container, String kind) {
        JsonNode get = container.path(kind).path("httpGet");
        return get.path("path").asText() + " on " + get.path("port").asText();
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(name)) {
                return env;
            }
        }
        throw new AssertionError("no env " + name + " on container " + container.path("name").asText());
    }

    private static String mountPath(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("volume " + volume + " is not mounted in " + container.path("name").asText());
    }

    /** redis.conf as the server reads it, from the ConfigMap mounted where the container's command points. */
    private static Map<String, String> redisConfig(Rendered rendered, JsonNode template, JsonNode redis) {
        String command = String.join(" ", texts(redis.path("command"))) + " " + String.join(" ", texts(redis.path("args")));
        Matcher file = Pattern.compile("redis-server (\\S+)").matcher(command);
        assertThat(file.find()).as("redis-server is started with a config file: " + command).isTrue();
        Path configPath = Path.of(file.group(1));
        String volume = null;
        for (JsonNode mount : redis.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(configPath.getParent().toString())) {
                volume = mount.path("name").asText();
            }
        }
        assertThat(volume).as(configPath.getParent() + " is mounted").isNotNull();
        String configMap = null;
        for (JsonNode v : template.path("spec").path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                configMap = v.path("configMap").path("name").asText();
            }
        }
        String text = rendered.get("ConfigMap", configMap).path("data").path(configPath.getFileName().toString()).asText();
        Map<String, String> config = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] parts = trimmed.split("\\s+", 2);
                config.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return config;
    }

    /** Redis's memory units: 1mb = 1024*1024 bytes, 1m = 1000000 (redis.conf's own convention). */
    private static long redisBytes(String value) {
        Matcher m = Pattern.compile("(\\d+)(gb|mb|kb|g|m|k|b)?").matcher(value.toLowerCase(java.util.Locale.ROOT));
        assertThat(m.matches()).as("maxmemory " + value).isTrue();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit) {
            case "gb" -> n << 30;
            case "mb" -> n << 20;
            case "kb" -> n << 10;
            case "g" -> n * 1_000_000_000L;
            case "m" -> n * 1_000_000L;
            case "k" -> n * 1_000L;
            default -> n;
        };
    }
}
