package dev.scatter.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver by Selenium: no browser is downloaded. Where
 * neither is installed the tests are skipped, saying why; under CI (CI=true) that is a failure, since .ci/run
 * installs them.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Why no browser can be started here (null: one can). */
    public static String unavailable() {
        Path chromium = chromium();
        Path chromedriver = chromedriver();
        if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
            return null;
        }
        return "browser tests need Debian's chromium and chromium-driver (" + chromium + ", " + chromedriver
                + "): apt-get install chromium chromium-driver, or set SCATTER_CHROMIUM and SCATTER_CHROMEDRIVER";
    }

    /** Skips the test, saying why, where there is no browser; under CI (CI=true), where .ci/run installs one, fails it. */
    public static void requireAvailable() {
        String why = unavailable();
        if (why == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; .ci/run installs them, so under CI their absence is a failure");
        }
        Assumptions.abort(why);
    }

    private static Path chromium() {
        return Path.of(System.getenv().getOrDefault("SCATTER_CHROMIUM", "/usr/bin/chromium"));
    }

    private static Path chromedriver() {
        return Path.of(System.getenv().getOrDefault("SCATTER_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    public static Browser start() {
        requireAvailable();
        Path chromium = chromium();
        Path chromedriver = chromedriver();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1300,1000", "--lang=en-US", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads().toString()));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** A wait that tries again when the page's refresh replaced an element between finding and reading it. */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /**
     * The text of the first element a CSS selector finds ("" when none), read in one step in the page: the pages
     * rebuild their tables at every refresh, so an element found in one call may be gone in the next.
     */
    public String text(String css) {
        Object text = driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
        return text == null ? "" : text.toString().trim();
    }

    /** An attribute of the first element a CSS selector finds (null when none), read in one step. */
    public String attribute(String css, String name) {
        Object value = driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
        return value == null ? null : value.toString();
    }

    public void open(String url) {
        driver.get(url);
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the page shows as target/screenshots/NAME.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new AssertionError("cannot save a screenshot: " + e.getMessage(), e);
        }
    }

    private static Path downloads() {
        return Path.of("target", "downloads").toAbsolutePath();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
