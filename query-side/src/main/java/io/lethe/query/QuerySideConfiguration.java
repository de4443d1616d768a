package io.lethe.query;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The query side's housekeeping (expiry of provision records) runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QuerySideConfiguration {
}
