package io.flexledger.clearing.community;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code flex community-clear FILE [--seconds N]}: reads a community-market input (README "Optimiser file
 * formats", section 3), clears it with {@link CommunityMarket} and prints its {@code community-result} on
 * standard output.
 *
 * <p>Exit 0: result printed. Exit 2: malformed file or arguments, one line on standard error that starts
 * with the JSON path of the bad field. Without {@code --seconds} the search stops after 0.5 s without a
 * better matching and 5 s after the start in any case ({@link CommunityLimit#standard()}).
 */
public final class CommunityClearCommand {

    private static final String USAGE = "flex community-clear FILE [--seconds N]";

    private CommunityClearCommand() {}

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("io.micrometer").setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        CommunityLimit limit = CommunityLimit.standard();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--seconds")) {
                if (i + 1 >= args.length) {
                    err.println("flex community-clear: --seconds needs a value");
                    return 2;
                }
                String v = args[++i];
                double s;
                try {
                    s = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    s = Double.NaN;
                }
                if (!(s > 0) || Double.isInfinite(s)) {
                    err.println("flex community-clear: --seconds must be a positive number, got '" + v + "'");
                    return 2;
                }
                limit = CommunityLimit.seconds(s);
            } else if (a.startsWith("--") || file != null) {
                err.println("flex community-clear: unexpected argument '" + a + "' (usage: " + USAGE + ")");
                return 2;
            } else {
                file = a;
            }
        }
        if (file == null) {
            err.println("flex community-clear: no input file (usage: " + USAGE + ")");
            return 2;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            err.println("$: cannot read " + file + " (" + e.getMessage() + ")");
            return 2;
        }
        CommunityFile.Input input;
        try {
            input = CommunityFile.parse(text);
        } catch (InvalidCommunityException e) {
            err.println(e.getMessage());
            return 2;
        }
        CommunityResult result = new CommunityMarket(limit).clear(input.day(), input.pricing(), OfferTerms.standard());
        out.println(CommunityFile.write(input.day(), result));
        out.flush();
        return 0;
    }
}
