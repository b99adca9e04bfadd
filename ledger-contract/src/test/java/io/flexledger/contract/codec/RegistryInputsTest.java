package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.domain.units.Kilowatts;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The inputs the API writes for the registry's transactions, each read back by the chaincode's reader. */
class RegistryInputsTest {
    private static JsonFields input(Object written) {
        return MarketRecords.stored(CanonicalJson.write(written));
    }

    private static String ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return Base64.getEncoder()
                .encodeToString(g.generateKeyPair().getPublic().getEncoded());
    }

    @Test
    void congestionPointsReadBack() {
        CongestionPoint tx = new CongestionPoint("TX1", CongestionPointKind.TRANSFORMER, null, Kilowatts.of("400"));
        CongestionPoint feeder = new CongestionPoint("F1", CongestionPointKind.FEEDER, "TX1", Kilowatts.of("120.5"));
        JsonFields in = input(RegistryRecords.congestionPointInput(tx));
        assertThat(RegistryRecords.congestionPoint(in.onlyFields(RegistryRecords.CONGESTION_POINT_INPUT)))
                .isEqualTo(tx);
        assertThat(RegistryRecords.congestionPoint(input(RegistryRecords.congestionPointInput(feeder))))
                .isEqualTo(feeder);
    }

    @Test
    void anAssetAndItsHomeReadBack() {
        Asset a = new Asset("home-1", "Aggregator1MSP", "TX1");
        // Another caller: the aggregator written is the asset's, not the caller's default.
        JsonFields in = input(RegistryRecords.assetInput(a)).onlyFields(RegistryRecords.ASSET_INPUT);
        assertThat(RegistryRecords.asset(in, "Aggregator2MSP")).isEqualTo(a);
        HomeDetails h = new HomeDetails("home-1", "Dorpsstraat 1, Utrecht", "E0001", Kilowatts.of("17.25"));
        String salt = "0a".repeat(16);
        JsonFields home = input(RegistryRecords.homeInput(h, salt)).onlyFields(RegistryRecords.HOME_INPUT);
        assertThat(RegistryRecords.home(home, "other")).isEqualTo(h);
        assertThat(home.string("salt")).isEqualTo(salt);
    }

    @Test
    void aDeviceAndItsMeterKeyInputsReadBack() throws Exception {
        Device d = new Device("m-1", "home-1", DeviceKind.METER, "EC", ecKey());
        JsonFields in = input(RegistryRecords.deviceInput(d)).onlyFields(RegistryRecords.DEVICE_INPUT);
        assertThat(RegistryRecords.device(in)).isEqualTo(d);

        String key = ecKey();
        JsonFields approval =
                input(RegistryRecords.meterApprovalInput("m-1", key)).onlyFields(RegistryRecords.METER_APPROVAL_INPUT);
        assertThat(approval.string("deviceId")).isEqualTo("m-1");
        assertThat(approval.string("publicKeyBase64")).isEqualTo(key);
        JsonFields proposal =
                input(RegistryRecords.meterKeyInput("m-1", "EC", key)).onlyFields(RegistryRecords.METER_KEY_INPUT);
        assertThat(proposal.string("deviceId")).isEqualTo("m-1");
        assertThat(proposal.string("keyAlgorithm")).isEqualTo("EC");
        assertThat(proposal.string("publicKeyBase64")).isEqualTo(key);
    }
}
