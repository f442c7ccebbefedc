package com.vbp.gateway.console;

import org.junit.jupiter.api.AfterEach;

/**
 * A flow in the console: its browser fails the test on any JavaScript error or failed request it logged
 * (besides the refusals the flow declared), and is closed after each test.
 */
abstract class BrowserFlow {

    protected ConsoleBrowser browser;

    @AfterEach
    void checkTheLogAndClose() {
        if (browser != null) {
            try {
                browser.assertCleanLog();
            } finally {
                browser.close();
                browser = null;
            }
        }
    }
}
