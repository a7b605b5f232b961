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
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        Path chromium = Path.of(System.getenv().getOrDefault("SCATTER_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("SCATTER_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String why = "browser tests need Debian's chromium and chromium-driver (" + chromium + ", " + chromedriver
                    + "): apt-get install chromium chromium-driver, or set SCATTER_CHROMIUM and SCATTER_CHROMEDRIVER";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + "; .ci/run installs them, so under CI their absence is a failure");
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1300,1000", "--lang=en-US", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads().toString()));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100));
    }

    void open(String url) {
        driver.get(url);
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the page shows as target/screenshots/NAME.png. */
    Path screenshot(String name) {
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
