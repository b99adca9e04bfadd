package io.flexledger.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * The system's Chromium (headless) driven by Playwright, for the browser tests: one browser per test
 * class, one session (a fresh context with its own cookies) per test.
 */
final class Chromium implements AutoCloseable {
    /** The UI under test, on the port {@link KeycloakResource} gave it. */
    static final String UI = "http://127.0.0.1:" + KeycloakResource.uiPort();

    static final String PASSWORD = "flexledger-demo";
    static final Path SHOTS = Paths.get(System.getProperty("ui.screenshots", "target/screenshots"));

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts /usr/bin/chromium; Playwright never downloads a browser of its own. */
    static Chromium launch() {
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium"))
                        .setHeadless(true));
        return new Chromium(playwright, browser);
    }

    /** A new session: nobody signed in yet. */
    Session session() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        Page page = context.newPage();
        page.setDefaultTimeout(30_000);
        return new Session(context, page);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** One test's browser session. */
    record Session(BrowserContext context, Page page) implements AutoCloseable {
        /** Opens a page of the UI, signing in on the realm's login form when sent there. */
        Response open(String path, String user) {
            Response r = page.navigate(UI + path);
            if (page.url().contains("/realms/flexledger/")) {
                page.fill("#username", user);
                page.fill("#password", PASSWORD);
                r = page.waitForNavigation(() -> page.click("#kc-login"));
            }
            assertThat(page.url()).as("back on the UI after login").startsWith(UI);
            return r;
        }

        /** A full-page screenshot to {@link #SHOTS}. */
        void shot(String name) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve(name + ".png"))
                    .setFullPage(true));
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
