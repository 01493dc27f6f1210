package dev.veneer.spark.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through
 * chromedriver. Tests using it are skipped, saying why, where the browser is not installed;
 * {@code .ci/run} installs it.
 */
final class Chromium implements AutoCloseable {
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "docs-screenshots");

    private final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or aborts the calling test (skipped) when it is not installed. */
    static Chromium start() {
        Optional<Path> browser = BROWSERS.stream().filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(browser.isPresent() && Files.isExecutable(DRIVER),
                "Chromium is not installed (apt-get install -y chromium chromium-driver; .ci/run does it): browser tests skipped");
        Path profile;
        try {
            profile = Files.createTempDirectory("veneer-chromium-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a page and waits until its script has run (the page marks the root element {@code data-ready}). */
    void open(String url) {
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    void waitForScript() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.documentElement.getAttribute('data-ready')") != null);
    }

    Object script(String code, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(code, arguments);
    }

    /** A screenshot of the window, under {@code target/docs-screenshots/NAME.png}, for a person to review. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            // a leftover profile in /tmp is harmless
        }
    }
}
