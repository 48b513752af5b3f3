package io.reductor.bench.harness;

import io.reductor.bench.clients.Client;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runner's options, each written {@code --name=value} or {@code --name value}; {@code --smoke} and {@code --jfr}
 * stand alone. An unknown option, scenario or client is refused rather than ignored.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code --smoke}</td><td>off</td><td>a one-minute run whose figures mean nothing; changes the defaults
 *       below</td></tr>
 *   <tr><td>{@code --out}</td><td>{@code benchmarks/results} ({@code benchmarks/target/smoke-results} with
 *       {@code --smoke})</td><td>where the results go; client logs go to its {@code logs} folder</td></tr>
 *   <tr><td>{@code --scenarios}</td><td>{@code ingest,rate-limited,upload,listing,jmh}</td><td>which to
 *       run</td></tr>
 *   <tr><td>{@code --clients}</td><td>every {@link Client}</td><td>which clients to measure (each scenario runs
 *       those it supports)</td></tr>
 *   <tr><td>{@code --documents}</td><td>10000 (300)</td><td>documents per ingest run</td></tr>
 *   <tr><td>{@code --processing}</td><td>{@code 0,200} ({@code 0})</td><td>the simulator's processing times per
 *       job in the ingest runs, ms</td></tr>
 *   <tr><td>{@code --concurrency}</td><td>{@code 64,256} ({@code 32})</td><td>jobs in flight in the ingest
 *       runs</td></tr>
 *   <tr><td>{@code --rate-limits}</td><td>{@code 50/20@64,1000/200@256} ({@code 100/20@16})</td><td>the
 *       rate-limited ingest's settings, each {@code requests/s / job polls/s @ concurrency}</td></tr>
 *   <tr><td>{@code --rate-limited-documents}</td><td>2000 (30)</td><td>documents per rate-limited ingest
 *       run</td></tr>
 *   <tr><td>{@code --modes}</td><td>{@code cold,warm}</td><td>how the ingest and rate-limited clients are
 *       measured: in a fresh process, and in the same process after a warm-up of the same size</td></tr>
 *   <tr><td>{@code --jvm-recipes}</td><td>{@code c1,c1-serial-64m,batch,service-32m} ({@code batch,service-32m})</td>
 *       <td>the {@link JvmRecipe}s Reductor's ingest runs are also measured with, each in its mode (the batch recipes
 *       cold, {@code service-32m} warm), each a row beside the default JVM's; empty for none</td></tr>
 *   <tr><td>{@code --repetitions}</td><td>1 for ingest, 3 (1) for upload and listing</td><td>measured runs per
 *       client and setting; the median is reported</td></tr>
 *   <tr><td>{@code --long-poll}</td><td>{@code next-change}</td><td>{@code until-finished}: the simulator holds a
 *       long poll until the job finishes instead of until its next status change</td></tr>
 *   <tr><td>{@code --client-jvm-options}</td><td>none</td><td>extra options for every client JVM,
 *       space-separated</td></tr>
 *   <tr><td>{@code --jfr}</td><td>off</td><td>every client JVM records a flight recording into the logs
 *       folder</td></tr>
 *   <tr><td>{@code --node}, {@code --node-dir}</td><td>{@code node}, {@code benchmarks/node}</td><td>the Node
 *       executable and the TypeScript SDK harness</td></tr>
 * </table>
 */
public final class RunOptions {

    /** The scenarios {@code --scenarios} may name, in the order they run. */
    public static final List<String> SCENARIOS = List.of("ingest", "rate-limited", "upload", "listing", "jmh");

    private static final Set<String> FLAGS = Set.of("smoke", "jfr");
    private static final Set<String> NAMES = Set.of("smoke", "jfr", "out", "scenarios", "clients", "documents",
            "processing", "concurrency", "repetitions", "long-poll", "client-jvm-options", "node", "node-dir",
            "rate-limits", "rate-limited-documents", "modes", "jvm-recipes");
    private static final Pattern RATE_LIMIT = Pattern.compile("(\\d+)/(\\d+)@(\\d+)");

    /**
     * One setting of the rate-limited ingest.
     *
     * @param requestsPerSecond the simulator's limit on all requests
     * @param pollsPerSecond    its limit on job polls, which also count against {@code requestsPerSecond}
     * @param concurrency       documents in flight at most
     */
    public record RateLimit(int requestsPerSecond, int pollsPerSecond, int concurrency) {
    }

    private final boolean smoke;
    private final Path out;
    private final List<String> scenarios;
    private final List<Client> clients;
    private final int documents;
    private final List<Integer> processing;
    private final List<Integer> concurrency;
    private final List<RateLimit> rateLimits;
    private final int rateLimitedDocuments;
    private final List<Mode> modes;
    private final List<JvmRecipe> jvmRecipes;
    private final OptionalInt repetitions;
    private final boolean longPollUntilFinished;
    private final List<String> clientJvmOptions;
    private final boolean flightRecordings;
    private final String node;
    private final Path nodeDir;

    private RunOptions(Map<String, String> options) {
        this.smoke = Boolean.parseBoolean(options.getOrDefault("smoke", "false"));
        this.out = Path.of(options.getOrDefault("out", smoke ? "benchmarks/target/smoke-results"
                : "benchmarks/results"));
        this.scenarios = list(options.getOrDefault("scenarios", String.join(",", SCENARIOS))).stream()
                .peek(name -> {
                    if (!SCENARIOS.contains(name)) {
                        throw new IllegalArgumentException("no scenario is called " + name + "; the scenarios are "
                                + String.join(", ", SCENARIOS));
                    }
                }).toList();
        this.clients = options.containsKey("clients")
                ? list(options.get("clients")).stream().map(Client::byId).distinct().toList()
                : List.of(Client.values());
        this.documents = Integer.parseInt(options.getOrDefault("documents", smoke ? "300" : "10000"));
        this.processing = integers(options.getOrDefault("processing", smoke ? "0" : "0,200"));
        this.concurrency = integers(options.getOrDefault("concurrency", smoke ? "32" : "64,256"));
        this.rateLimits = list(options.getOrDefault("rate-limits", smoke ? "100/20@16" : "50/20@64,1000/200@256"))
                .stream().map(RunOptions::rateLimit).toList();
        this.rateLimitedDocuments = Integer.parseInt(options.getOrDefault("rate-limited-documents",
                smoke ? "30" : "2000"));
        if (rateLimitedDocuments < 1) {
            throw new IllegalArgumentException("--rate-limited-documents must be at least 1");
        }
        this.modes = list(options.getOrDefault("modes", "cold,warm")).stream().map(Mode::byId).distinct().toList();
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("--modes needs cold, warm or both");
        }
        this.jvmRecipes = list(options.getOrDefault("jvm-recipes",
                smoke ? "batch,service-32m" : "c1,c1-serial-64m,batch,service-32m")).stream()
                .map(JvmRecipe::byId).filter(recipe -> recipe != JvmRecipe.DEFAULT).distinct().toList();
        this.repetitions = options.containsKey("repetitions")
                ? OptionalInt.of(Integer.parseInt(options.get("repetitions"))) : OptionalInt.empty();
        if (documents < 1 || repetitions.orElse(1) < 1) {
            throw new IllegalArgumentException("--documents and --repetitions must be at least 1");
        }
        this.longPollUntilFinished = switch (options.getOrDefault("long-poll", "next-change")) {
            case "next-change" -> false;
            case "until-finished" -> true;
            default -> throw new IllegalArgumentException("--long-poll is next-change or until-finished but was "
                    + options.get("long-poll"));
        };
        this.clientJvmOptions = Stream.of(options.getOrDefault("client-jvm-options", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        this.flightRecordings = Boolean.parseBoolean(options.getOrDefault("jfr", "false"));
        this.node = options.getOrDefault("node", "node");
        this.nodeDir = Path.of(options.getOrDefault("node-dir", "benchmarks/node"));
    }

    /**
     * Reads the options.
     *
     * @param args the runner's arguments
     * @return the options, defaults filled in
     * @throws IllegalArgumentException for an unknown option or value
     */
    public static RunOptions parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options start with -- but got " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; the options are --"
                        + String.join(", --", NAMES.stream().sorted().toList()));
            }
            if (equals >= 0) {
                options.put(name, arg.substring(equals + 1));
            } else if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return new RunOptions(options);
    }

    /** @return whether this is the short smoke run, whose figures mean nothing */
    public boolean smoke() {
        return smoke;
    }

    /** @return where the results go */
    public Path out() {
        return out;
    }

    /** @return where the client processes' logs and flight recordings go: {@code <out>/logs} */
    public Path logs() {
        return out.resolve("logs");
    }

    /**
     * Whether a scenario is to run.
     *
     * @param scenario one of {@link #SCENARIOS}
     * @return {@code true} if {@code --scenarios} names it
     */
    public boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** @return the clients to measure, in the order given */
    public List<Client> clients() {
        return clients;
    }

    /** @return documents per ingest run */
    public int documents() {
        return documents;
    }

    /** @return the simulator's processing times per job in the ingest runs, ms */
    public List<Integer> processing() {
        return processing;
    }

    /** @return the concurrencies of the ingest runs */
    public List<Integer> concurrency() {
        return concurrency;
    }

    /** @return the rate-limited ingest's settings */
    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    /** @return documents per rate-limited ingest run */
    public int rateLimitedDocuments() {
        return rateLimitedDocuments;
    }

    /** @return how the ingest and rate-limited clients are measured, cold and/or warm */
    public List<Mode> modes() {
        return modes;
    }

    /** @return the JVM recipes Reductor's ingest runs are also measured with in their modes, besides the default */
    public List<JvmRecipe> jvmRecipes() {
        return jvmRecipes;
    }

    /**
     * Measured runs per client and setting.
     *
     * @param scenarioDefault the scenario's own number when {@code --repetitions} is not given
     * @return at least 1
     */
    public int repetitions(int scenarioDefault) {
        return repetitions.orElse(scenarioDefault);
    }

    /** @return whether the simulator holds a long poll until the job finishes */
    public boolean longPollUntilFinished() {
        return longPollUntilFinished;
    }

    /** @return extra options for every client JVM */
    public List<String> clientJvmOptions() {
        return clientJvmOptions;
    }

    /** @return whether every client JVM records a flight recording */
    public boolean flightRecordings() {
        return flightRecordings;
    }

    /** @return the Node executable */
    public String node() {
        return node;
    }

    /** @return the TypeScript SDK harness's directory */
    public Path nodeDir() {
        return nodeDir;
    }

    private static List<String> list(String commaSeparated) {
        return Stream.of(commaSeparated.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static RateLimit rateLimit(String setting) {
        Matcher matcher = RATE_LIMIT.matcher(setting);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--rate-limits takes settings like 50/20@64 (requests/s / job polls/s"
                    + " @ concurrency) but got " + setting);
        }
        RateLimit limit = new RateLimit(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
        if (limit.requestsPerSecond() < 1 || limit.pollsPerSecond() < 1 || limit.concurrency() < 1) {
            throw new IllegalArgumentException("--rate-limits needs limits and a concurrency of at least 1 but got "
                    + setting);
        }
        return limit;
    }

    private static List<Integer> integers(String commaSeparated) {
        return list(commaSeparated).stream().map(Integer::valueOf).toList();
    }
}
