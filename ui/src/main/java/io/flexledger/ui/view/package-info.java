/** What each page shows, built from the services' answers for one viewer; no HTTP or templates here. */
package io.flexledger.ui.view;
