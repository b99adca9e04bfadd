package io.flexledger.agents.cems.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.cems.HomeDayGenerator;
import io.flexledger.agents.cems.model.HomeDay;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HomeDayJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A small valid day with every optional part. */
    private static ObjectNode valid() throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"kind":"home-day","id":"h1","slotMinutes":60,"slots":3,
                 "importPrice":[0.3,0.2,0.3],"exportPrice":[0.05,0.05,0.05],
                 "maxImportKw":9,"maxExportKw":5,"baseLoadKw":[0.5,0.5,0.5],"pvKw":[0,1,0],
                 "battery":{"capacityKwh":5,"maxChargeKw":2,"maxDischargeKw":2,"chargeEfficiency":0.95,
                   "dischargeEfficiency":0.95,"initialSocKwh":1,"minSocKwh":0.5,"finalSocKwh":1},
                 "ev":{"arrivalSlot":1,"departureSlot":3,"energyKwh":2,"maxChargeKw":3},
                 "deferrable":[{"name":"wm","profileKw":[1],"earliestStartSlot":0,"latestEndSlot":3}],
                 "interruptible":[{"name":"wh","energyKwh":1,"maxKw":1,"earliestSlot":0,"latestSlot":3}]}
                """);
    }

    private static String mutate(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = valid();
        change.accept(n);
        return MAPPER.writeValueAsString(n);
    }

    private static void assertMalformed(String json, String messageStart) {
        assertThatThrownBy(() -> HomeDayJson.read(json))
                .isInstanceOf(MalformedProblemException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void readsEveryField() throws Exception {
        HomeDay d = HomeDayJson.read(MAPPER.writeValueAsString(valid()));
        assertThat(d.id()).isEqualTo("h1");
        assertThat(d.slots()).isEqualTo(3);
        assertThat(d.pvKw()).containsExactly(0, 1, 0);
        assertThat(d.battery().dischargeEfficiency()).isEqualTo(0.95);
        assertThat(d.ev().departureSlot()).isEqualTo(3);
        assertThat(d.deferrable())
                .singleElement()
                .extracting(HomeDay.Deferrable::name)
                .isEqualTo("wm");
        assertThat(d.interruptible().get(0).latestSlot()).isEqualTo(3);
    }

    @Test
    void optionalPartsMayBeAbsentOrNull() throws Exception {
        HomeDay d = HomeDayJson.read(mutate(n -> {
            n.remove("battery");
            n.putNull("ev");
            n.remove("deferrable");
            n.remove("interruptible");
        }));
        assertThat(d.battery()).isNull();
        assertThat(d.ev()).isNull();
        assertThat(d.deferrable()).isEmpty();
        assertThat(d.interruptible()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void writeThenReadGivesTheSameDay(long seed) {
        HomeDay d = HomeDayGenerator.generate(seed);
        String json = HomeDayJson.write(d);
        HomeDay back = HomeDayJson.read(json);
        assertThat(HomeDayJson.write(back)).isEqualTo(json);
        assertThat(back.importPrice()).containsExactly(d.importPrice());
        assertThat(back.deferrable()).hasSameSizeAs(d.deferrable());
    }

    @Test
    void notJson() {
        assertMalformed("{\"kind\": ", "$: not valid JSON");
    }

    @Test
    void unknownField() throws Exception {
        assertMalformed(mutate(n -> n.put("colour", "red")), "$.colour: unknown field");
        assertMalformed(
                mutate(n -> ((ObjectNode) n.get("battery")).put("chemistry", "LFP")),
                "$.battery.chemistry: unknown field");
    }

    @Test
    void missingField() throws Exception {
        assertMalformed(mutate(n -> n.remove("maxExportKw")), "$.maxExportKw: missing");
        assertMalformed(mutate(n -> ((ObjectNode) n.get("ev")).remove("energyKwh")), "$.ev.energyKwh: missing");
    }

    @Test
    void wrongTypes() throws Exception {
        assertMalformed(mutate(n -> n.put("slots", "three")), "$.slots: not a number");
        assertMalformed(mutate(n -> n.put("slotMinutes", 7.5)), "$.slotMinutes: not an integer");
        assertMalformed(mutate(n -> n.put("id", 17)), "$.id: not a string");
        assertMalformed(mutate(n -> n.put("kind", "clearing")), "$.kind:");
        assertMalformed(
                mutate(n -> ((ArrayNode) n.get("pvKw"))
                        .set(1, MAPPER.getNodeFactory().textNode("x"))),
                "$.pvKw[1]: not a number");
    }

    @Test
    void arraySizeMustEqualSlots() throws Exception {
        assertMalformed(mutate(n -> ((ArrayNode) n.get("baseLoadKw")).add(0.1)), "$.baseLoadKw: 4 entries, expected 3");
    }

    @Test
    void valuesOutOfRange() throws Exception {
        assertMalformed(
                mutate(n -> ((ArrayNode) n.get("exportPrice"))
                        .set(2, MAPPER.getNodeFactory().numberNode(0.4))),
                "$.exportPrice[2]: must be <= importPrice[2]");
        assertMalformed(
                mutate(n -> ((ObjectNode) n.get("battery")).put("capacityKwh", 0)),
                "$.battery.capacityKwh: must be > 0");
        assertMalformed(
                mutate(n -> ((ObjectNode) n.get("battery")).put("chargeEfficiency", 1.2)),
                "$.battery.chargeEfficiency: must be in (0, 1]");
        assertMalformed(mutate(n -> n.put("maxImportKw", -1)), "$.maxImportKw: must be >= 0");
        assertMalformed(mutate(n -> ((ObjectNode) n.get("ev")).put("departureSlot", 1)), "$.ev.departureSlot:");
        assertMalformed(
                mutate(n -> ((ObjectNode) n.get("deferrable").get(0)).put("latestEndSlot", 4)),
                "$.deferrable[0].latestEndSlot:");
        assertMalformed(
                mutate(n -> ((ObjectNode) n.get("interruptible").get(0)).put("latestSlot", -1)),
                "$.interruptible[0].latestSlot:");
    }

    @Test
    void duplicateNames() throws Exception {
        assertMalformed(
                mutate(n -> ((ArrayNode) n.get("deferrable"))
                        .add(n.get("deferrable").get(0).deepCopy())),
                "$.deferrable[1].name: duplicate name \"wm\"");
    }

    @Test
    void duplicateKeys() {
        assertMalformed("{\"kind\":\"home-day\",\"kind\":\"home-day\"}", "$: not valid JSON");
    }
}
