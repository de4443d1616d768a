package io.lethe.platform.roles;

import io.lethe.platform.EmbeddedPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README promises that every node of the distributed shape serves the whole API, whatever its
 * role, so any node is an entry point. A side's controllers are loaded without its role, minus what
 * the side runs (handlers, jobs): a controller that also carried a job or a handler would silently
 * vanish from every node without the role. Each role's node must map the same operations as the
 * all-in-one node.
 */
class EveryNodeServesTheWholeApiTest {

    @TempDir
    Path dataDirectory;

    @Test
    void everyRolesNodeServesTheSameOperationsAsTheAllInOneNode() {
        Set<String> allInOne = operations("all", "command,query,saga");
        assertThat(allInOne).contains("GET /api/provision-records", "GET /api/subjects/{subjectId}",
                "POST /api/subjects", "GET /api/admin/overdue-deadlines");
        for (LetheRole role : LetheRole.values()) {
            assertThat(operations(role.propertyValue(), role.propertyValue()))
                    .as("the operations of a node with lethe.roles=%s", role.propertyValue())
                    .containsExactlyElementsOf(allInOne);
        }
    }

    /** Every method and path the node's MVC handler mapping serves, as "GET /path". */
    private Set<String> operations(String node, String roles) {
        try (ConfigurableApplicationContext context = EmbeddedPlatform.start(dataDirectory.resolve(node),
                "--lethe.embedded-postgres.durable=false",
                "--lethe.roles=" + roles,
                "--db-scheduler.enabled=" + roles.contains("saga"))) {
            Set<String> operations = new TreeSet<>();
            context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet()
                    .forEach(mapping -> add(mapping, operations));
            return operations;
        }
    }

    private static void add(RequestMappingInfo mapping, Set<String> operations) {
        Set<String> methods = mapping.getMethodsCondition().getMethods().isEmpty() ? Set.of("ANY")
                : mapping.getMethodsCondition().getMethods().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
        for (String method : methods) {
            for (String pattern : mapping.getPatternValues()) {
                operations.add(method + " " + pattern);
            }
        }
    }
}
