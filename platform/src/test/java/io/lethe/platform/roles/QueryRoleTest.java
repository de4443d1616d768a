package io.lethe.platform.roles;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RestController;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A process started with {@code lethe.roles=query} runs the query side's handlers and none of the
 * command side's or the sagas', yet serves the whole API: a command it cannot handle itself is
 * dispatched, and here, in one JVM with no command node, answers 503 (over Axon Server a command node
 * takes it).
 */
@PlatformTest
@TestPropertySource(properties = {"lethe.roles=query", "db-scheduler.enabled=false"})
class QueryRoleTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;

    @Test
    void theQuerySideRunsAndEverySideServes() throws Exception {
        List<Class<?>> types = Arrays.stream(context.getBeanDefinitionNames())
                .map(name -> context.getType(name))
                .filter(type -> type != null && type.getPackageName().startsWith("io.lethe."))
                .<Class<?>>map(type -> type)
                .toList();
        assertThat(types).anyMatch(type -> type.isAnnotationPresent(ProcessingGroup.class)
                && type.getPackageName().startsWith("io.lethe.query"));
        assertThat(types).as("no aggregate, saga or handler of another side")
                .noneMatch(type -> type.isAnnotationPresent(Aggregate.class) || type.isAnnotationPresent(Saga.class))
                .noneMatch(type -> type.getPackageName().startsWith("io.lethe.saga"))
                .noneMatch(type -> type.getPackageName().startsWith("io.lethe.command")
                        && type.isAnnotationPresent(ProcessingGroup.class));
        assertThat(context.getBeansWithAnnotation(RestController.class).values())
                .anyMatch(controller -> controller.getClass().getPackageName().startsWith("io.lethe.command"));

        mvc.perform(get("/api/subjects").with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk());
        mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service")).contentType("application/json")
                        .content("{\"jurisdiction\":\"EU\",\"name\":\"Nobody Handles\",\"dateOfBirth\":\"1990-01-01\","
                                + "\"email\":\"nobody@example.eu\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:messaging-unavailable"));
    }
}
