package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.Baseline;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegistryContractTest {
    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture();
    }

    @Nested
    class RegisterOrganisation {
        @Test
        void eachMemberRegistersItselfOnceWithItsRole() {
            assertThat(m.ledger.as(AGG1, () -> m.registry.registerOrganisation(m.ledger.ctx, "Aggregator One")))
                    .isEqualTo("{\"mspId\":\"Aggregator1MSP\",\"name\":\"Aggregator One\",\"role\":\"AGGREGATOR\"}");
            assertCode(
                    m.ledger.refused(AGG1, () -> m.registry.registerOrganisation(m.ledger.ctx, "again")),
                    ErrorCode.ORGANISATION_EXISTS);
            assertCode(
                    m.ledger.refused("EvilMSP", () -> m.registry.registerOrganisation(m.ledger.ctx, "x")),
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED);
            assertThat(m.ledger
                            .refused(DSO, () -> m.registry.registerOrganisation(m.ledger.ctx, " "))
                            .getMessage())
                    .isEqualTo("INVALID_FIELD: $.name: must not be blank");
            assertThat(m.ledger.as(COMMUNITY, () -> m.registry.readOrganisation(m.ledger.ctx, AGG1)))
                    .contains("AGGREGATOR");
        }
    }

    @Nested
    class RegisterCongestionPoint {
        @Test
        void onlyTheDsoRegistersCongestionPoints() {
            assertCode(
                    m.ledger.refused(
                            AGG1,
                            () -> m.registry.registerCongestionPoint(
                                    m.ledger.ctx, "{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}")),
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED);
            m.cp("{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}");
            assertThat(m.ledger.get(Keys.CONGESTION_POINT, "TX1"))
                    .isEqualTo("{\"capacityKw\":\"500.000\",\"id\":\"TX1\",\"kind\":\"TRANSFORMER\"}");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("CongestionPointRegistered");
        }

        @Test
        void aFeederHangsFromARegisteredTransformer() {
            assertCode(
                    m.ledger.refused(
                            DSO,
                            () -> m.registry.registerCongestionPoint(
                                    m.ledger.ctx,
                                    "{\"id\":\"F1\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":200}")),
                    ErrorCode.CONGESTION_POINT_PARENT_INVALID);
            m.cp("{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}");
            m.cp("{\"id\":\"F1\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":200}");
            assertCode(
                    m.ledger.refused(
                            DSO,
                            () -> m.registry.registerCongestionPoint(
                                    m.ledger.ctx,
                                    "{\"id\":\"F1a\",\"kind\":\"FEEDER\",\"parentId\":\"F1\",\"capacityKw\":20}")),
                    ErrorCode.CONGESTION_POINT_PARENT_INVALID);
            assertCode(
                    m.ledger.refused(
                            DSO,
                            () -> m.registry.registerCongestionPoint(
                                    m.ledger.ctx, "{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":5}")),
                    ErrorCode.CONGESTION_POINT_EXISTS);
            assertThat(m.ledger
                            .refused(
                                    DSO,
                                    () -> m.registry.registerCongestionPoint(
                                            m.ledger.ctx, "{\"id\":\"TX2\",\"kind\":\"SUBSTATION\",\"capacityKw\":5}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.kind: must be one of [TRANSFORMER, FEEDER]");
        }
    }

    @Nested
    class ReadCongestionPoint {
        @Test
        void readsAndLists() {
            m.seeded();
            assertThat(m.ledger.as(COMMUNITY, () -> m.registry.readCongestionPoint(m.ledger.ctx, "TX1-F2")))
                    .contains("\"parentId\":\"TX1\"");
            assertCode(
                    m.ledger.refused(COMMUNITY, () -> m.registry.readCongestionPoint(m.ledger.ctx, "TX7")),
                    ErrorCode.CONGESTION_POINT_NOT_FOUND);
            assertThat(m.ledger.as(COMMUNITY, () -> m.registry.listCongestionPoints(m.ledger.ctx, 100, "")))
                    .contains("\"id\":\"TX1\"", "\"id\":\"TX1-F1\"", "\"id\":\"TX1-F2\"");
        }
    }

    @Nested
    class RegisterAsset {
        @BeforeEach
        void grid() {
            m.cp("{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}");
        }

        @Test
        void detailsGoToTheAggregatorsPrivateCollectionAndTheirHashToThePublicState() {
            String json = m.asset(AGG1, "home-1", "TX1");
            String privateJson = new String(
                    m.ledger
                            .privateData
                            .get("Aggregator1DsoCollection")
                            .get(m.ledger
                                    .stub
                                    .createCompositeKey(Keys.ASSET, "home-1")
                                    .toString()),
                    StandardCharsets.UTF_8);
            assertThat(privateJson).contains("\"address\":\"1 High St, Pontypool\"");
            assertThat(json)
                    .contains("\"detailsHash\":\"" + Baseline.sha256Hex(privateJson) + "\"")
                    .doesNotContain("High St");
            assertThat(m.ledger.lastEvent().payload()).doesNotContain("High St");
            assertThat(m.ledger.privateData).doesNotContainKey("Aggregator2DsoCollection");
        }

        @Test
        void onlyAggregatorsForTheirOwnPortfolio() {
            m.ledger.transientData = Map.of("home", MarketFixture.home("home-1").getBytes(StandardCharsets.UTF_8));
            assertCode(
                    m.ledger.refused(
                            DSO,
                            () -> m.registry.registerAsset(
                                    m.ledger.ctx, "{\"id\":\"home-1\",\"congestionPointId\":\"TX1\"}")),
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED);
            assertCode(
                    m.ledger.refused(
                            AGG1,
                            () -> m.registry.registerAsset(
                                    m.ledger.ctx,
                                    "{\"id\":\"home-1\",\"congestionPointId\":\"TX1\",\"aggregatorMsp\":\"Aggregator2MSP\"}")),
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED);
        }

        @Test
        void anAssetIsInOnePortfolioOnlyAtARegisteredPoint() {
            m.asset(AGG1, "home-1", "TX1");
            assertCode(m.ledger.refused(AGG2, () -> m.asset(AGG2, "home-1", "TX1")), ErrorCode.ASSET_EXISTS);
            assertCode(
                    m.ledger.refused(AGG2, () -> m.asset(AGG2, "home-2", "TX9")), ErrorCode.CONGESTION_POINT_NOT_FOUND);
        }

        @Test
        void thePrivateDetailsAreRequiredAndMustDescribeTheAsset() {
            assertCode(
                    m.ledger.refused(
                            AGG1,
                            () -> m.registry.registerAsset(
                                    m.ledger.ctx, "{\"id\":\"home-1\",\"congestionPointId\":\"TX1\"}")),
                    ErrorCode.PRIVATE_DATA_INVALID);
            m.ledger.transientData = Map.of("home", MarketFixture.home("home-7").getBytes(StandardCharsets.UTF_8));
            assertCode(
                    m.ledger.refused(
                            AGG1,
                            () -> m.registry.registerAsset(
                                    m.ledger.ctx, "{\"id\":\"home-1\",\"congestionPointId\":\"TX1\"}")),
                    ErrorCode.PRIVATE_DATA_INVALID);
            m.ledger.transientData = Map.of(
                    "home", MarketFixture.home("home-1").replace("17.25", "-1").getBytes(StandardCharsets.UTF_8));
            assertThat(m.ledger
                            .refused(
                                    AGG1,
                                    () -> m.registry.registerAsset(
                                            m.ledger.ctx, "{\"id\":\"home-1\",\"congestionPointId\":\"TX1\"}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.connectionCapacityKw: must be > 0");
        }
    }

    @Nested
    class ReadHomeDetails {
        @Test
        void onlyTheHomesAggregatorAndTheDsoReadTheDetails() {
            m.seeded();
            assertThat(m.ledger.as(AGG1, () -> m.registry.readHomeDetails(m.ledger.ctx, "home-1")))
                    .contains("meterId");
            assertThat(m.ledger.as(DSO, () -> m.registry.readHomeDetails(m.ledger.ctx, "home-1")))
                    .contains("meterId");
            assertCode(
                    m.ledger.refused(AGG2, () -> m.registry.readHomeDetails(m.ledger.ctx, "home-1")),
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED);
            assertCode(
                    m.ledger.refused(COMMUNITY, () -> m.registry.readHomeDetails(m.ledger.ctx, "home-1")),
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED);
        }
    }

    @Nested
    class ListPortfolio {
        @Test
        void listsOneAggregatorsHomes() {
            m.seeded();
            m.asset(AGG1, "home-3", "TX1-F2");
            String page = m.ledger.as(DSO, () -> m.registry.listPortfolio(m.ledger.ctx, AGG1, 10, ""));
            assertThat(page).contains("\"id\":\"home-1\"", "\"id\":\"home-3\"").doesNotContain("home-2");
        }
    }

    @Nested
    class RegisterDevice {
        String key;

        @BeforeEach
        void homes() throws Exception {
            m.seeded();
            key = Base64.getEncoder()
                    .encodeToString(KeyPairGenerator.getInstance("EC")
                            .generateKeyPair()
                            .getPublic()
                            .getEncoded());
        }

        String device(String id, String asset, String publicKey) {
            return "{\"id\":\"" + id + "\",\"assetId\":\"" + asset + "\",\"kind\":\"METER\",\"keyAlgorithm\":\"EC\","
                    + "\"publicKeyBase64\":\"" + publicKey + "\"}";
        }

        @Test
        void theHomesAggregatorRegistersItsDevicesWithValidKeys() {
            assertThat(m.ledger.as(
                            AGG1, () -> m.registry.registerDevice(m.ledger.ctx, device("meter-1", "home-1", key))))
                    .contains("\"publicKeyBase64\":\"" + key + "\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("DeviceRegistered");
            assertThat(m.ledger.as(DSO, () -> m.registry.readDevice(m.ledger.ctx, "meter-1")))
                    .contains("home-1");
            assertThat(m.ledger.as(DSO, () -> m.registry.listDevices(m.ledger.ctx, "home-1", 10, "")))
                    .contains("meter-1");
            assertCode(
                    m.ledger.refused(
                            AGG1, () -> m.registry.registerDevice(m.ledger.ctx, device("meter-1", "home-1", key))),
                    ErrorCode.DEVICE_EXISTS);
        }

        @Test
        void notForAnotherAggregatorsHomeNorWithABadKey() {
            assertCode(
                    m.ledger.refused(
                            AGG1, () -> m.registry.registerDevice(m.ledger.ctx, device("meter-2", "home-2", key))),
                    ErrorCode.ASSET_NOT_OWNED);
            assertCode(
                    m.ledger.refused(
                            DSO, () -> m.registry.registerDevice(m.ledger.ctx, device("meter-2", "home-2", key))),
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED);
            assertCode(
                    m.ledger.refused(
                            AGG1, () -> m.registry.registerDevice(m.ledger.ctx, device("meter-2", "home-9", key))),
                    ErrorCode.ASSET_NOT_FOUND);
            assertThat(m.ledger
                            .refused(
                                    AGG1,
                                    () -> m.registry.registerDevice(m.ledger.ctx, device("meter-2", "home-1", "AAAA")))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.publicKeyBase64: is not a valid EC public key");
        }
    }
}
