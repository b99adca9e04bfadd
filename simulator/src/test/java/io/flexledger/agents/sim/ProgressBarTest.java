package io.flexledger.agents.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void theBarShowsDoneTotalRateAndEta() {
        // 45 of 180 days in 60 s: 138 home-days/s, 135 days left take 180 s more
        String line = CampaignCommand.ProgressBar.line(45, 180, 60, 184);
        assertThat(line)
                .contains("45/180 days")
                .contains("8280/33120 home-days")
                .contains("138 home-days/s");
        assertThat(line).contains("elapsed 1:00").contains("ETA 3:00");
        assertThat(line).startsWith("[" + "#".repeat(7) + ".".repeat(23) + "]");
    }

    @Test
    void anEmptyStartHasNoRate() {
        assertThat(CampaignCommand.ProgressBar.line(0, 10, 0, 184))
                .contains("0 home-days/s")
                .contains("ETA 0:00");
    }
}
