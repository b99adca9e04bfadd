package io.flexledger.settlement.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void resultsKeepTheItemsOrderWhateverThreadRanThem() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> out = Parallel.map(items, 8, i -> {
            threads.add(Thread.currentThread().getName());
            return i * i;
        });
        assertThat(out).isEqualTo(items.stream().map(i -> i * i).toList());
        assertThat(threads).hasSizeGreaterThan(1);
    }

    @Test
    void theFirstFailureInItemOrderIsRethrownAsItWas() {
        assertThatThrownBy(() -> Parallel.map(List.of(1, 2, 3, 4), 4, i -> {
                    if (i >= 2) {
                        throw new IllegalArgumentException("item " + i);
                    }
                    return i;
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item 2");
    }

    @Test
    void oneWorkerRunsOnTheCallersThread() {
        String caller = Thread.currentThread().getName();
        assertThat(Parallel.map(List.of(1, 2), 1, i -> Thread.currentThread().getName()))
                .containsOnly(caller);
    }
}
