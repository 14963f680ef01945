package collectif.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch 2.19 for development and tests (no security plugin, not for production).
 *
 * Usage: OpenSearchNode [http-port]   (or env OPENSEARCH_PORT; default 9200)
 * Env OPENSEARCH_HOME: keep data in that directory instead of a temporary one deleted on exit.
 */
public final class OpenSearchNode {

    /** Node's plugin-taking constructor is protected; it is how classpath plugins get loaded
     *  without a distribution's modules/ directory. */
    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment env, List<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        String portArg = args.length > 0 ? args[0] : System.getenv().getOrDefault("OPENSEARCH_PORT", "9200");
        int httpPort = Integer.parseInt(portArg.trim());

        String homeEnv = System.getenv("OPENSEARCH_HOME");
        boolean temporary = homeEnv == null || homeEnv.isBlank();
        Path home = temporary ? Files.createTempDirectory("opensearch-node-") : Paths.get(homeEnv).toAbsolutePath();
        // Node insists these exist; empty modules/ and plugins/ mean "classpath plugins only".
        for (String dir : new String[] {"config", "data", "logs", "modules", "plugins"}) {
            Files.createDirectories(home.resolve(dir));
        }

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "collectif-dev")
            .put("node.name", "collectif-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            // Ephemeral: nothing talks to it but the node itself, so avoid clashing with a 2nd node.
            .put("transport.port", 0)
            // Dev machines and CI disks are often >90% full; the watermark would block index creation.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), home.resolve("config"), () -> "collectif-node");

        Node node = new EmbeddedNode(env, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                if (temporary) deleteTree(home);
                stopped.countDown();
            }
        }, "opensearch-node-shutdown"));

        try {
            node.start();
        } catch (Exception e) {
            // e.g. port already in use: fail loudly with a non-zero status instead of hanging.
            System.err.println("OPENSEARCH FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("OPENSEARCH READY http://127.0.0.1:" + httpPort + " home=" + home);
        System.out.flush();
        // The node's threads are daemons: keep main alive until the shutdown hook has finished.
        stopped.await();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
