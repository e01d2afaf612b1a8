package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import picocli.CommandLine;

/**
 * The dashboard as a person uses it, on a simulated run with HTTP on, in Debian's headless Chromium: the
 * numbers on the page are the status API's, they move as the simulation trades, a parameter changed
 * through the form with the token takes effect, and halt through the button (confirmed) stops entries.
 * A screenshot goes to {@code target/dashboard-sim.png}. Without Chromium the test fails when
 * {@code ARB_REQUIRE_BROWSER} is set (as on CI), else it is skipped with a loud message.
 */
class DashboardSimRunTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = System.getenv("ARB_TEST_HTTP_TOKEN");
    private static final String BOT = "btc-vest-paradex";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldShowTheLiveRunAndControlItFromThePage(@TempDir final Path dir) throws Exception {
        requireBrowser();
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        final String base = "http://127.0.0.1:" + port;
        final Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
            markets:
              BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
            bots:
              - {id: btc-vest-paradex, pair: BTC, dex_a: vest, dex_b: paradex, spread_entry: 0.15, spread_exit: -0.05,
                 leverage: 5, position_size: 0.01}
            http: {listen: "127.0.0.1:%d", token_env: ARB_TEST_HTTP_TOKEN}
            """.formatted(port));
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new Main()).execute(
            "run", "--sim", "--config", config.toString(), "--duration", "170s", "--seed", "7"));
        await().atMost(WAIT).ignoreExceptions().until(() -> status(base).get("bots").get(0).get("legs").get(0)
            .hasNonNull("bid"));

        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--user-data-dir=" + Files.createDirectory(dir.resolve("chromium")), "--window-size=1680,1200");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        final WebDriver driver = new ChromeDriver(options);
        try {
            driver.get(base + "/");
            // the page shows what the API says
            await().atMost(WAIT).until(() -> value(driver, "id").equals(BOT));
            final JsonNode first = status(base).get("bots").get(0);
            assertThat(value(driver, "strategy.name")).isEqualTo(first.get("strategy").get("name").asText());
            assertThat(value(driver, "legs.1.market")).isEqualTo("BTC-USD-PERP");
            await().atMost(WAIT).until(() -> value(driver, "counters.ordersSent")
                .equals(status(base).get("bots").get(0).get("counters").get("ordersSent").asText()));
            // and follows the market live
            final String bid = value(driver, "legs.0.bid");
            await().atMost(WAIT).until(() -> !value(driver, "legs.0.bid").equals(bid));

            // a parameter changed through the form, with the token, takes effect: a low threshold enters
            final long entriesBefore = status(base).get("bots").get(0).get("counters").get("entries").asLong();
            driver.findElement(By.id("token")).sendKeys(TOKEN);
            final WebElement entry = field(driver, "[data-param=\"spread_entry\"]");
            entry.clear();
            entry.sendKeys("-0.5");
            click(driver, field(driver, "[data-action=\"apply-params\"]"));
            await().atMost(WAIT).until(() -> field(driver, "[data-field=\"param-result\"]").getText()
                .contains("spread_entry 0.15 -> -0.5"));
            await().atMost(WAIT).until(() -> param(status(base).get("bots").get(0), "spread_entry").equals("-0.5"));
            await().atMost(WAIT).until(() -> status(base).get("bots").get(0).get("counters").get("entries").asLong()
                > entriesBefore);
            await().atMost(WAIT).until(() -> Long.parseLong(value(driver, "counters.entries")) > entriesBefore);

            // halt through the button, confirmed: opportunities keep coming (counted as refused while paused), entries stop
            click(driver, field(driver, "button[data-action=\"halt\"][data-bot=\"" + BOT + "\"]"));
            click(driver, field(driver, "[data-action=\"confirm\"]"));
            await().atMost(WAIT).until(() -> status(base).get("bots").get(0).get("paused").asBoolean());
            final JsonNode paused = status(base).get("bots").get(0);
            final long entriesAtPause = paused.get("counters").get("entries").asLong();
            final long refusedAtPause = paused.get("counters").get("opportunitiesRefused").asLong();
            await().atMost(WAIT).until(() -> status(base).get("bots").get(0).get("counters")
                .get("opportunitiesRefused").asLong() >= refusedAtPause + 3);
            assertThat(status(base).get("bots").get(0).get("counters").get("entries").asLong())
                .as("no entry while paused, though opportunities came (one already in flight may complete)")
                .isLessThanOrEqualTo(entriesAtPause + 1);
            await().atMost(WAIT).until(() -> "true".equals(value(driver, "paused")));

            final Path shot = Path.of("target", "dashboard-sim.png");
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
            post(base + "/api/flatten");
        }
        assertThat(run.get(120, TimeUnit.SECONDS)).isZero();
    }

    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        final String msg = "DashboardSimRunTest NOT RUN: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing "
            + "(apt-get install -y chromium chromium-driver); set ARB_REQUIRE_BROWSER=1 to make this a failure";
        final String required = System.getenv("ARB_REQUIRE_BROWSER");
        if (required != null && !required.isBlank()) {
            fail(msg);
        }
        System.err.println("!!!!!!!! " + msg + " !!!!!!!!");
        assumeTrue(false, msg);
    }

    private static String value(final WebDriver driver, final String name) {
        final WebElement e = field(driver, "[data-bot=\"" + BOT + "\"] [data-field=\"" + name + "\"]");
        final String v = e.getAttribute("data-value");
        return v != null ? v : e.getText();
    }

    /** Clicks as a person would: the element scrolled to the middle of the window (clear of the sticky top bar). */
    private static void click(final WebDriver driver, final WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private static WebElement field(final WebDriver driver, final String css) {
        return driver.findElement(By.cssSelector(css));
    }

    private JsonNode status(final String base) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/status")).build(),
            HttpResponse.BodyHandlers.ofString()).body());
    }

    private void post(final String url) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String param(final JsonNode bot, final String name) {
        for (JsonNode p : bot.get("parameters")) {
            if (p.get("name").asText().equals(name)) {
                return p.get("value").asText();
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
