package io.flexledger.ui.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.ui.Roles;
import io.flexledger.ui.UiConfig;
import io.flexledger.ui.Viewer;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
import io.flexledger.ui.upstream.LedgerEvents;
import io.flexledger.ui.upstream.Outage;
import io.flexledger.ui.upstream.Services;
import io.flexledger.ui.view.AggregatorView;
import io.flexledger.ui.view.AuditView;
import io.flexledger.ui.view.Banner;
import io.flexledger.ui.view.Built;
import io.flexledger.ui.view.DsoView;
import io.flexledger.ui.view.MarketView;
import io.flexledger.ui.view.ProsumerView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The pages. Each is refused (403) to roles it is not for; each reads the services with the viewer's
 * own token and shows a banner for every service that did not answer.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecurityIdentity identity;
    private final Services services;
    private final LedgerEvents ledgerEvents;
    private final UiConfig config;
    private final ProsumerView prosumerView;
    private final AggregatorView aggregatorView;
    private final DsoView dsoView;
    private final AuditView auditView;
    private final MarketView marketView;

    @Location("page.html")
    Template page;

    @Location("proof.html")
    Template proof;

    public Pages(
            SecurityIdentity identity,
            Services services,
            LedgerEvents ledgerEvents,
            UiConfig config,
            ProsumerView prosumerView,
            AggregatorView aggregatorView,
            DsoView dsoView,
            AuditView auditView,
            MarketView marketView) {
        this.identity = identity;
        this.services = services;
        this.ledgerEvents = ledgerEvents;
        this.config = config;
        this.prosumerView = prosumerView;
        this.aggregatorView = aggregatorView;
        this.dsoView = dsoView;
        this.auditView = auditView;
        this.marketView = marketView;
    }

    /** The first page the viewer's roles may open. */
    @GET
    @Authenticated
    public Response home() {
        List<PageKind> pages = PageKind.visibleTo(identity.getRoles());
        if (pages.isEmpty()) {
            throw new ForbiddenException("no page is for the roles " + identity.getRoles());
        }
        return Response.seeOther(UriBuilder.fromPath("/" + pages.get(0).path()).build())
                .build();
    }

    @GET
    @Path("prosumer")
    @RolesAllowed(Roles.PROSUMER)
    public Response prosumer(@RestQuery String day) {
        return render(PageKind.PROSUMER, day, null, null);
    }

    @GET
    @Path("aggregator")
    @RolesAllowed(Roles.AGGREGATOR)
    public Response aggregator(@RestQuery String day, @RestQuery String notice, @RestQuery String error) {
        return render(PageKind.AGGREGATOR, day, notice, error);
    }

    /** The offer form: posts through the aggregator's marketplace-api, then shows the page with the outcome. */
    @POST
    @Path("aggregator/offers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.AGGREGATOR)
    public Response postOffer(
            @RestForm String id,
            @RestForm String assetId,
            @RestForm String congestionPointId,
            @RestForm String day,
            @RestForm String fromSlot,
            @RestForm String toSlot,
            @RestForm String kw,
            @RestForm String price,
            @RestForm String minActivation,
            @RestForm String idempotencyKey) {
        Calls calls = services.calls(Viewers.of(identity));
        AggregatorView.Result result = aggregatorView.post(
                calls,
                new AggregatorView.OfferForm(
                        id,
                        assetId,
                        congestionPointId,
                        day,
                        fromSlot,
                        toSlot,
                        kw,
                        price,
                        minActivation,
                        idempotencyKey));
        UriBuilder back = UriBuilder.fromPath("/aggregator");
        if (day != null && !day.isBlank()) {
            back.queryParam("day", day);
        }
        back.queryParam(result.ok() ? "notice" : "error", result.message());
        return Response.seeOther(back.build()).build();
    }

    @GET
    @Path("dso")
    @RolesAllowed(Roles.DSO)
    public Response dso(@RestQuery String day) {
        return render(PageKind.DSO, day, null, null);
    }

    @GET
    @Path("audit")
    @RolesAllowed({Roles.AUDITOR, Roles.DSO})
    public Response audit(@RestQuery String day) {
        return render(PageKind.AUDIT, day, null, null);
    }

    /** The proof behind one settlement, on demand. */
    @GET
    @Path("audit/proof/{settlementId}")
    @RolesAllowed({Roles.AUDITOR, Roles.DSO})
    public Response proof(@PathParam("settlementId") String settlementId) {
        Viewer viewer = Viewers.of(identity);
        Calls calls = services.calls(viewer);
        Built built = auditView.proof(calls, settlementId);
        String html = proof.data("viewer", viewer)
                .data("pages", PageKind.visibleTo(viewer.roles()))
                .data("current", PageKind.AUDIT)
                .data("banners", Banner.of(calls.outages()))
                .data("p", built.body())
                .render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE).build();
    }

    @GET
    @Path("market")
    @RolesAllowed({Roles.DSO, Roles.AGGREGATOR, Roles.AUDITOR, Roles.ADMIN})
    public Response market(@RestQuery String day, @RestQuery String cp) {
        return render(PageKind.MARKET, day, null, null, cp);
    }

    /**
     * Live updates of a page: the page's data is read again when the ledger emits an event (relayed
     * from the viewer's marketplace-api) and every few seconds (readings and verdicts have no
     * events), and its fingerprint sent; the page reloads its content when the fingerprint changes.
     */
    @GET
    @Path("live/{page}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Authenticated
    public Multi<LiveEvent> live(@PathParam("page") String pagePath, @RestQuery String day, @RestQuery String cp) {
        Viewer viewer = Viewers.of(identity);
        PageKind kind =
                PageKind.ofPath(pagePath).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no page " + pagePath));
        // The stream of a page is refused to the roles the page is refused to.
        if (!kind.allows(viewer.roles())) {
            throw new ForbiddenException("the " + kind.path() + " page is not for " + viewer.roles());
        }
        LocalDate d = day(day);
        Multi<String> ticks =
                Multi.createFrom().ticks().every(config.liveEvery()).map(t -> "tick");
        // A viewer whose API refuses the event stream (an auditor) lives on the ticks alone.
        Multi<String> ledger = ledgerEvents.of(viewer).onFailure().recoverWithCompletion();
        return Multi.createBy()
                .merging()
                .streams(ticks, ledger)
                .onOverflow()
                .drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(trigger -> {
                    Calls calls = services.calls(viewer);
                    Built built = build(kind, calls, d, cp);
                    return new LiveEvent(
                            fingerprint(built, calls.outages()),
                            calls.outages().size(),
                            Instant.now().toString(),
                            trigger);
                });
    }

    /**
     * One live message: the data's fingerprint, how many services failed, when it was read, and what
     * caused the re-read (a ledger event's name, or {@code tick}).
     */
    public record LiveEvent(String fingerprint, int outages, String at, String trigger) {}

    private Response render(PageKind kind, String dayParam, String notice, String error) {
        return render(kind, dayParam, notice, error, null);
    }

    private Response render(PageKind kind, String dayParam, String notice, String error, String cp) {
        Viewer viewer = Viewers.of(identity);
        LocalDate day = day(dayParam);
        Calls calls = services.calls(viewer);
        Built built = build(kind, calls, day, cp);
        Map<String, String> live = new LinkedHashMap<>();
        live.put("day", day.toString());
        if (cp != null && !cp.isBlank()) {
            live.put("cp", cp);
        }
        UriBuilder liveUrl = UriBuilder.fromPath("/live/" + kind.path());
        live.forEach(liveUrl::queryParam);
        String html = page.data("viewer", viewer)
                .data("pages", PageKind.visibleTo(viewer.roles()))
                .data("current", kind)
                .data("day", day.toString())
                .data("slots", Slots.count(day))
                .data("msp", calls.msp())
                .data("banners", Banner.of(calls.outages()))
                .data("notice", notice)
                .data("error", error)
                .data("body", built.body())
                .data("extras", built.extras())
                .data("chartsJson", chartsJson(built))
                .data("fingerprint", fingerprint(built, calls.outages()))
                .data("liveUrl", liveUrl.build().toString())
                .render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE).build();
    }

    private Built build(PageKind kind, Calls calls, LocalDate day, String cp) {
        return switch (kind) {
            case PROSUMER -> prosumerView.build(calls, day);
            case AGGREGATOR -> aggregatorView.build(calls, day);
            case DSO -> dsoView.build(calls, day);
            case AUDIT -> auditView.build(calls, day);
            case MARKET -> marketView.build(calls, day, cp);
        };
    }

    /** The {@code day} query parameter, today (market time) when absent. */
    static LocalDate day(String day) {
        if (day == null || day.isBlank()) {
            return LocalDate.now(Slots.ZONE);
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new BadParameterException("day", "must be a day written YYYY-MM-DD, not '" + day + "'");
        }
    }

    /** The charts as JSON for the page's script, safe inside a script element. */
    static String chartsJson(Built built) {
        try {
            return JSON.writeValueAsString(built.charts()).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("charts not serialisable", e);
        }
    }

    /** A digest of what a page shows (data, charts, outages): equal digests, equal pages. */
    static String fingerprint(Built built, List<Outage> outages) {
        try {
            byte[] json = JSON.writeValueAsBytes(List.of(
                    built.body(),
                    built.charts(),
                    outages.stream().map(o -> o.service() + " " + o.what()).toList()));
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json))
                    .substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("page data not serialisable", e);
        }
    }
}
