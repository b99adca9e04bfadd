package io.flexledger.clearing.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.flexledger.clearing.model.ClearingResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a {@code clearing-result} document with numbers at full precision; {@code lowerBound} and
 * {@code provenGapPct} (optional fields) are printed when the result carries a finite bound.
 */
public final class ResultWriter {

    private final JsonFactory factory = new JsonFactory();

    /** The result as one JSON document (no trailing newline). */
    public String write(ClearingResult result) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", "clearing-result");
            g.writeStringField("id", result.id());
            g.writeNumberField("cost", result.costEur());
            g.writeObjectFieldStart("accepted");
            for (Map.Entry<String, Double> e : result.accepted().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("unservedKw");
            for (Map.Entry<String, Double> e : result.unservedKw().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("solveMillis", result.solveMillis());
            // optional (formats README section 2): only a finite bound is printed, with its gap
            if (result.provenGapPct().isPresent()) {
                g.writeNumberField("lowerBound", result.lowerBoundEur().getAsDouble());
                g.writeNumberField("provenGapPct", result.provenGapPct().getAsDouble());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
