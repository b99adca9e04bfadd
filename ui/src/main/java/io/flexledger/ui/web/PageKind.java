package io.flexledger.ui.web;

import io.flexledger.ui.Roles;
import io.quarkus.qute.TemplateData;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The pages, their paths and the roles that may open them (the resource's @RolesAllowed say the same). */
@TemplateData
public enum PageKind {
    PROSUMER("prosumer", "My home", Set.of(Roles.PROSUMER)),
    AGGREGATOR("aggregator", "Aggregator", Set.of(Roles.AGGREGATOR)),
    DSO("dso", "Grid (DSO)", Set.of(Roles.DSO)),
    AUDIT("audit", "Audit", Set.of(Roles.AUDITOR, Roles.DSO)),
    MARKET("market", "Market", Set.of(Roles.DSO, Roles.AGGREGATOR, Roles.AUDITOR, Roles.ADMIN));

    private final String path;
    private final String title;
    private final Set<String> roles;

    PageKind(String path, String title, Set<String> roles) {
        this.path = path;
        this.title = title;
        this.roles = roles;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean allows(Set<String> userRoles) {
        return userRoles.stream().anyMatch(roles::contains);
    }

    /** The pages these roles may open, in menu order. */
    public static List<PageKind> visibleTo(Set<String> userRoles) {
        return Arrays.stream(values()).filter(p -> p.allows(userRoles)).toList();
    }

    /** The page of a request path ("/audit/proof" is the audit page's). */
    public static Optional<PageKind> ofPath(String requestPath) {
        String first =
                requestPath.replaceFirst("^/+", "").replaceFirst("^live/", "").split("[/?]")[0];
        return Arrays.stream(values()).filter(p -> p.path.equals(first)).findFirst();
    }
}
