package com.vbp.gateway.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven through Debian's ChromeDriver (tools/install-browser.sh installs both),
 * pointed at the console of a running app. Collects the browser log: {@link #assertCleanLog()} fails on any
 * JavaScript error and on any failed request, except the refusals a test says it provokes
 * ({@link #expectRefusal}). Screenshots go to {@code target/console-screenshots}, downloads to a fresh folder.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;
    private final Path profile;
    private final List<Pattern> expected = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    public ConsoleBrowser(int port, int width, int height) {
        try {
            this.downloads = Files.createTempDirectory("console-downloads");
            this.profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!new File("/usr/bin/chromium").canExecute() || !new File("/usr/bin/chromedriver").canExecute()) {
            throw new IllegalStateException("The console's browser tests need Debian's chromium and chromium-driver: "
                    + "run tools/install-browser.sh (as root) first");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // As root in a closed network: no sandbox, no GPU, and no calls home (refused here, and noisy).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--lang=zh-CN", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false,
                "intl.accept_languages", "zh-CN"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
                // The clerks' browsers run on Beijing time; date pickers show the browser's own zone.
                .withEnvironment(Map.of("TZ", "Asia/Shanghai")).build();
        this.driver = new ChromeDriver(service, options);
        // The window's inner size is what a clerk's screen shows; headless sizes the outer window.
        driver.manage().window().setSize(new Dimension(width, height));
        this.base = "http://localhost:" + port;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String hashPath) {
        driver.get(base + "/#" + hashPath);
    }

    /** Says that a refusal the test provokes (a URL part and status, as Chromium logs it) is not a failure. */
    public void expectRefusal(String urlPart, int status) {
        expected.add(Pattern.compile(Pattern.quote(urlPart) + ".*status of " + status
                + "|status of " + status + ".*" + Pattern.quote(urlPart)));
    }

    /** A wait that looks again when the page redraws an element under it (Vue re-renders lists on every load). */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    public WebElement waitFor(By by) {
        try {
            return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (TimeoutException e) {
            throw failure(e);
        }
    }

    public void waitUntil(String what, Predicate<ConsoleBrowser> condition) {
        try {
            waiting().withMessage(what).until(d -> condition.test(this));
        } catch (TimeoutException e) {
            throw failure(e);
        }
    }

    /** A wait that timed out: what the page showed (a screenshot and its text) and the browser log. */
    private AssertionError failure(TimeoutException e) {
        Path shot = screenshot("failure-" + System.currentTimeMillis());
        String text = String.valueOf(script("return document.body ? document.body.innerText : ''"));
        return new AssertionError(e.getMessage().lines().findFirst().orElse("") + "\nat " + driver.getCurrentUrl()
                + "\nscreenshot " + shot + "\npage text:\n" + text.substring(0, Math.min(2000, text.length()))
                + "\nbrowser log: " + unexpectedLogEntries(), e);
    }

    /** Waits for the text anywhere in the page and answers the innermost visible element holding it. */
    public WebElement waitForText(String text) {
        return waitFor(textual(text));
    }

    public boolean showsText(String text) {
        for (int attempt = 0; ; attempt++) {
            try {
                return driver.findElements(textual(text)).stream().anyMatch(WebElement::isDisplayed);
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 2) {
                    throw redrawn;
                }
            }
        }
    }

    /** The innermost elements whose text contains {@code text}. */
    static By textual(String text) {
        String has = "contains(normalize-space(.), " + literal(text) + ")";
        return By.xpath("//body//*[not(self::script) and not(self::style)][" + has + " and not(*[" + has + "])]");
    }

    /** Clicks the visible, enabled button whose text is {@code text} (inside {@code scope} when given). */
    public void clickButton(String text) {
        WebElement button;
        try {
            button = waiting().until(d -> d.findElements(By.xpath(
                    "//button[normalize-space(.)=" + literal(text) + "]")).stream()
                    .filter(b -> b.isDisplayed() && b.isEnabled()).reduce((a, b) -> b).orElse(null));
        } catch (TimeoutException e) {
            throw failure(e);
        }
        scrollIntoView(button);
        button.click();
    }

    /** Types into the input labelled {@code label} (aria-label or the form item's label). */
    public WebElement type(String label, String text) {
        WebElement input = waitFor(By.xpath("//input[@aria-label=" + literal(label) + "] | //textarea[@aria-label="
                + literal(label) + "] | //label[normalize-space(.)=" + literal(label)
                + "]/following-sibling::div//input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
        return input;
    }

    public void scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Logs in through the 登录 page; answers nothing, the caller waits for where it lands. */
    public void login(String username, String password) {
        open("/login");
        type("用户名", username);
        type("密码", password);
        clickButton("登 录");
    }

    /** First login of a demo account: logs in with the demo password and sets {@code newPassword}. */
    public void firstLogin(String username, String demoPassword, String newPassword) {
        login(username, demoPassword);
        waitForText("首次登录，请修改初始密码");
        type("原密码", demoPassword);
        type("新密码", newPassword);
        type("确认新密码", newPassword);
        clickButton("保存");
        waitForText("常用功能");
    }

    /** Opens a menu screen by clicking through the left menu, as a clerk does. */
    public void menu(String group, String screen) {
        WebElement title = waitFor(By.xpath("//li[contains(@class,'el-sub-menu')]//div[contains(@class,'el-sub-menu__title')][.//span[normalize-space(.)="
                + literal(group) + "]]"));
        WebElement item = null;
        List<WebElement> items = driver.findElements(By.xpath("//li[contains(@class,'el-menu-item')][normalize-space(.)="
                + literal(screen) + "]"));
        if (items.stream().noneMatch(WebElement::isDisplayed)) {
            title.click();
        }
        item = waitFor(By.xpath("//li[contains(@class,'el-menu-item')][normalize-space(.)=" + literal(screen) + "]"));
        item.click();
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a finished download whose name matches, and answers it. */
    public Path download(String namePart) {
        waiting().withMessage("download of " + namePart).until(d -> downloaded(namePart) != null);
        return downloaded(namePart);
    }

    private Path downloaded(String namePart) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().contains(namePart))
                    .filter(f -> !f.getFileName().toString().endsWith(".crdownload")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page never scrolls sideways: a wide table scrolls inside itself. */
    public void assertNoSidewaysScroll() {
        Number overflow = (Number) script("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.longValue()).as("page wider than the window by " + overflow + " px").isLessThanOrEqualTo(0);
    }

    /** Every SEVERE entry of the browser log so far that the test did not expect: JS errors, failed requests. */
    public List<String> unexpectedLogEntries() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                seen.add(entry.getMessage());
            }
        }
        return seen.stream().filter(m -> expected.stream().noneMatch(p -> p.matcher(m).find())).toList();
    }

    public void assertCleanLog() {
        assertThat(unexpectedLogEntries()).as("JavaScript errors and failed requests in the browser log").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }

    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
