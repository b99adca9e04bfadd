package io.flexledger.marketplaceapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The access matrix, stated case by case: which role of which organisation may do what on which instance. */
class AccessPolicyTest {
    static final List<String> INSTANCES = List.of("DsoMSP", "Aggregator1MSP", "Aggregator2MSP", "CommunityMSP");

    /** The one role allowed to write, per single-role write action, and the kind of instance it runs on. */
    static final Map<Action, String> WRITER = Map.ofEntries(
            Map.entry(Action.REGISTER_CONGESTION_POINT, Role.DSO),
            Map.entry(Action.CREATE_REQUEST, Role.DSO),
            Map.entry(Action.CREATE_ORDER, Role.DSO),
            Map.entry(Action.CANCEL_ORDER, Role.DSO),
            Map.entry(Action.ANCHOR_READINGS, Role.DSO),
            Map.entry(Action.SETTLE_ORDER, Role.DSO),
            Map.entry(Action.REGISTER_ASSET, Role.AGGREGATOR),
            Map.entry(Action.REGISTER_DEVICE, Role.AGGREGATOR),
            Map.entry(Action.PROPOSE_METER_KEY, Role.AGGREGATOR),
            Map.entry(Action.APPROVE_METER, Role.DSO),
            Map.entry(Action.SUBMIT_BASELINE, Role.AGGREGATOR),
            Map.entry(Action.CREATE_OFFER, Role.AGGREGATOR),
            Map.entry(Action.REVOKE_OFFER, Role.AGGREGATOR),
            Map.entry(Action.APPROVE_MEMBERSHIP, Role.AGGREGATOR),
            Map.entry(Action.OPERATE_COMMUNITY, Role.AGGREGATOR));

    static boolean expected(String instance, String tokenMsp, String role, Action action) {
        boolean own = instance.equals(tokenMsp);
        boolean dsoInstance = instance.equals("DsoMSP");
        boolean aggregatorInstance = instance.startsWith("Aggregator");
        return switch (action) {
            // Market state: every role of the organisation, and an auditor anywhere.
            case READ -> role.equals(Role.AUDITOR) || own;
            // Anchors, settlements, disputes: the parties' dso, aggregator and admin, and an auditor anywhere.
            case READ_SETTLEMENTS ->
                role.equals(Role.AUDITOR)
                        || (own && !role.equals(Role.PROSUMER) && (dsoInstance || aggregatorInstance));
            // The channel's blocks: dso, aggregator and admin of the instance's organisation, whatever it
            // is (every peer holds every block), and an auditor anywhere.
            case READ_BLOCKS -> role.equals(Role.AUDITOR) || (own && !role.equals(Role.PROSUMER));
            // Disputes are opened and resolved by the DSO or an aggregator, through their own instance.
            case OPEN_DISPUTE, RESOLVE_DISPUTE ->
                own && ((role.equals(Role.DSO) || role.equals(Role.AGGREGATOR)) && (dsoInstance || aggregatorInstance));
            // A community's members act through their own organisation's instance: the operator's or
            // CommunityMSP's; its private records are read there too, never by an auditor or the DSO.
            case PROPOSE_MEMBERSHIP, POST_COMMUNITY_ORDER ->
                own && role.equals(Role.PROSUMER) && (aggregatorInstance || instance.equals("CommunityMSP"));
            case READ_COMMUNITY ->
                own
                        && (role.equals(Role.PROSUMER) || role.equals(Role.AGGREGATOR) || role.equals(Role.ADMIN))
                        && (aggregatorInstance || instance.equals("CommunityMSP"));
            // Live events: any user of the instance's own organisation, an auditor included only then.
            case FOLLOW_EVENTS -> own;
            default -> {
                boolean kindFits = WRITER.get(action).equals(Role.DSO) ? dsoInstance : aggregatorInstance;
                yield own && role.equals(WRITER.get(action)) && kindFits;
            }
        };
    }

    @Test
    void everyRoleOrganisationInstanceAndActionAsTheMatrixSays() {
        int cases = 0;
        List<String> roles = List.of(Role.PROSUMER, Role.AGGREGATOR, Role.DSO, Role.AUDITOR, Role.ADMIN);
        for (String instance : INSTANCES) {
            for (String tokenMsp : INSTANCES) {
                for (String role : roles) {
                    for (Action action : Action.values()) {
                        Caller caller = new Caller("u", Optional.of(tokenMsp), Set.of(role));
                        Optional<String> refusal = AccessPolicy.refusal(instance, caller, action);
                        assertThat(refusal.isEmpty())
                                .as("%s with %s of %s on the %s instance", action, role, tokenMsp, instance)
                                .isEqualTo(expected(instance, tokenMsp, role, action));
                        cases++;
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(4 * 4 * 5 * 24);
    }

    @Test
    void aTokenOfAnotherOrganisationIsRefusedWithBothOrganisationsNamed() {
        Caller agg2 = new Caller("agg2-trader", Optional.of("Aggregator2MSP"), Set.of(Role.AGGREGATOR));
        assertThat(AccessPolicy.refusal("Aggregator1MSP", agg2, Action.CREATE_OFFER))
                .hasValueSatisfying(r -> assertThat(r).contains("Aggregator2MSP", "Aggregator1MSP"));
    }

    @Test
    void aTokenWithoutAnOrganisationOnlyReadsIfItIsAnAuditor() {
        Caller none = new Caller("x", Optional.empty(), Set.of(Role.DSO));
        assertThat(AccessPolicy.refusal("DsoMSP", none, Action.READ)).isPresent();
        assertThat(AccessPolicy.refusal("DsoMSP", none, Action.CREATE_REQUEST)).isPresent();
        Caller auditor = new Caller("a", Optional.empty(), Set.of(Role.AUDITOR));
        assertThat(AccessPolicy.refusal("DsoMSP", auditor, Action.READ)).isEmpty();
        assertThat(AccessPolicy.refusal("DsoMSP", auditor, Action.CREATE_ORDER)).isPresent();
    }

    @Test
    void anAggregatorsInstanceShowsItsOwnSettlementsExceptToAnAuditor() {
        Caller trader = new Caller("agg1-trader", Optional.of("Aggregator1MSP"), Set.of(Role.AGGREGATOR));
        Caller admin = new Caller("agg1-admin", Optional.of("Aggregator1MSP"), Set.of(Role.ADMIN));
        Caller auditor = new Caller("auditor", Optional.empty(), Set.of(Role.AUDITOR));
        Caller dso = new Caller("dso", Optional.of("DsoMSP"), Set.of(Role.DSO));
        assertThat(AccessPolicy.showsRecordOf("Aggregator1MSP", trader, "Aggregator1MSP"))
                .isTrue();
        assertThat(AccessPolicy.showsRecordOf("Aggregator1MSP", trader, "Aggregator2MSP"))
                .isFalse();
        assertThat(AccessPolicy.showsRecordOf("Aggregator1MSP", admin, "Aggregator2MSP"))
                .isFalse();
        assertThat(AccessPolicy.showsRecordOf("Aggregator1MSP", auditor, "Aggregator2MSP"))
                .isTrue();
        assertThat(AccessPolicy.showsRecordOf("DsoMSP", dso, "Aggregator1MSP")).isTrue();
        assertThat(AccessPolicy.showsRecordOf("DsoMSP", dso, "Aggregator2MSP")).isTrue();
        assertThat(AccessPolicy.showsEveryAggregator("Aggregator2MSP", trader)).isFalse();
        assertThat(AccessPolicy.showsEveryAggregator("DsoMSP", dso)).isTrue();
    }

    @Test
    void anAuditorWithoutAnOrganisationDoesNotFollowTheEvents() {
        Caller auditor = new Caller("a", Optional.empty(), Set.of(Role.AUDITOR));
        assertThat(AccessPolicy.refusal("DsoMSP", auditor, Action.FOLLOW_EVENTS))
                .isPresent();
        assertThat(AccessPolicy.refusal("DsoMSP", auditor, Action.READ_SETTLEMENTS))
                .isEmpty();
    }

    @Test
    void noRolesMeansNothing() {
        Caller bare = new Caller("x", Optional.of("DsoMSP"), Set.of());
        for (Action a : Action.values()) {
            assertThat(AccessPolicy.refusal("DsoMSP", bare, a)).as(a.name()).isPresent();
        }
    }
}
