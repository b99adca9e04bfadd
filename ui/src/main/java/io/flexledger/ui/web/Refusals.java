package io.flexledger.ui.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Clear pages for refusals: a page of another role (403) and a bad parameter (400). */
public class Refusals {
    @Location("refused.html")
    Template refused;

    @Inject
    SecurityIdentity identity;

    /** A role opening another role's page: which roles the page is for, and which the viewer has. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        var kind = PageKind.ofPath(request.path());
        String message = kind.map(k -> "The " + k.title() + " page is for the roles " + new TreeSet<>(k.roles())
                        + ". You are signed in as " + identity.getPrincipal().getName() + " with the roles "
                        + new TreeSet<>(identity.getRoles()) + ".")
                .orElse("This page is not for the roles " + new TreeSet<>(identity.getRoles()) + ".");
        return page(Response.Status.FORBIDDEN, "Not for your role", message);
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return page(Response.Status.BAD_REQUEST, "Bad parameter: " + e.parameter(), e.getMessage());
    }

    Response page(Response.Status status, String title, String message) {
        List<PageKind> pages = identity.isAnonymous() ? List.of() : PageKind.visibleTo(identity.getRoles());
        String html = refused.data("status", status.getStatusCode())
                .data("title", title)
                .data("message", message)
                .data(
                        "user",
                        identity.isAnonymous() ? "" : identity.getPrincipal().getName())
                .data("pages", pages)
                .render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(html)
                .build();
    }
}
