package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealthDetailsFilterTest {

    @Test
    void anonymousCallersGetEachCheckWithoutItsDetails() {
        String full = """
                {"status":"DOWN","checks":[{"name":"database","status":"DOWN","data":{"reachable":"false",\
                "error":"JdbcSQLNonTransientConnectionException: Database may be already in use: /srv/data"}},\
                {"name":"model","status":"UP","data":{"checksum":"a9ca96","state":"READY"}}]}""";
        assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"},"
                + "{\"name\":\"model\",\"status\":\"UP\"}]}", HealthDetailsFilter.withoutDetails(full, true));
        assertEquals("{}", HealthDetailsFilter.withoutDetails("not json", false));
    }

    @Test
    void everybodySeesWhichNamedNodeAnsweredAndHowManyMembersItSees() {
        String full = "{\"status\":\"UP\",\"checks\":[{\"name\":\"cluster\",\"status\":\"UP\",\"data\":{\"node\":\"node2\","
                + "\"clusterSize\":\"3\"}},{\"name\":\"database\",\"status\":\"UP\",\"data\":{\"vendor\":\"PostgreSQL\"}}]}";
        assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"cluster\",\"status\":\"UP\",\"data\":{\"node\":\"node2\","
                + "\"clusterSize\":\"3\"}},{\"name\":\"database\",\"status\":\"UP\"}]}",
                HealthDetailsFilter.withoutDetails(full, true));
        assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"cluster\",\"status\":\"UP\"},"
                + "{\"name\":\"database\",\"status\":\"UP\"}]}", HealthDetailsFilter.withoutDetails(full, false),
                "a node named after its host keeps the host name to insiders");
    }

    @Test
    void onlyADirectCallerOnThisMachineIsLocal() {
        String server = "192.0.2.2";
        assertTrue(HealthDetailsFilter.isLocal("127.0.0.1", server, false));
        assertTrue(HealthDetailsFilter.isLocal("0:0:0:0:0:0:0:1", server, false));
        assertTrue(HealthDetailsFilter.isLocal(server, server, false), "the machine calling itself by its address");
        assertFalse(HealthDetailsFilter.isLocal("127.0.0.1", server, true), "through a proxy on this machine: anybody");
        assertFalse(HealthDetailsFilter.isLocal(server, server, true));
        assertFalse(HealthDetailsFilter.isLocal("203.0.113.9", server, false));
        assertFalse(HealthDetailsFilter.isLocal("localhost", server, false), "an address, never a name to look up");
        assertFalse(HealthDetailsFilter.isLocal(null, server, false));
    }
}
