package io.lethe.platform.console;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium driven through its WebDriver, for the console's end-to-end tests. It uses
 * the Chromium and ChromeDriver Debian ships. Where they are missing, it installs them once when it
 * can (with apt-get, as root or through a sudo that asks no password; {@code -Dlethe.browser.install=false}
 * forbids it); where no browser can
 * be had, the tests are skipped with a message that says so and how to get one.
 */
final class Browser implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Browser.class);
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    private static boolean installTried;

    private final WebDriver driver;
    private final String base;
    private final Path profile;

    private Browser(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** A fresh browser (no cookies) pointed at the platform, in British English; skips the test where there is none. */
    static Browser open(String base) throws IOException {
        return open(base, "en-GB");
    }

    /**
     * A fresh browser whose person prefers the given language (a tag such as {@code ja}): its interface
     * language and the Accept-Language it sends.
     */
    static Browser open(String base, String language) throws IOException {
        String binary = find(BROWSERS);
        String driverPath = find(DRIVERS);
        if (binary == null || driverPath == null) {
            install();
            binary = find(BROWSERS);
            driverPath = find(DRIVERS);
        }
        Assumptions.assumeTrue(binary != null && driverPath != null,
                "Skipped: no Chromium and ChromeDriver on this machine, and they could not be installed here "
                        + "(on Debian or Ubuntu: apt-get install chromium chromium-driver).");
        Path profile = Files.createTempDirectory("lethe-console-browser");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        // a closed network: no background calls home, no first-run, no sandbox as root in a container
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--lang=" + language, "--user-data-dir=" + profile);
        // what the browser asks for in Accept-Language; --lang alone sets only its own interface
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, base, profile);
    }

    private static String find(List<String> candidates) {
        return candidates.stream().filter(path -> new File(path).canExecute()).findFirst().orElse(null);
    }

    private static synchronized void install() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (installTried || "false".equals(System.getProperty("lethe.browser.install"))
                || !new File("/usr/bin/apt-get").canExecute() || !root && !new File("/usr/bin/sudo").canExecute()) {
            return;
        }
        installTried = true;
        log.warn("Installing Debian's chromium and chromium-driver for the console's browser tests "
                + "(-Dlethe.browser.install=false skips this)");
        try {
            // as root, or through sudo where it asks no password
            String[] as = root ? new String[0] : new String[]{"sudo", "-n"};
            run(as, "apt-get", "update", "-qq");
            run(as, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "chromium", "chromium-driver");
        } catch (IOException | InterruptedException e) {
            log.warn("Installing the browser failed: {}", e.getMessage());
        }
    }

    private static void run(String[] prefix, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(prefix));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a console address and waits until its script has filled the page. */
    void go(String path) {
        driver.get(base + path);
        settle();
    }

    /** Waits for the page's script to finish what it is doing (loading, or sending a form). */
    void settle() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            Object ready = ((JavascriptExecutor) d).executeScript(
                    "return document.readyState === 'complete' && (!document.body.dataset.page || "
                            + "document.body.dataset.page === 'login' || document.body.dataset.page === 'request-new' "
                            + "|| document.body.dataset.ready === 'true')");
            return Boolean.TRUE.equals(ready);
        });
    }

    void signIn(String name, String password) {
        go("/console");
        assertThat(driver.getCurrentUrl()).as("an unsigned visitor is sent to sign in").contains("/console/login");
        type("username", name);
        type("password-field", password);
        String signInPage = driver.getCurrentUrl();
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        // the sign-in page itself counts as settled: wait for the answer to the form first (the console, or
        // the sign-in page again with ?error, ?held-back or ?busy)
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !signInPage.equals(d.getCurrentUrl()));
        settle();
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field's value as a script would: for date and time inputs, whose typing depends on the locale. */
    void set(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id(id)), value);
    }

    void choose(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    /** Sends the form (by its legend, or its id) and waits for the page to show the outcome. */
    /** Submits the form; a step that asks for confirmation is confirmed (when the browser's own checks let it be sent). */
    void send(WebElement form) {
        boolean asks = form.getAttribute("data-confirm-step") != null;
        form.findElement(By.cssSelector("button[type=submit]")).click();
        if (asks) {
            try {
                new WebDriverWait(driver, Duration.ofSeconds(2)).until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
                        .accept();
            } catch (org.openqa.selenium.TimeoutException notSent) {
                // the browser refused the form before it was sent (a required field): nothing to confirm
            }
        }
        settle();
    }

    WebElement form(String legend) {
        return driver.findElements(By.tagName("form")).stream()
                .filter(form -> !form.findElements(By.tagName("legend")).isEmpty()
                        && form.findElement(By.tagName("legend")).getText().equals(legend))
                .findFirst().orElseThrow(() -> new AssertionError("no form '" + legend + "' on " + driver.getCurrentUrl()));
    }

    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    String problem() {
        WebElement problem = driver.findElement(By.id("problem"));
        return problem.isDisplayed() ? problem.getText() : "";
    }

    /** The value shown against a term of a page's facts list. */
    String fact(String term) {
        List<WebElement> terms = driver.findElements(By.cssSelector("dl.facts dt"));
        for (WebElement dt : terms) {
            if (dt.getText().equals(term)) {
                return dt.findElement(By.xpath("following-sibling::dd[1]")).getText();
            }
        }
        throw new AssertionError("no fact '" + term + "' on " + driver.getCurrentUrl());
    }

    /** The page passes axe-core's WCAG 2.1 A and AA rules. */
    /**
     * Clicks the button that sends a page's form (a page without script) and waits for the page that
     * answers: the old page's root is gone, whichever way the driver says so (stale, or no longer in the
     * document).
     */
    void submitAndWait(String buttonSelector) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector(buttonSelector)).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        settle();
    }

    void assertAccessible() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        assertThat(results.getPasses()).as("axe-core ran its rules on %s", driver.getCurrentUrl()).isNotEmpty();
        List<Rule> violations = results.getViolations();
        assertThat(violations).as("accessibility violations on %s: %s", driver.getCurrentUrl(), violations.stream()
                .map(rule -> rule.getId() + " (" + rule.getNodes().size() + "): " + rule.getHelp())
                .collect(Collectors.joining("; "))).isEmpty();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
