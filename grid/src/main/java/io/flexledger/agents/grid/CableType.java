package io.flexledger.agents.grid;

/**
 * A low-voltage cable: series impedance per kilometre of one conductor and its sustained thermal
 * rating (current per phase conductor).
 *
 * @param name catalogue name, e.g. {@code 185Al-WF}
 * @param rOhmPerKm AC resistance of one conductor, ohm/km
 * @param xOhmPerKm reactance of one conductor, ohm/km
 * @param ratingA sustained current rating per conductor, A
 */
public record CableType(String name, double rOhmPerKm, double xOhmPerKm, double ratingA) {

    /** Main cable leaving the substation: 300 mm² aluminium waveform, buried. */
    public static final CableType AL_300 = new CableType("300Al-WF", 0.100, 0.073, 380);
    /** Main cable, middle sections: 185 mm² aluminium waveform, buried. */
    public static final CableType AL_185 = new CableType("185Al-WF", 0.164, 0.074, 295);
    /** Main cable, feeder ends and laterals: 95 mm² aluminium waveform, buried. */
    public static final CableType AL_95 = new CableType("95Al-WF", 0.320, 0.075, 200);
    /** Single-phase service cable to a home: 35 mm² copper split concentric. */
    public static final CableType CU_35_SERVICE = new CableType("35Cu-SNE", 0.524, 0.090, 120);

    /** Validates the values. */
    public CableType {
        // impedances are non-negative and the rating positive
        if (rOhmPerKm < 0 || xOhmPerKm < 0 || ratingA <= 0) {
            throw new IllegalArgumentException("cable " + name + ": need r, x >= 0 and rating > 0");
        }
    }
}
