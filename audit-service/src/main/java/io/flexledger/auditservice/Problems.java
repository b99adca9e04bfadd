package io.flexledger.auditservice;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details as the audit service answers them. */
final class Problems {
    private Problems() {}

    static Response of(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status)
                .type("application/problem+json")
                .entity(body)
                .build();
    }
}
