package dev.scatter.deploy;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The reactor as pom.xml declares it: module directories, their artifact ids, their dependencies on each other. */
final class MavenModules {

    private final Map<String, String> directoryByArtifact = new LinkedHashMap<>();
    private final Map<String, List<String>> projectDependencies = new LinkedHashMap<>();

    private MavenModules(Path root) {
        for (String module : childTexts(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            Element project = parse(root.resolve(module).resolve("pom.xml")).getDocumentElement();
            String artifactId = childText(project, "artifactId");
            directoryByArtifact.put(artifactId, module);
            List<String> dependencies = new ArrayList<>();
            Element deps = child(project, "dependencies");
            if (deps != null) {
                for (Element dependency : children(deps, "dependency")) {
                    if ("dev.scatter".equals(childText(dependency, "groupId"))) {
                        dependencies.add(childText(dependency, "artifactId"));
                    }
                }
            }
            projectDependencies.put(artifactId, dependencies);
        }
    }

    static MavenModules of(Path root) {
        return new MavenModules(root);
    }

    /** Every module directory listed in the parent pom. */
    List<String> directories() {
        return List.copyOf(directoryByArtifact.values());
    }

    /** What {@code -pl MODULES -am} builds: the modules and every module they depend on, as directories. */
    Set<String> alsoMake(List<String> moduleDirectories) {
        Set<String> result = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String dir : moduleDirectories) {
            pending.add(artifactOf(dir));
        }
        while (!pending.isEmpty()) {
            String artifact = pending.pop();
            String dir = directoryByArtifact.get(artifact);
            if (dir != null && result.add(dir)) {
                pending.addAll(projectDependencies.getOrDefault(artifact, List.of()));
            }
        }
        return result;
    }

    private String artifactOf(String directory) {
        return directoryByArtifact.entrySet().stream().filter(e -> e.getValue().equals(directory)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no module in directory " + directory));
    }

    private static Document parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String childText(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static List<String> childTexts(Element parent, String container, String name) {
        Element c = child(parent, container);
        return c == null ? List.of() : children(c, name).stream().map(e -> e.getTextContent().strip()).toList();
    }
}
