package io.flexledger.agents.cems;

import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.io.MalformedProblemException;
import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code flex cems solve FILE}: optimises one home-day file and prints its cems-result on standard
 * output. Exit 0: result printed; 2: malformed file (or bad usage); 3: infeasible day; 1: internal
 * solver error (not expected).
 */
public final class CemsCommand {

    private CemsCommand() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code. */
    static int run(String[] args) {
        if (args.length != 2 || !"solve".equals(args[0])) {
            System.err.println("usage: flex cems solve FILE");
            return 2;
        }
        HomeDay day;
        try {
            day = HomeDayJson.read(Path.of(args[1]));
        } catch (IOException e) {
            System.err.println("$: cannot read " + args[1] + ": " + e.getMessage());
            return 2;
        } catch (MalformedProblemException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        CemsResult result;
        try {
            result = new CemsOptimiser().solve(day);
        } catch (InfeasibleProblemException e) {
            System.err.println("infeasible: " + e.getMessage());
            return 3;
        } catch (RuntimeException e) {
            System.err.println("cems: solver error: " + e.getMessage());
            return 1;
        }
        System.out.println(HomeDayJson.write(result));
        return 0;
    }
}
