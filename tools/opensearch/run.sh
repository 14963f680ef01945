#!/usr/bin/env bash
# Start an embedded OpenSearch 2.19.6 node for development/tests (foreground; Ctrl-C or SIGTERM stops it).
# Usage: tools/opensearch/run.sh [http-port]     (default: $OPENSEARCH_PORT or 9200)
# Env: OPENSEARCH_HOME=dir keeps data there (default: a temp dir deleted on exit);
#      OPENSEARCH_JAVA_OPTS=extra JVM flags.
set -euo pipefail
if [ -n "${OPENSEARCH_HOME:-}" ]; then   # resolve before the cd below
    mkdir -p "$OPENSEARCH_HOME"
    OPENSEARCH_HOME=$(cd "$OPENSEARCH_HOME" && pwd)
    export OPENSEARCH_HOME
fi
cd "$(dirname "$0")"

# Rebuild when the jar is missing or older than the sources/pom (mvn works offline once ~/.m2 is filled).
if [ ! -f target/opensearch-node.jar ] || [ ! -d target/lib ] \
   || [ -n "$(find pom.xml src -newer target/opensearch-node.jar -print -quit)" ]; then
    rm -rf target/lib   # stale jars of another version would sit on the classpath wildcard
    # Maven 3.8 prints stray colour-reset codes even with -B; only show its output on failure.
    if ! out=$(mvn -B -q package -DskipTests 2>&1); then
        printf '%s\n' "$out" >&2
        exit 1
    fi
    touch target/opensearch-node.jar   # the jar plugin keeps an unchanged jar's old mtime
fi

# The -D flags mirror the official distribution's jvm.options (Netty without Unsafe,
# compatible locale data for date formats, log4j without JMX). C1-only JIT starts ~1-5 s
# faster and uses ~30 MB less; fine for test-sized loads. OPENSEARCH_JAVA_OPTS comes last,
# so e.g. OPENSEARCH_JAVA_OPTS=-XX:TieredStopAtLevel=4 restores the full JIT.
exec java -Xms512m -Xmx512m -XX:TieredStopAtLevel=1 \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0 \
    -Djava.locale.providers=SPI,COMPAT -Dlog4j2.disable.jmx=true \
    ${OPENSEARCH_JAVA_OPTS:-} \
    -cp "target/opensearch-node.jar:target/lib/*" collectif.opensearch.OpenSearchNode "$@"
