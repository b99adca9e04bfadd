package io.flexledger.devicebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bridge's access matrix, case by case: every role of every organisation (and of none), sealing a
 * day and reading a home of Aggregator1's portfolio. The expectation is stated here from the rule, not
 * from the code: sealing is the DSO's; a home's readings are its aggregator's, the DSO's and auditors';
 * an admin acts within its own organisation only.
 */
class BridgeAccessTest {
    static final List<Optional<String>> ORGANISATIONS = List.of(
            Optional.of("DsoMSP"),
            Optional.of("Aggregator1MSP"),
            Optional.of("Aggregator2MSP"),
            Optional.of("CommunityMSP"),
            Optional.empty());
    static final List<String> ROLES = List.of("prosumer", "aggregator", "dso", "auditor", "admin");
    static final String HOME = "home-1";
    static final String HOME_AGGREGATOR = "Aggregator1MSP";

    static boolean maySeal(Optional<String> msp, String role) {
        return msp.equals(Optional.of("DsoMSP")) && (role.equals("dso") || role.equals("admin"));
    }

    static boolean mayReadHome(Optional<String> msp, String role) {
        return role.equals("auditor")
                || (msp.equals(Optional.of("DsoMSP")) && (role.equals("dso") || role.equals("admin")))
                || (msp.equals(Optional.of(HOME_AGGREGATOR)) && (role.equals("aggregator") || role.equals("admin")));
    }

    static boolean mayRead(BridgeAccess.Caller caller) {
        return BridgeAccess.readRefusal(caller).isEmpty()
                && BridgeAccess.homeRefusal(caller, HOME, HOME_AGGREGATOR).isEmpty();
    }

    @Test
    void everyRoleOfEveryOrganisationAsTheRuleSays() {
        List<String> allowed = new ArrayList<>();
        int cases = 0;
        for (Optional<String> msp : ORGANISATIONS) {
            for (String role : ROLES) {
                BridgeAccess.Caller caller = new BridgeAccess.Caller(msp, Set.of(role));
                String who = role + " of " + msp.orElse("none");
                assertThat(BridgeAccess.sealRefusal(caller).isEmpty())
                        .as("sealing by %s", who)
                        .isEqualTo(maySeal(msp, role));
                assertThat(mayRead(caller))
                        .as("reading %s's home by %s", HOME_AGGREGATOR, who)
                        .isEqualTo(mayReadHome(msp, role));
                if (mayRead(caller)) {
                    allowed.add(who);
                }
                cases += 2;
            }
        }
        assertThat(cases).isEqualTo(5 * 5 * 2);
        // Auditors of any organisation (or none), the DSO's dso and admin, the home aggregator's aggregator and admin.
        assertThat(allowed).hasSize(9);
    }

    @Test
    void anotherOrganisationsAdminSealsNothingAndIsToldWhy() {
        BridgeAccess.Caller agg2Admin = new BridgeAccess.Caller(Optional.of("Aggregator2MSP"), Set.of("admin"));
        assertThat(BridgeAccess.sealRefusal(agg2Admin))
                .hasValueSatisfying(r -> assertThat(r).contains("DSO's alone", "DsoMSP", "Aggregator2MSP", "[admin]"));
    }

    @Test
    void aDsoRoleOnATokenOfAnotherOrganisationIsNotTheDso() {
        // A misissued (or forged-in-the-realm) role: the organisation decides, not the role alone.
        BridgeAccess.Caller dsoOfAgg1 = new BridgeAccess.Caller(Optional.of("Aggregator1MSP"), Set.of("dso"));
        assertThat(BridgeAccess.sealRefusal(dsoOfAgg1)).isPresent();
        assertThat(BridgeAccess.homeRefusal(dsoOfAgg1, HOME, "Aggregator2MSP")).isPresent();
        BridgeAccess.Caller dsoOfNone = new BridgeAccess.Caller(Optional.empty(), Set.of("dso", "admin"));
        assertThat(BridgeAccess.sealRefusal(dsoOfNone)).isPresent();
        assertThat(BridgeAccess.homeRefusal(dsoOfNone, HOME, HOME_AGGREGATOR)).isPresent();
    }

    @Test
    void anotherAggregatorsReadIsRefusedNamingThePortfolioAndTheCaller() {
        BridgeAccess.Caller agg2 = new BridgeAccess.Caller(Optional.of("Aggregator2MSP"), Set.of("aggregator"));
        assertThat(BridgeAccess.readRefusal(agg2)).isEmpty();
        assertThat(BridgeAccess.homeRefusal(agg2, HOME, HOME_AGGREGATOR))
                .hasValueSatisfying(
                        r -> assertThat(r).contains(HOME, "portfolio of Aggregator1MSP", "a token of Aggregator2MSP"));
    }

    @Test
    void aProsumerOrARolelessTokenReadsNoMeterDataAtAll() {
        assertThat(BridgeAccess.readRefusal(new BridgeAccess.Caller(Optional.of("Aggregator1MSP"), Set.of("prosumer"))))
                .isPresent();
        assertThat(BridgeAccess.readRefusal(new BridgeAccess.Caller(Optional.of("DsoMSP"), Set.of())))
                .isPresent();
        assertThat(BridgeAccess.sealRefusal(new BridgeAccess.Caller(Optional.of("DsoMSP"), Set.of())))
                .isPresent();
    }
}
