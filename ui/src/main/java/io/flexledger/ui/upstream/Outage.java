package io.flexledger.ui.upstream;

import io.quarkus.qute.TemplateData;

/**
 * A service that did not give what a page needed.
 *
 * @param service the service's name and address, e.g. {@code marketplace-api (DsoMSP, http://127.0.0.1:8081)}
 * @param what what the page cannot show because of it
 * @param reason what happened (not answering, HTTP status and problem detail)
 */
@TemplateData
public record Outage(String service, String what, String reason) {}
