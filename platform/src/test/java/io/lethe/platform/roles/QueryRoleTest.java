package io.lethe.platform.roles;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A process started with {@code lethe.roles=query} carries the query side and nothing of the command side. */
@PlatformTest
@TestPropertySource(properties = {"lethe.roles=query", "db-scheduler.enabled=false"})
class QueryRoleTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;

    @Test
    void onlyTheQuerySideIsLoaded() throws Exception {
        List<String> packages = Arrays.stream(context.getBeanDefinitionNames())
                .map(name -> context.getType(name))
                .filter(type -> type != null && type.getPackageName().startsWith("io.lethe."))
                .map(Class::getPackageName)
                .distinct()
                .toList();
        assertThat(packages).anyMatch(name -> name.startsWith("io.lethe.query"))
                .noneMatch(name -> name.startsWith("io.lethe.command") || name.startsWith("io.lethe.saga"));
        assertThat(context.getBeansWithAnnotation(RestController.class).values())
                .allMatch(controller -> !controller.getClass().getPackageName().startsWith("io.lethe.command"));

        mvc.perform(get("/api/subjects").with(httpBasic("staff", "lethe-staff"))).andExpect(status().isOk());
        mvc.perform(post("/api/subjects").with(httpBasic("service", "lethe-service"))
                        .contentType("application/json").content("{}"))
                .andExpect(status().isMethodNotAllowed());
    }
}
