package io.flexledger.agents.cems.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.cems.HomeDayGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to valid home-day files: whatever field is removed, retyped or added, the
 * reader refuses the file with a message that starts with that field's JSON path.
 */
class HomeDayJsonMutationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every field path of a document (objects and array entries), with its node. */
    private static void paths(JsonNode node, String path, List<String> out, List<JsonNode> parents) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                out.add(path + "." + k);
                parents.add(node);
                paths(node.get(k), path + "." + k, out, parents);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(path + "[" + i + "]");
                parents.add(node);
                paths(node.get(i), path + "[" + i + "]", out, parents);
            }
        }
    }

    private static String last(String path) {
        int dot = path.lastIndexOf('.');
        return path.substring(dot + 1);
    }

    @Test
    void aRemovedFieldIsNamedAsMissing() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        int tried = 0;
        for (int seed = 0; seed < 40; seed++) {
            JsonNode doc = MAPPER.readTree(HomeDayJson.write(HomeDayGenerator.generate(seed)));
            List<String> paths = new ArrayList<>();
            List<JsonNode> parents = new ArrayList<>();
            paths(doc, "$", paths, parents);
            // object fields other than the optional parts are required
            List<Integer> required = new ArrayList<>();
            for (int k = 0; k < paths.size(); k++) {
                if (parents.get(k).isObject()
                        && !List.of("battery", "ev", "deferrable", "interruptible")
                                .contains(last(paths.get(k)))) {
                    required.add(k);
                }
            }
            int i = required.get(rnd.nextInt(required.size()));
            String path = paths.get(i);
            ((ObjectNode) parents.get(i)).remove(last(path));
            MalformedProblemException e = catchThrowableOfType(
                    MalformedProblemException.class, () -> HomeDayJson.read(MAPPER.writeValueAsString(doc)));
            assertThat(e).as(path).isNotNull();
            assertThat(e.getMessage()).isEqualTo(path + ": missing");
            tried++;
        }
        assertThat(tried).isEqualTo(40);
    }

    @Test
    void aNumberTurnedIntoTextIsNamed() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2);
        int tried = 0;
        for (int seed = 0; seed < 40; seed++) {
            JsonNode doc = MAPPER.readTree(HomeDayJson.write(HomeDayGenerator.generate(seed)));
            List<String> paths = new ArrayList<>();
            List<JsonNode> parents = new ArrayList<>();
            paths(doc, "$", paths, parents);
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                if (valueAt(parents.get(i), paths.get(i)).isNumber()) {
                    numbers.add(i);
                }
            }
            int i = numbers.get(rnd.nextInt(numbers.size()));
            String path = paths.get(i);
            JsonNode parent = parents.get(i);
            if (parent.isObject()) {
                ((ObjectNode) parent).put(last(path), "12");
            } else {
                ((ArrayNode) parent).set(index(path), MAPPER.getNodeFactory().textNode("12"));
            }
            MalformedProblemException e = catchThrowableOfType(
                    MalformedProblemException.class, () -> HomeDayJson.read(MAPPER.writeValueAsString(doc)));
            assertThat(e).as(path).isNotNull();
            assertThat(e.getMessage()).as(path).startsWith(path + ": not a");
            tried++;
        }
        assertThat(tried).isEqualTo(40);
    }

    @Test
    void anUnknownFieldIsNamedWherever() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int seed = 0; seed < 40; seed++) {
            JsonNode doc = MAPPER.readTree(HomeDayJson.write(HomeDayGenerator.generate(seed)));
            List<ObjectNode> objects = new ArrayList<>();
            List<String> where = new ArrayList<>();
            objects.add((ObjectNode) doc);
            where.add("$");
            for (String part : List.of("battery", "ev")) {
                if (doc.has(part)) {
                    objects.add((ObjectNode) doc.get(part));
                    where.add("$." + part);
                }
            }
            for (String list : List.of("deferrable", "interruptible")) {
                for (int k = 0; doc.has(list) && k < doc.get(list).size(); k++) {
                    objects.add((ObjectNode) doc.get(list).get(k));
                    where.add("$." + list + "[" + k + "]");
                }
            }
            int i = rnd.nextInt(objects.size());
            objects.get(i).put("note", 1);
            MalformedProblemException e = catchThrowableOfType(
                    MalformedProblemException.class, () -> HomeDayJson.read(MAPPER.writeValueAsString(doc)));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).isEqualTo(where.get(i) + ".note: unknown field");
        }
    }

    private static JsonNode valueAt(JsonNode parent, String path) {
        return parent.isObject() ? parent.get(last(path)) : parent.get(index(path));
    }

    private static int index(String path) {
        return Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1));
    }
}
