package io.flexledger.agents.cems;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.CemsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One optimiser shared by several threads gives the same results as solving one day after another. */
class ConcurrentSolveTest {

    @Test
    void sharedOptimiserIsThreadSafe() throws Exception {
        CemsOptimiser shared = new CemsOptimiser();
        int days = 24;
        List<String> sequential = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            sequential.add(withoutTime(shared.solve(HomeDayGenerator.generate(700 + i))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> parallel = new ArrayList<>();
            for (int i = 0; i < days; i++) {
                long seed = 700 + i;
                parallel.add(pool.submit(() -> withoutTime(shared.solve(HomeDayGenerator.generate(seed)))));
            }
            for (int i = 0; i < days; i++) {
                assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String withoutTime(CemsResult r) {
        return HomeDayJson.write(r.withSolveMillis(0));
    }
}
