package io.flexledger.agents.campaign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.flexledger.clearing.io.ResultWriter;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the clearing problems the DSO solved as files of formats section 2 ({@code DIR/<id>.json}),
 * and the simulator's result beside each ({@code DIR/<id>.result.json}), numbers at full precision.
 */
public final class ClearingFiles {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ClearingFiles() {}

    /** Writes a problem and its result; returns the problem file. */
    public static Path write(Path dir, ClearingProblem problem, ClearingResult result) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(problem.id() + ".json");
        Files.writeString(file, problem(problem) + "\n", StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve(problem.id() + ".result.json"),
                new ResultWriter().write(result) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    /** The problem as one JSON document of formats section 2. */
    public static String problem(ClearingProblem p) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("kind", "clearing");
            g.writeStringField("id", p.id());
            g.writeNumberField("slotMinutes", p.slotMinutes());
            g.writeNumberField("slots", p.slots());
            g.writeArrayFieldStart("requests");
            for (Request r : p.requests()) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("congestionPoint", r.congestionPoint());
                g.writeNumberField("slot", r.slot());
                g.writeNumberField("kw", r.kw());
                g.writeNumberField("unservedPenalty", r.unservedPenaltyEurPerKwh());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("offers");
            for (Offer o : p.offers()) {
                g.writeStartObject();
                g.writeStringField("id", o.id());
                g.writeStringField("aggregator", o.aggregator());
                g.writeStringField("congestionPoint", o.congestionPoint());
                g.writeStringField("asset", o.asset());
                g.writeObjectFieldStart("kwBySlot");
                for (int i = 0; i < o.slots().length; i++) {
                    // keys are slot numbers in plain decimal
                    g.writeNumberField(Integer.toString(o.slots()[i]), o.kw()[i]);
                }
                g.writeEndObject();
                g.writeNumberField("price", o.priceEurPerKwh());
                g.writeNumberField("minActivation", o.minActivation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
