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

    /** The one role allowed to write, per write action, and the kind of instance it runs on. */
    static final Map<Action, String> WRITER = Map.of(
            Action.REGISTER_CONGESTION_POINT, Role.DSO,
            Action.CREATE_REQUEST, Role.DSO,
            Action.CREATE_ORDER, Role.DSO,
            Action.REGISTER_ASSET, Role.AGGREGATOR,
            Action.CREATE_OFFER, Role.AGGREGATOR,
            Action.REVOKE_OFFER, Role.AGGREGATOR);

    static boolean expected(String instance, String tokenMsp, String role, Action action) {
        if (action == Action.READ) {
            return role.equals(Role.AUDITOR) || instance.equals(tokenMsp);
        }
        boolean dsoInstance = instance.equals("DsoMSP");
        boolean aggregatorInstance = instance.startsWith("Aggregator");
        boolean kindFits = WRITER.get(action).equals(Role.DSO) ? dsoInstance : aggregatorInstance;
        return instance.equals(tokenMsp) && role.equals(WRITER.get(action)) && kindFits;
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
        assertThat(cases).isEqualTo(4 * 4 * 5 * 7);
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
    void noRolesMeansNothing() {
        Caller bare = new Caller("x", Optional.of("DsoMSP"), Set.of());
        for (Action a : Action.values()) {
            assertThat(AccessPolicy.refusal("DsoMSP", bare, a)).as(a.name()).isPresent();
        }
    }
}
