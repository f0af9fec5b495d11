package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/kubernetes checked offline, as far as that goes without a cluster: every document parses strictly into
 * fabric8's Kubernetes model (a misspelt or misplaced field or a wrong type fails: the model keeps unknown fields
 * aside, and this test finds them), and the manifests agree with each other, with the kustomization, and with the
 * services' configuration and images; and {@code kubectl kustomize} renders them. Not checked: the API server's own
 * validation (required fields, enums, admission) and a real rollout.
 */
class KubernetesManifestsTest {

    private static final Path DIRECTORY = ServiceConfiguration.ROOT.resolve("deploy/kubernetes");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SECRET_KEYS = Set.of("MONGODB_URI", "NEWSFLOW_API_KEY", "INGEST_API_KEYS");

    private final Map<String, Object> kustomization = ServiceConfiguration.map(
            new Yaml().load(ServiceConfiguration.read(DIRECTORY.resolve("kustomization.yaml"))));
    private final List<HasMetadata> resources = listed();

    @Test
    void everyDocumentIsAKubernetesObjectWithOnlyFieldsItsKindHas() {
        List<String> unknown = new ArrayList<>();
        resources.forEach(resource -> unknownFields(resource, name(resource), unknown));

        assertThat(resources).extracting(HasMetadata::getKind).contains("Deployment", "Service", "ConfigMap");
        assertThat(unknown).isEmpty();
    }

    @Test
    void theKustomizationListsEveryManifestAndNamesEveryImage() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !name.equals("kustomization.yaml")))
                    .containsExactlyInAnyOrderElementsOf(strings(kustomization.get("resources")));
        }
        List<String> images = ((List<?>) kustomization.get("images")).stream()
                .map(image -> String.valueOf(ServiceConfiguration.map(image).get("name"))).toList();
        assertThat(deployments()).allSatisfy(deployment -> assertThat(images).contains(container(deployment).getImage()));
    }

    /**
     * What {@code kubectl apply -k} sends: {@code kubectl kustomize} renders every listed manifest into the
     * kustomization's namespace, with the tags its images name, as strictly parseable as the files themselves.
     */
    @Test
    void kubectlKustomizeRendersEveryManifestIntoTheNamespaceWithItsImageTag() {
        Assumptions.assumeTrue(Commands.works("kubectl", "version", "--client"),
                "kubectl is not installed (.ci/run installs Debian's kubernetes-client)");
        List<HasMetadata> rendered = parse(Commands.output(new ProcessBuilder("kubectl", "kustomize", DIRECTORY.toString())));
        List<String> unknown = new ArrayList<>();
        rendered.forEach(resource -> unknownFields(resource, name(resource), unknown));
        Map<String, String> tags = new HashMap<>();
        ((List<?>) kustomization.get("images")).stream().map(ServiceConfiguration::map)
                .forEach(image -> tags.put(String.valueOf(image.get("name")), String.valueOf(image.get("newTag"))));

        assertThat(unknown).isEmpty();
        assertThat(rendered).extracting(KubernetesManifestsTest::name)
                .containsExactlyInAnyOrderElementsOf(resources.stream().map(KubernetesManifestsTest::name).toList());
        assertThat(rendered).allSatisfy(resource -> assertThat(resource.getMetadata().getNamespace())
                .isEqualTo(kustomization.get("namespace")));
        assertThat(rendered).filteredOn(Deployment.class::isInstance).map(Deployment.class::cast).allSatisfy(deployment -> {
            String image = container(deployment(deployment.getMetadata().getName())).getImage();
            assertThat(container(deployment).getImage()).isEqualTo(image + ":" + tags.get(image));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void eachServiceRunsAsItsImageAndConfigurationExpect(String service) {
        Deployment deployment = deployment(service);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(deployment);
        String managementPort = env(container, ServiceConfiguration.MANAGEMENT_PORT);

        assertThat(port(container, "http")).isEqualTo(ServiceConfiguration.serverPort(service));
        assertThat(String.valueOf(port(container, "management"))).isEqualTo(managementPort);
        assertThat(ServiceConfiguration.read(ServiceConfiguration.dockerfile(service)))
                .contains("ENV " + ServiceConfiguration.MANAGEMENT_PORT + "=" + managementPort);
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(ServiceConfiguration.imageUser(service));
        assertThat(pod.getTerminationGracePeriodSeconds()).as("longer than the 30 s the service drains").isGreaterThan(30);
        assertThat(container.getResources().getLimits()).containsKey("memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void eachServiceGetsTheVariablesItReadsAndNoOthers(String service) {
        Container container = container(deployment(service));
        Set<String> environment = new HashSet<>();
        container.getEnv().forEach(variable -> environment.add(variable.getName()));
        container.getEnvFrom().forEach(source -> environment.addAll(configMap(source.getConfigMapRef().getName()).getData().keySet()));
        Map<String, String> placeholders = ServiceConfiguration.placeholders(service);

        assertThat(environment).allSatisfy(variable -> assertThat(placeholders.containsKey(variable)
                || ServiceConfiguration.SPRING_BOOT_VARIABLES.contains(variable)).as("%s reads %s", service, variable).isTrue());
        placeholders.forEach((variable, fallback) -> {
            if (fallback != null && fallback.contains("localhost")) {
                assertThat(environment).as("%s must not fall back to %s in a cluster", variable, fallback).contains(variable);
            }
        });
        assertThat(container.getEnv()).map(EnvVar::getValueFrom).filteredOn(Objects::nonNull)
                .allSatisfy(from -> {
                    assertThat(from.getSecretKeyRef().getName()).isEqualTo("newsflow-secrets");
                    assertThat(SECRET_KEYS).contains(from.getSecretKeyRef().getKey());
                });
    }

    @Test
    void eachServiceSelectsItsPodsAndReachesTheirNamedPorts() {
        for (Deployment deployment : deployments()) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            Service service = resources.stream().filter(Service.class::isInstance).map(Service.class::cast)
                    .filter(candidate -> candidate.getMetadata().getName().equals(deployment.getMetadata().getName()))
                    .findFirst().orElseThrow();
            assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).allSatisfy(port -> assertThat(
                    container(deployment).getPorts().stream().map(ContainerPort::getName)).contains(port.getTargetPort().getStrVal()));
        }
    }

    @Test
    void enrichmentKeepsItsIndexOnAVolumeAndHasNoMoreReplicasThanPartitions() {
        Deployment enrichment = deployment("enrichment-service");
        Container container = container(enrichment);
        String indexDirectory = env(container, "RELATED_INDEX_DIRECTORY");

        assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo(indexDirectory));
        assertThat(enrichment.getSpec().getReplicas()).isLessThanOrEqualTo(6);
        assertThat(ServiceConfiguration.read(DIRECTORY.resolve("kustomization.yaml")))
                .as("the documented secret has every key the services read").contains(SECRET_KEYS.stream().map(key -> key + "=").toList());
    }

    /** The manifests the kustomization lists, as written. */
    private List<HasMetadata> listed() {
        List<HasMetadata> listed = new ArrayList<>();
        for (String file : strings(kustomization.get("resources"))) {
            listed.addAll(parse(ServiceConfiguration.read(DIRECTORY.resolve(file))));
        }
        return listed;
    }

    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                parsed.add((HasMetadata) JSON.convertValue(document, KubernetesResource.class));
            }
        }
        return parsed;
    }

    private static String name(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    private List<Deployment> deployments() {
        return resources.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    private Deployment deployment(String name) {
        return deployments().stream().filter(deployment -> deployment.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private ConfigMap configMap(String name) {
        return resources.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /**
     * The fabric8 model puts a field its type does not have into additionalProperties instead of failing: walk the
     * parsed object and report every such field with its path.
     */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            }
            catch (IllegalAccessException | InvocationTargetException ex) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ServiceConfiguration.map(value).keySet().forEach(field -> unknown.add(path + "." + field));
            }
            else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, unknown);
            }
        }
    }
}
