package io.flexledger.agents.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Household;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a scenario-day's home-days as files of formats section 1 ({@code DIR/<id>.json}) and an
 * {@code index.json} naming each file with its home, feeder, phase, congestion points, category
 * and devices. Every file is read back with the CEMS codec before the index is written.
 */
public final class HomeDayExport {

    /** Name of the index file. */
    public static final String INDEX = "index.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] PHASE_NAMES = {"L1", "L2", "L3"};

    private HomeDayExport() {}

    /** Writes the files and returns the path of the index. */
    public static Path write(
            Path dir, ScenarioGenerator generator, Scenario scenario, TypicalDay day, List<GeneratedHome> homes)
            throws IOException {
        LvNetwork network = generator.network();
        Files.createDirectories(dir);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (GeneratedHome g : homes) {
            String json = HomeDayJson.write(g.day());
            Path file = dir.resolve(g.id() + ".json");
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
            // what we write must be what the CEMS accepts
            HomeDay back = HomeDayJson.read(file);
            if (!back.id().equals(g.id())) {
                throw new IllegalStateException("re-read " + file + " gave id " + back.id());
            }
            entries.add(entry(network, scenario, g, file.getFileName().toString()));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("kind", "pontypool-home-days");
        index.put("scenario", scenario.number());
        index.put("day", day.number());
        index.put("season", day.season().label());
        index.put("dayType", day.dayType().label());
        index.put("seed", generator.seed());
        index.put("transformer", network.transformer().id());
        index.put("homes", entries);
        Path indexFile = dir.resolve(INDEX);
        Files.writeString(indexFile, MAPPER.writeValueAsString(index) + "\n", StandardCharsets.UTF_8);
        return indexFile;
    }

    private static Map<String, Object> entry(LvNetwork network, Scenario scenario, GeneratedHome g, String file) {
        HomeDay d = g.day();
        String feeder = network.feederIds().get(g.household().home().feeder());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", g.id());
        e.put("file", file);
        e.put("home", g.household().home().id());
        e.put("feeder", feeder);
        e.put("phase", PHASE_NAMES[g.household().home().phase()]);
        e.put("congestionPoints", List.of(network.transformer().id(), feeder));
        e.put("category", g.household().category().label());
        e.put("tariff", g.tariff().label());
        boolean pv = g.household().has(Household.Technology.PV, scenario, network.homeCount());
        e.put("pvKwp", pv ? g.household().pvKwp() : 0.0);
        e.put("battery", d.battery() != null);
        e.put("ev", d.ev() != null);
        e.put(
                "deferrable",
                d.deferrable().stream().map(HomeDay.Deferrable::name).toList());
        e.put(
                "interruptible",
                d.interruptible().stream().map(HomeDay.Interruptible::name).toList());
        return e;
    }
}
