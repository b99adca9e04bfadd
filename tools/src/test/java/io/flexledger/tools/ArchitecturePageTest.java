package io.flexledger.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code docs/architecture.md} against the code: its picture's arrows are exactly the Maven
 * dependencies of each module's main code, every module of the reactor is in the picture, and every
 * class and method the two flows name exists where the page links it.
 */
class ArchitecturePageTest {
    /** Folders of the reactor that are not Java modules of the product. */
    private static final Set<String> NOT_IN_PICTURE = Set.of("network-config", "it-tests");

    private static final Pattern NODE = Pattern.compile("^\\s*([a-z_]+)\\[([a-z-]+)]\\s*$");
    private static final Pattern ARROW = Pattern.compile("^\\s*([a-z_]+)\\s*-->\\s*([a-z_]+)\\s*$");
    private static final Pattern LINK =
            Pattern.compile("\\[`([A-Za-z]+)(?:\\.([a-zA-Z]+))?`]\\(\\.\\./([^)]+\\.java)\\)");

    private static Path root;
    private static String page;

    @BeforeAll
    static void read() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docs/architecture.md"))) {
            root = root.getParent();
        }
        assertThat(root).as("the checkout holding docs/architecture.md").isNotNull();
        page = Files.readString(root.resolve("docs/architecture.md"));
    }

    @Test
    void thePicturesArrowsAreThePomsDependencies() throws Exception {
        Map<String, String> labels = new HashMap<>();
        Set<String> drawn = new TreeSet<>();
        String diagram =
                page.substring(page.indexOf("```mermaid"), page.indexOf("```", page.indexOf("```mermaid") + 3));
        for (String line : diagram.split("\n")) {
            Matcher node = NODE.matcher(line);
            if (node.matches()) {
                labels.put(node.group(1), node.group(2));
            }
        }
        for (String line : diagram.split("\n")) {
            Matcher arrow = ARROW.matcher(line);
            if (arrow.matches()) {
                assertThat(labels).containsKeys(arrow.group(1), arrow.group(2));
                drawn.add(labels.get(arrow.group(1)) + " -> " + labels.get(arrow.group(2)));
            }
        }

        Set<String> inPoms = new TreeSet<>();
        List<String> modules = modules();
        for (String module : modules) {
            for (String dependency : mainDependencies(module)) {
                inPoms.add(module + " -> " + dependency);
            }
        }

        assertThat(new TreeSet<>(labels.values()))
                .as("every module of the reactor is in the picture")
                .containsExactlyInAnyOrderElementsOf(modules);
        assertThat(drawn).as("the picture's arrows against the poms").isEqualTo(inPoms);
    }

    @Test
    void everyClassAndMethodOfTheFlowsExistsWhereThePageLinksIt() throws IOException {
        Matcher link = LINK.matcher(page);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (link.find()) {
            named++;
            String type = link.group(1);
            String method = link.group(2);
            Path file = root.resolve(link.group(3));
            if (!Files.isRegularFile(file)) {
                missing.add(link.group(3) + " (no such file)");
                continue;
            }
            if (!file.getFileName().toString().equals(type + ".java")) {
                missing.add(type + " is not the class of " + link.group(3));
            }
            if (method != null && !Files.readString(file).matches("(?s).*\\b" + method + "\\(.*")) {
                missing.add(type + "." + method + " (no such method in " + link.group(3) + ")");
            }
        }
        assertThat(named).as("classes the two flows name").isGreaterThanOrEqualTo(20);
        assertThat(missing).isEmpty();
    }

    private static List<String> modules() throws Exception {
        List<String> modules = new ArrayList<>();
        NodeList list = pom(root.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            String module = list.item(i).getTextContent().trim();
            if (!NOT_IN_PICTURE.contains(module)) {
                modules.add(module);
            }
        }
        return modules;
    }

    /** The reactor's modules that {@code module}'s main code depends on (test scope left out). */
    private static List<String> mainDependencies(String module) throws Exception {
        List<String> dependencies = new ArrayList<>();
        Element project = pom(root.resolve(module).resolve("pom.xml"));
        for (Element section : children(project, "dependencies")) {
            for (Element dependency : children(section, "dependency")) {
                String group = text(dependency, "groupId");
                String scope = text(dependency, "scope");
                if ("io.flexledger".equals(group) && !"test".equals(scope)) {
                    dependencies.add(text(dependency, "artifactId"));
                }
            }
        }
        return dependencies;
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(file.toFile())
                .getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }
}
