package dev.arb.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard page ({@code dev/arb/operator/web/}) in headless Chromium against {@link StubOperatorServer}:
 * what the page shows is what the status says, it follows the status live (SSE, or polling when the stream
 * fails), control goes out with the bearer token and only after confirmation, and a read-only server makes a
 * read-only page. Writes {@code target/dashboard.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}); without them the test is skipped loudly, or fails when
 * {@code ARB_REQUIRE_BROWSER} is set (as on CI). Selenium is pointed at both so that it never downloads.
 */
class DashboardPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "s3cret-token";
    private static final String BTC = "btc-vest-paradex";
    private static final String ETH = "eth-vest-paradex";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StubOperatorServer stub;
    private static WebDriver driver;
    private static Path profile;

    @BeforeAll
    static void startStubAndBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String msg = "DashboardPageTest NOT RUN: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing"
                    + " (apt-get install -y chromium chromium-driver); set ARB_REQUIRE_BROWSER=1 to make this a failure";
            String required = System.getenv("ARB_REQUIRE_BROWSER");
            if (required != null && !required.isBlank()) {
                fail(msg);
            }
            System.err.println("!!!!!!!! " + msg + " !!!!!!!!");
            assumeTrue(false, msg);
        }
        stub = new StubOperatorServer(TOKEN).start();
        profile = Files.createTempDirectory("arb-dashboard-chromium");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1680,1400", "--force-device-scale-factor=1");
        driver = new ChromeDriver(options);
    }

    @AfterAll
    static void stopStubAndBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (stub != null) {
            stub.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) { // the browser's temporary profile
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void openFreshPage() {
        stub.reset();
        driver.get(stub.baseUrl());
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        eventually().untilAsserted(() -> assertThat(field(BTC, "pnl.totalUsd")).isEqualTo("6.21"));
    }

    @Test
    void shouldShowEveryValueOfTheStatusAsServed() {
        ObjectNode status = stub.snapshot();
        assertThat(driver.findElements(By.cssSelector("section.bot[data-bot]"))).hasSize(2);
        for (JsonNode bot : status.get("bots")) {
            String id = bot.get("id").asText();
            assertThat(field(id, "state")).isEqualTo(bot.get("state").asText());
            assertThat(field(id, "netDelta")).isEqualTo(bot.get("netDelta").asText());
            bot.get("strategy").fields().forEachRemaining(e ->
                    assertThat(field(id, "strategy." + e.getKey())).as(id + " strategy." + e.getKey()).isEqualTo(e.getValue().asText()));
            bot.get("pnl").fields().forEachRemaining(e ->
                    assertThat(field(id, "pnl." + e.getKey())).as(id + " pnl." + e.getKey()).isEqualTo(e.getValue().asText()));
            bot.get("counters").fields().forEachRemaining(e ->
                    assertThat(field(id, "counters." + e.getKey())).as(id + " counters." + e.getKey()).isEqualTo(e.getValue().asText()));
            for (int i = 0; i < bot.get("legs").size(); i++) {
                JsonNode leg = bot.get("legs").get(i);
                for (String f : List.of("venue", "market", "bid", "bidSize", "ask", "askSize", "position", "bookAgeMs")) {
                    assertThat(field(id, "legs." + i + "." + f)).as(id + " legs." + i + "." + f).isEqualTo(leg.get(f).asText());
                }
                assertThat(Double.parseDouble(value(id, "legs." + i + ".fundingRatePerHour")))
                        .isEqualTo(leg.get("fundingRatePerHour").asDouble());
            }
            bot.get("spread").fields().forEachRemaining(e -> {
                String shown = value(id, "spread." + e.getKey());
                if (e.getValue().isNull()) {
                    assertThat(shown).as(id + " spread." + e.getKey()).isEmpty();
                    assertThat(field(id, "spread." + e.getKey())).isEqualTo("—");
                } else {
                    assertThat(Double.parseDouble(shown)).as(id + " spread." + e.getKey()).isEqualTo(e.getValue().asDouble());
                }
            });
            bot.get("latency").fields().forEachRemaining(h -> h.getValue().fields().forEachRemaining(p ->
                    assertThat(Double.parseDouble(value(id, "latency." + h.getKey() + "." + p.getKey())))
                            .as(id + " latency." + h.getKey() + "." + p.getKey()).isEqualTo(p.getValue().asDouble())));
            for (JsonNode p : bot.get("parameters")) {
                WebElement input = param(id, p.get("name").asText());
                assertThat(input.getDomProperty("value")).isEqualTo(p.get("value").asText());
                WebElement row = input.findElement(By.xpath("ancestor::tr"));
                assertThat(row.getText()).contains(p.get("unit").asText(), p.get("description").asText(),
                        "[" + p.get("min").asText() + ", " + p.get("max").asText() + "]");
            }
        }
        assertThat(field(BTC, "spread.entryPct")).isEqualTo("0.120");
        assertThat(field(BTC, "latency.tickToDecisionUs.p50")).isEqualTo("71.0");
        assertThat(field(BTC, "latency.decisionToAckUs.p99")).isEqualTo("119,013");
        assertThat(driver.findElement(By.id("breaker-state")).getText()).isEqualTo("CLOSED");
        assertThat(classes(By.id("breaker-state"))).contains("breaker-CLOSED");
        assertThat(classes(fieldBy(BTC, "pnl.totalUsd"))).contains("pos");
        assertThat(classes(fieldBy(ETH, "pnl.totalUsd"))).contains("neg");
        assertThat(classes(fieldBy(ETH, "legs.0.bookAgeMs"))).as("a 4.2 s old book is stale").contains("stale");
        assertThat(classes(fieldBy(BTC, "legs.0.bookAgeMs"))).doesNotContain("stale");
        assertThat(driver.findElement(By.cssSelector(bot(ETH) + " [data-field=\"paused\"]")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.cssSelector("#alerts li"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("#alerts li")).getText()).contains("compile error at line 14");
        assertThat(driver.findElement(By.id("readonly-banner")).isDisplayed()).isFalse();
        WebElement vest = driver.findElement(By.cssSelector("#venues [data-venue=\"vest\"]"));
        WebElement paradex = driver.findElement(By.cssSelector("#venues [data-venue=\"paradex\"]"));
        assertThat(vest.getText()).isEqualTo("vest · OK");
        assertThat(classes(By.cssSelector("#venues [data-venue=\"vest\"]"))).contains("ok").doesNotContain("warn");
        assertThat(paradex.getText()).as("non-zero health counters are shown").isEqualTo("paradex · OK · reconnects 2 · gaps 1");
        assertThat(classes(By.cssSelector("#venues [data-venue=\"paradex\"]"))).contains("warn").doesNotContain("ok");
        assertThat(paradex.getDomAttribute("title")).contains("reconnects 2", "sequence gaps 1", "decode errors 0", "rate-limited 0");
    }

    @Test
    void shouldFollowTheStatusLiveOverTheEventStream() {
        eventually().untilAsserted(() -> assertThat(driver.findElement(By.id("conn")).getDomAttribute("data-conn")).isEqualTo("sse"));
        stub.update(s -> {
            ObjectNode btc = StubOperatorServer.bot(s, BTC);
            btc.put("state", "FLAT");
            ((ObjectNode) btc.get("pnl")).put("totalUsd", "-3.50");
            ((ObjectNode) btc.get("counters")).put("entries", 5);
            ((ObjectNode) btc.get("legs").get(0)).put("bid", "97010.3").put("bookAgeMs", 9000);
            ((ObjectNode) s.get("breaker")).put("state", "OPEN").put("trips", 1).put("lastReason", "daily loss");
        });
        eventually().untilAsserted(() -> {
            assertThat(field(BTC, "pnl.totalUsd")).isEqualTo("-3.50");
            assertThat(field(BTC, "counters.entries")).isEqualTo("5");
            assertThat(field(BTC, "legs.0.bid")).isEqualTo("97010.3");
            assertThat(field(BTC, "state")).isEqualTo("FLAT");
            assertThat(driver.findElement(By.id("breaker-state")).getText()).isEqualTo("OPEN");
        });
        assertThat(classes(fieldBy(BTC, "pnl.totalUsd"))).contains("neg");
        assertThat(classes(fieldBy(BTC, "legs.0.bookAgeMs"))).contains("stale");
        assertThat(classes(By.id("breaker-state"))).contains("breaker-OPEN");
        assertThat(driver.findElement(By.id("breaker-trips")).getText()).isEqualTo("1");

        stub.update(s -> ((ObjectNode) s.get("breaker")).put("state", "HALF_OPEN"));
        eventually().untilAsserted(() -> assertThat(classes(By.id("breaker-state"))).contains("breaker-HALF_OPEN"));
    }

    @Test
    void shouldFallBackToPollingWhenTheEventStreamFails() {
        stub.sseEnabled(false);
        driver.navigate().refresh();
        eventually().untilAsserted(() -> assertThat(driver.findElement(By.id("conn")).getDomAttribute("data-conn")).isEqualTo("poll"));
        stub.update(s -> ((ObjectNode) StubOperatorServer.bot(s, ETH).get("counters")).put("exits", 42));
        eventually().untilAsserted(() -> assertThat(field(ETH, "counters.exits")).isEqualTo("42"));
    }

    @Test
    void shouldApplyParametersWithTheBearerTokenAndShowTheResult() throws IOException {
        type(driver.findElement(By.id("token")), TOKEN);
        type(param(BTC, "spread_entry"), "0.2");
        type(param(BTC, "slippage_bps"), "5");
        click(By.cssSelector(bot(BTC) + " [data-action=\"apply-params\"]"));

        eventually().untilAsserted(() -> assertThat(field(BTC, "param-result"))
                .isEqualTo("btc-vest-paradex: spread_entry 0.15 -> 0.2\nbtc-vest-paradex: slippage_bps 3 -> 5"));
        List<StubOperatorServer.Call> calls = stub.calls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).path()).isEqualTo("/api/bots/btc-vest-paradex/params");
        assertThat(calls.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(JSON.readValue(calls.get(0).body(), Map.class)).isEqualTo(Map.of("spread_entry", "0.2", "slippage_bps", "5"));
        assertThat(classes(fieldBy(BTC, "param-result"))).contains("ok");
        // the new value comes back in the status, the field is no longer an unsent edit
        eventually().untilAsserted(() -> assertThat(classes(param(BTC, "spread_entry"))).doesNotContain("dirty"));
        assertThat(param(BTC, "spread_entry").getDomProperty("value")).isEqualTo("0.2");

        driver.navigate().refresh();
        eventually().untilAsserted(() -> assertThat(field(BTC, "state")).isEqualTo("OPEN"));
        assertThat(driver.findElement(By.id("token")).getDomProperty("value")).as("token kept in sessionStorage").isEqualTo(TOKEN);
    }

    @Test
    void shouldShowTheServersRefusals() {
        type(driver.findElement(By.id("token")), "wrong");
        type(param(BTC, "spread_entry"), "0.3");
        click(By.cssSelector(bot(BTC) + " [data-action=\"apply-params\"]"));
        eventually().untilAsserted(() -> assertThat(field(BTC, "param-result")).contains("unauthorized"));
        assertThat(classes(fieldBy(BTC, "param-result"))).contains("error");
        assertThat(stub.calls()).singleElement().extracting(StubOperatorServer.Call::authorization).isEqualTo("Bearer wrong");
        assertThat(StubOperatorServer.bot(stub.snapshot(), BTC).get("parameters").get(0).get("value").asText()).isEqualTo("0.15");

        type(driver.findElement(By.id("token")), TOKEN);
        type(param(BTC, "spread_entry"), "5000");
        assertThat(classes(param(BTC, "spread_entry"))).as("out of bounds, marked before sending").contains("invalid");
        click(By.cssSelector(bot(BTC) + " [data-action=\"apply-params\"]"));
        eventually().untilAsserted(() -> assertThat(field(BTC, "param-result"))
                .contains("error: btc-vest-paradex: spread_entry 5000 out of [-100, 1000]"));
        assertThat(classes(fieldBy(BTC, "param-result"))).contains("error");
    }

    @Test
    void shouldHaltABotOnlyAfterConfirmation() {
        type(driver.findElement(By.id("token")), TOKEN);
        By haltBtc = By.cssSelector("button[data-action=\"halt\"][data-bot=\"" + BTC + "\"]");
        WebElement modal = driver.findElement(By.id("confirm-modal"));

        click(haltBtc);
        eventually().until(modal::isDisplayed);
        assertThat(driver.findElement(By.id("confirm-message")).getText()).contains(BTC);
        click(By.cssSelector("#confirm-modal [data-action=\"cancel\"]"));
        eventually().until(() -> !modal.isDisplayed());
        assertThat(stub.calls()).as("cancelled: nothing sent").isEmpty();

        click(haltBtc);
        eventually().until(modal::isDisplayed);
        click(By.cssSelector("#confirm-modal [data-action=\"confirm\"]"));
        eventually().untilAsserted(() -> assertThat(stub.calls()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/api/bots/btc-vest-paradex/halt");
            assertThat(c.authorization()).isEqualTo("Bearer " + TOKEN);
        }));
        eventually().untilAsserted(() -> assertThat(driver.findElement(By.id("control-result")).getText())
                .contains("btc-vest-paradex: halt").doesNotContain("error"));

        click(By.id("halt-all"));
        eventually().until(modal::isDisplayed);
        assertThat(driver.findElement(By.id("confirm-message")).getText()).contains("ALL");
        click(By.cssSelector("#confirm-modal [data-action=\"confirm\"]"));
        eventually().untilAsserted(() -> assertThat(stub.calls()).extracting(StubOperatorServer.Call::path)
                .containsExactly("/api/bots/btc-vest-paradex/halt", "/api/halt"));
    }

    @Test
    void shouldBeReadOnlyWhenTheServerDisablesMutations() {
        String message = "disabled: set ARB_HTTP_TOKEN to enable control";
        stub.update(s -> s.put("mutations", message));
        eventually().untilAsserted(() -> assertThat(driver.findElement(By.id("readonly-banner")).getText()).contains(message));
        List<WebElement> controls = driver.findElements(By.cssSelector(
                "[data-param], #token, button[data-action=\"halt\"], button[data-action=\"resume\"],"
                        + " button[data-action=\"flatten\"], button[data-action=\"apply-params\"]"));
        assertThat(controls).as("6 parameters, token, 3 global and 2 x 3 bot buttons, 2 apply buttons").hasSize(6 + 1 + 3 + 6 + 2);
        assertThat(controls).allSatisfy(c -> assertThat(c.isEnabled()).as(c.getTagName() + " " + c.getDomAttribute("data-action")).isFalse());
        js("document.querySelector('button[data-action=\"halt\"][data-bot=\"" + BTC + "\"]').click()");
        assertThat(driver.findElement(By.id("confirm-modal")).isDisplayed()).isFalse();
        assertThat(field(BTC, "pnl.totalUsd")).as("still a dashboard").isEqualTo("6.21");
        assertThat(stub.calls()).isEmpty();

        stub.update(s -> s.put("mutations", "enabled"));
        eventually().untilAsserted(() -> assertThat(param(BTC, "spread_entry").isEnabled()).isTrue());
        assertThat(driver.findElement(By.id("readonly-banner")).isDisplayed()).isFalse();
    }

    @Test
    void shouldDrawTheChartsAndFeedsOfALiveSession() throws IOException {
        eventually().untilAsserted(() -> assertThat(driver.findElement(By.id("conn")).getDomAttribute("data-conn")).isEqualTo("sse"));
        int steps = 180; // 15 minutes at 5 s
        int[] step = {0};
        stub.replay(steps, 5_000, s -> {
            double x = step[0]++;
            ObjectNode btc = StubOperatorServer.bot(s, BTC);
            ObjectNode sp = (ObjectNode) btc.get("spread");
            double entry = 0.06 + 0.07 * Math.sin(x / 14) + 0.025 * Math.sin(x / 3.1);
            sp.put("entryPct", round(entry)).put("exitPct", round(-0.19 + 0.06 * Math.cos(x / 17) + 0.02 * Math.sin(x / 2.3)))
                    .put("entryNetPct", round(entry - 0.07)).put("exitNetPct", round(-0.26 + 0.06 * Math.cos(x / 17)));
            ((ObjectNode) btc.get("pnl")).put("totalUsd", String.format("%.2f", 6.21 + x * 0.031 + 0.8 * Math.sin(x / 9)));
            ObjectNode eth = StubOperatorServer.bot(s, ETH);
            ((ObjectNode) eth.get("spread")).put("entryPct", round(0.02 + 0.05 * Math.sin(x / 20))).put("exitPct", round(-0.05 + 0.03 * Math.cos(x / 11)));
            ((ObjectNode) eth.get("pnl")).put("totalUsd", String.format("%.2f", -1.08 - x * 0.004));
        });
        String finalTotal = StubOperatorServer.bot(stub.snapshot(), BTC).get("pnl").get("totalUsd").asText();
        stub.emit("fill", JSON.createObjectNode().put("bot", BTC).put("venue", "vest").put("side", "BUY").put("size", "0.01").put("price", "97000.5").put("status", "FILLED"));
        stub.emit("fill", JSON.createObjectNode().put("bot", BTC).put("venue", "paradex").put("side", "SELL").put("size", "0.01").put("price", "96884.0").put("status", "FILLED"));
        stub.emit("round", JSON.createObjectNode().put("bot", BTC).put("spreadUsd", "2.07").put("slippageUsd", "0.00").put("feesUsd", "-0.52")
                .put("fundingUsd", "0.00").put("totalUsd", "1.55"));
        stub.emit("param", JSON.createObjectNode().put("bot", BTC).put("text", "btc-vest-paradex: spread_entry 0.15 -> 0.12"));
        stub.emit("alert", JSON.createObjectNode().put("kind", "STALE_BOOK").put("critical", true).put("bot", ETH).put("message", "vest ETH-PERP book 4.2 s old: entries skipped"));

        eventually().untilAsserted(() -> {
            assertThat(field(BTC, "pnl.totalUsd")).isEqualTo(finalTotal);
            assertThat(driver.findElements(By.cssSelector("#feed li"))).hasSize(4);
            assertThat(driver.findElements(By.cssSelector("#alerts li"))).hasSize(3);
        });
        assertThat(driver.findElement(By.cssSelector("#feed li[data-kind=\"fill\"]")).getText()).contains("SELL", "0.01 @ 96884.0", "paradex");
        assertThat(driver.findElement(By.cssSelector("#feed li[data-kind=\"param\"]")).getText()).contains("spread_entry 0.15 -> 0.12");
        assertThat(driver.findElement(By.cssSelector("#alerts li.critical")).getText()).contains("STALE_BOOK", "4.2 s old");
        // the spread chart drew both series in their colours, the PnL chart its (positive) line
        eventually().untilAsserted(() -> {
            assertThat(colouredPixels(BTC, "spread", 0x4f, 0xb3, 0xff)).as("entry spread line").isGreaterThan(200);
            assertThat(colouredPixels(BTC, "spread", 0xf0, 0xa3, 0x4a)).as("exit spread line").isGreaterThan(200);
            assertThat(colouredPixels(BTC, "pnl", 0x2f, 0xd0, 0x7a)).as("pnl line").isGreaterThan(200);
            assertThat(colouredPixels(ETH, "pnl", 0xff, 0x5d, 0x6c)).as("negative pnl line").isGreaterThan(100);
        });

        // the whole page in one picture: the window's height is the page's plus the window's own frame
        long height = ((Number) js("return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1680, (int) Math.min(height, 4000)));
        eventually().untilAsserted(() -> assertThat(colouredPixels(BTC, "spread", 0x4f, 0xb3, 0xff)).isGreaterThan(200));
        Path png = Path.of("target", "dashboard.png");
        Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1680, 1400));
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    // ---------- helpers ----------

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }

    private static String bot(String id) {
        return "section.bot[data-bot=\"" + id + "\"]";
    }

    private static By fieldBy(String bot, String field) {
        return By.cssSelector(bot(bot) + " [data-field=\"" + field + "\"]");
    }

    private static String field(String bot, String field) {
        return driver.findElement(fieldBy(bot, field)).getText();
    }

    private static String value(String bot, String field) { // the raw value behind a formatted field
        return driver.findElement(fieldBy(bot, field)).getDomAttribute("data-value");
    }

    private static WebElement param(String bot, String name) {
        return driver.findElement(By.cssSelector(bot(bot) + " [data-param=\"" + name + "\"]"));
    }

    private static String classes(By by) {
        return classes(driver.findElement(by));
    }

    private static String classes(WebElement e) {
        return String.valueOf(e.getDomAttribute("class"));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static void click(By by) {
        driver.findElement(by).click();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Pixels of the bot's chart close to that colour. */
    private static long colouredPixels(String bot, String chart, int r, int g, int b) {
        Object n = js("const c = document.querySelector('" + bot(bot).replace("\"", "\\\"") + " canvas[data-chart=\"" + chart + "\"]');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - " + r + ") < 24 && Math.abs(d[i + 1] - " + g + ") < 24"
                + " && Math.abs(d[i + 2] - " + b + ") < 24 && d[i + 3] > 200) n++; return n;");
        return ((Number) n).longValue();
    }
}
