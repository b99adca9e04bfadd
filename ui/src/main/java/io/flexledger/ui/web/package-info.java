/** HTTP side of the pages: the resource, the live stream, role checks and the refusal page. */
package io.flexledger.ui.web;
