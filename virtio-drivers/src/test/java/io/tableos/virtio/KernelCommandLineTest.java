package io.tableos.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests kernel command-line splitting on lines shaped like the ones qemu-node.sh builds. */
class KernelCommandLineTest {

    @Test
    void keepsOnlyTableosWordsInOrder() {
        Map<String, String> parameters = KernelCommandLine.parse(
                "console=ttyS0 panic=1 tableos.node=3 quiet tableos.sqlport=15432 tableos.raftport=16000\n");
        assertEquals(List.of("tableos.node", "tableos.sqlport", "tableos.raftport"), List.copyOf(parameters.keySet()));
        assertEquals("3", parameters.get("tableos.node"));
        assertEquals("16000", parameters.get("tableos.raftport"));
    }

    @Test
    void quotedValueKeepsBlanksAndLosesQuotes() {
        Map<String, String> parameters = KernelCommandLine.parse(
                "tableos.jvmopts=\"-Xss512k -XX:+UseSerialGC\" tableos.node=1");
        assertEquals("-Xss512k -XX:+UseSerialGC", parameters.get("tableos.jvmopts"));
        assertEquals("1", parameters.get("tableos.node"));
    }

    @Test
    void flagWithoutValueAndRepeatedKey() {
        Map<String, String> parameters = KernelCommandLine.parse("tableos.debug tableos.node=1   tableos.node=4");
        assertEquals("", parameters.get("tableos.debug"));
        assertEquals("4", parameters.get("tableos.node"));
        assertEquals(2, parameters.size());
    }

    @Test
    void peersListSurvivesIntact() {
        Map<String, String> parameters = KernelCommandLine.parse(
                "tableos.peers=1@10.0.2.2:16001,2@10.0.2.2:16002,3@10.0.2.2:16003");
        assertEquals("1@10.0.2.2:16001,2@10.0.2.2:16002,3@10.0.2.2:16003", parameters.get("tableos.peers"));
    }

    @Test
    void emptyLineHasNoParameters() {
        assertEquals(Map.of(), KernelCommandLine.parse("   \n"));
    }
}
