package io.flexledger.agents.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @Test
    void barsAreDrawnInTheirSeriesColoursUpToTheirValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bars.png");
        Charts.bars(
                file,
                "title",
                "x",
                "y, kVA",
                List.of("a", "b"),
                List.of(new Charts.Series("one", new double[] {10, 50}), new Charts.Series("two", new double[] {0, 100
                })),
                new Charts.Reference(80, "limit"));
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        assertThat(img.getHeight()).isEqualTo(560);
        // bar areas are proportional to the values: series one (10 + 50) against series two (0 + 100)
        int grey = Charts.COLOURS[0].getRGB() & 0xffffff;
        int blue = Charts.COLOURS[1].getRGB() & 0xffffff;
        double ratio = count(img, grey) / (double) count(img, blue);
        assertThat(ratio).isBetween(0.55, 0.65);
    }

    @Test
    void axisTopsAreRound() {
        assertThat(Charts.niceTop(480)).isEqualTo(500);
        assertThat(Charts.niceTop(1203)).isEqualTo(2000);
        assertThat(Charts.niceTop(3.2)).isEqualTo(5);
        assertThat(Charts.niceTop(0)).isEqualTo(1);
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
